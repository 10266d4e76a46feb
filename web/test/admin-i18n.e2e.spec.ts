// The fleet console in French: an operator whose browser is set to French signs in and reads the
// console's frame (title, tabs), the dashboard, the chargers, the support inbox and the imports in
// French, dates and numbers written the French way.
import '../../hub/test/support/env';
import type { Browser } from 'playwright-core';
import { OFFICIAL_EXAMPLE } from '../../hub/test/imports.helpers';
import { registeredDriver } from '../../hub/test/support/http';
import { adminSession } from '../../hub/test/support/ocpp';
import { startTestApp, type TestApp } from '../../hub/test/support/test-app';
import { launchChromium, openPage, type OpenedPage, saveScreenshot } from './browser';

const SLOW_MS = 60_000;

describe('the fleet console in French', () => {
  let hub: TestApp;
  let browser: Browser;
  let opened: OpenedPage | undefined;

  beforeAll(async () => {
    hub = await startTestApp();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await opened?.context.close();
    await browser?.close();
    await hub?.close();
  });

  it(
    'shows a fr-FR operator the console frame, the dashboard, the chargers, the support inbox and the imports in French',
    async () => {
      const admin = await adminSession(hub);
      await admin
        .post('/api/v1/admin/chargers')
        .send({ identity: 'CP-FR-01', protocol: 'ocpp1.6' })
        .expect(201);

      opened = await openPage(browser, hub.url, { locale: 'fr-FR' });
      const { page } = opened;
      await page.goto('/#/login');
      const form = page.locator('form');
      await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
      await form.getByLabel('E-mail').fill(hub.config.ADMIN_EMAIL!);
      await form.getByLabel('Mot de passe').fill(hub.config.ADMIN_PASSWORD!);
      await form.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();

      // The console's frame: its title, its tabs and the document title.
      await page.goto('/#/admin/fleet');
      await page.getByRole('heading', { level: 1, name: 'Console du parc' }).waitFor();
      const tabs = page.getByRole('navigation', { name: 'Console du parc' });
      const tabNames = ['Parc', 'Bornes', 'Stations', 'Réservations', 'Clients', 'Assistance'];
      for (const name of [...tabNames, 'Imports'])
        await tabs.getByRole('link', { name, exact: true }).waitFor();
      await expect(
        tabs.getByRole('link', { name: 'Parc', exact: true }).getAttribute('aria-current'),
      ).resolves.toBe('page');
      await page.waitForFunction(
        (title) => document.title === title,
        'Console du parc : Parc · Watts Up',
      );

      // The dashboard.
      await page.getByRole('heading', { level: 2, name: 'Parc', exact: true }).waitFor();
      await page.getByText('En direct', { exact: true }).waitFor();
      const tile = (name: string) => page.getByRole('group', { name, exact: true });
      await tile('Bornes en ligne').getByText('0', { exact: true }).waitFor();
      await tile('Bornes en ligne').getByText('sur 1 enregistrées').waitFor();
      await tile('Bornes hors ligne').getByText('1', { exact: true }).waitFor();
      await tile('Bornes en défaut').waitFor();
      await page.getByRole('meter', { name: 'Taux d’occupation' }).waitFor();
      await page.getByRole('heading', { name: 'Points de charge par état' }).waitFor();
      await page.getByRole('heading', { name: 'Défauts et déconnexions récents' }).waitFor();
      // `22 nov., 14:32`: the French short month.
      await page.getByText(/^état au \d{1,2} [a-zéû]+\.?,? \d\d:\d\d$/).waitFor();
      await saveScreenshot(page, 'admin-fleet-fr');

      // The chargers.
      await page.goto('/#/admin/chargers');
      await page.getByRole('heading', { level: 2, name: 'Bornes', exact: true }).waitFor();
      await page.waitForFunction(
        (title) => document.title === title,
        'Console du parc : Bornes · Watts Up',
      );
      await page.getByRole('button', { name: 'Enregistrer une borne' }).click();
      const adding = page.getByRole('dialog', { name: 'Enregistrer une borne' });
      await adding.getByRole('button', { name: 'Pas maintenant' }).click();
      await adding.waitFor({ state: 'detached' });
      await page.getByText('0 en ligne sur 1').waitFor();
      const search = page.getByRole('search', { name: 'Trouver des bornes' });
      await search.getByLabel('Connexion').waitFor();
      const table = page.getByRole('table');
      for (const column of ['Borne', 'Connexion', 'Dernier contact', 'Protocole'])
        await table.getByRole('columnheader', { name: column, exact: true }).waitFor();
      const row = table.getByRole('row').filter({ hasText: 'CP-FR-01' });
      await row.getByText('Hors ligne', { exact: true }).waitFor();
      await row.getByText('Jamais', { exact: true }).waitFor();
      await row.getByRole('button', { name: 'CP-FR-01' }).click();
      const detail = page.getByRole('region', { name: 'Borne CP-FR-01' });
      await detail.getByText('La borne est hors ligne', { exact: false }).waitFor();
      expect(await detail.getByRole('button', { name: 'Demander son état' }).isDisabled()).toBe(
        true,
      );

      // The support inbox: a driver's question, read and answered in French.
      const { agent: driver } = await registeredDriver(hub.url);
      await driver
        .post('/api/v1/support/tickets')
        .send({ subject: 'Badge refusé', message: 'La borne refuse mon badge.' })
        .expect(201);
      await page.goto('/#/admin/support');
      await page.getByRole('heading', { level: 2, name: 'Assistance', exact: true }).waitFor();
      const ticket = page.locator('li[data-ticket-id]').filter({ hasText: 'Badge refusé' });
      await ticket.getByText('Ouverte', { exact: true }).waitFor();
      await ticket.getByText('mise à jour le', { exact: false }).waitFor();
      await ticket.getByRole('button', { name: /Badge refusé/ }).click();
      await ticket.getByLabel('Réponse').fill('Essayez l’application, nous regardons le badge.');
      await ticket.getByRole('button', { name: 'Envoyer la réponse' }).click();
      await page.getByText('Votre réponse est envoyée.').waitFor();
      await ticket.getByText('Répondue', { exact: true }).waitFor();

      // The imports: one runs to its end.
      await page.goto('/#/admin/imports');
      await page.getByRole('heading', { level: 2, name: 'Imports', exact: true }).waitFor();
      await page.getByText('Aucun import pour le moment.').waitFor();
      const upload = await admin
        .post('/api/v1/admin/imports')
        .attach('file', OFFICIAL_EXAMPLE)
        .expect(202);
      const run = page.locator(`li[data-import-id="${upload.body.importId}"]`);
      await run.getByText('terminé', { exact: true }).waitFor();
      await run
        .getByRole('progressbar', { name: 'Progression de exemple-valide-statique.csv' })
        .waitFor();
      await run.getByText(/lignes lues · \d+ acceptées · \d+ rejetées/).waitFor();
      await run.getByText(/^Envoyé le \d{1,2} [a-zéû]+\.?,? \d\d:\d\d/).waitFor();
      await saveScreenshot(page, 'admin-imports-fr');

      // The header's switch turns the console English at once, without a reload.
      await page.locator('header.app-header').getByRole('button', { name: 'EN' }).click();
      await run.getByText('completed', { exact: true }).waitFor();
      await run.getByText(/rows read · \d+ accepted · \d+ rejected/).waitFor();
      await page.getByText('Live', { exact: true }).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Fleet console' }).waitFor();
      await page
        .getByRole('navigation', { name: 'Fleet console' })
        .getByRole('link', { name: 'Support inbox' })
        .waitFor();
      await page.waitForFunction(
        (title) => document.title === title,
        'Fleet console: Imports · Watts Up',
      );
      expect(opened.errors).toEqual([]);
    },
    SLOW_MS,
  );
});
