// A French browser sees the app in French; the header's switch turns it English (and back).
import '../../hub/test/support/env';
import type { ReservationView, StationView } from '@wattsup/contracts';
import type { Browser } from 'playwright-core';
import { registeredDriver } from '../../hub/test/support/http';
import { adminSession } from '../../hub/test/support/ocpp';
import { onlineCharger } from '../../hub/test/support/reservations';
import { startTestApp, type TestApp } from '../../hub/test/support/test-app';
import { launchChromium } from './browser';

/** `registeredDriver`'s password. */
const DRIVER_PASSWORD = 'correct horse battery';

const SLOW_MS = 60_000;

describe('languages', () => {
  let hub: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    hub = await startTestApp();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it(
    'shows a fr-FR browser the header and map toolbar in French, and the switch turns them English',
    async () => {
      const context = await browser.newContext({
        baseURL: hub.url,
        viewport: { width: 1280, height: 800 },
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto('/');
        const header = page.locator('header.app-header');
        const toolbar = page.getByRole('toolbar', { name: 'Trouver un point de charge' });
        await toolbar.getByRole('button', { name: 'Afficher ma position' }).waitFor();
        await toolbar.getByRole('button', { name: 'Filtres' }).waitFor();
        await header.getByRole('link', { name: 'Carte' }).waitFor();
        await header.getByRole('link', { name: 'Se connecter' }).waitFor();
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');

        await header.getByRole('button', { name: 'EN' }).click();
        await page.getByRole('toolbar', { name: 'Find a charge point' }).waitFor();
        await header.getByRole('link', { name: 'Sign in' }).waitFor();
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');

        // The choice outlives a reload, over the browser's language.
        await page.reload();
        await header.getByRole('link', { name: 'Map', exact: true }).waitFor();
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    SLOW_MS,
  );
  it(
    'marks a French driver’s position as “Votre position”, and says in French when it is refused',
    async () => {
      const located = await browser.newContext({
        baseURL: hub.url,
        viewport: { width: 1280, height: 800 },
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      const refused = await browser.newContext({
        baseURL: hub.url,
        viewport: { width: 1280, height: 800 },
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      const errors: string[] = [];
      try {
        await located.grantPermissions(['geolocation']);
        await located.setGeolocation({ latitude: 48.11, longitude: -1.68 });
        const page = await located.newPage();
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto('/');
        await page.locator('[data-map-loaded]').waitFor();
        await page.getByRole('button', { name: 'Afficher ma position' }).click();
        await page.getByRole('img', { name: 'Votre position' }).waitFor();

        const blocked = await refused.newPage();
        blocked.on('pageerror', (error) => errors.push(error.message));
        await blocked.goto('/');
        await blocked.locator('[data-map-loaded]').waitFor();
        await blocked.getByRole('button', { name: 'Afficher ma position' }).click();
        await blocked
          .getByRole('alert')
          .getByText('La localisation est bloquée pour ce site', { exact: false })
          .waitFor();
        expect(errors).toEqual([]);
      } finally {
        await located.close();
        await refused.close();
      }
    },
    SLOW_MS,
  );

  it(
    'shows a French driver My vehicles (its credentials, its battery as 52,5 kWh) and My reservations in French',
    async () => {
      const { email } = await registeredDriver(hub.url);
      const context = await browser.newContext({
        baseURL: hub.url,
        viewport: { width: 1280, height: 800 },
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto('/#/vehicles');
        const main = page.locator('article.page');
        await main.getByRole('heading', { name: 'Mes véhicules' }).waitFor();
        await main.getByText('pour voir vos véhicules').waitFor();
        await main.getByRole('link', { name: 'Connectez-vous' }).click();
        await page.getByLabel('E-mail').fill(email);
        await page.getByLabel('Mot de passe').fill(DRIVER_PASSWORD);
        await page.locator('form').getByRole('button', { name: 'Se connecter' }).click();

        // Back on My vehicles, signed in.
        await main.getByText('Aucun véhicule pour le moment').waitFor();
        await main.getByRole('button', { name: 'Ajouter un véhicule' }).click();
        const dialog = page.getByRole('dialog', { name: 'Ajouter un véhicule' });
        await dialog.getByLabel('Batterie utile (kWh)').waitFor();
        const plugs = dialog.getByRole('group', { name: 'Prises acceptées' });
        await plugs.getByLabel('Combo CCS').waitFor();
        await plugs.getByLabel('Prise domestique E/F').waitFor();
        await dialog.getByRole('button', { name: 'Pas maintenant' }).waitFor();
        await dialog.getByLabel('Nom').fill('Zoe');
        await dialog.getByLabel('Batterie utile (kWh)').fill('52.5');
        await plugs.getByLabel('Type 2').check();
        await dialog.getByRole('button', { name: 'Ajouter le véhicule' }).click();

        // Its credentials, shown once, in French; then the battery with a decimal comma.
        const credentials = page.getByRole('dialog', { name: 'Identifiants MQTT de Zoe' });
        await credentials.getByRole('button', { name: 'Copier le mot de passe' }).waitFor();
        await credentials.getByRole('button', { name: 'Je les ai enregistrés' }).click();
        await credentials.waitFor({ state: 'detached' });
        await main
          .getByRole('listitem', { name: 'Zoe' })
          .getByText('Batterie de 52,5 kWh', { exact: false })
          .waitFor();

        await page.goto('/#/reservations');
        await main.getByRole('heading', { name: 'Mes réservations' }).waitFor();
        await main.getByRole('heading', { name: 'En cours' }).waitFor();
        await main.getByText('Aucune réservation en cours.').waitFor();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    SLOW_MS,
  );

  it(
    'tells a French driver in French, with the station and end time, that they already hold one',
    async () => {
      const charger = await onlineCharger(hub, await adminSession(hub), {
        identity: 'WEB-I18N',
        protocol: 'ocpp1.6',
        terminals: 2,
      });
      const { email } = await registeredDriver(hub.url);
      const context = await browser.newContext({
        baseURL: hub.url,
        viewport: { width: 1280, height: 800 },
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto('/#/login');
        await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
        await page.getByLabel('E-mail').fill(email);
        await page.getByLabel('Mot de passe').fill(DRIVER_PASSWORD);
        await page.locator('form').getByRole('button', { name: 'Se connecter' }).click();
        await page.getByRole('banner').getByText(email).waitFor();

        // The driver holds the first charge point, then asks for the second.
        const held = await page.request.post('/api/v1/reservations', {
          data: { terminalId: charger.terminalIds[0] },
        });
        expect(held.status()).toBe(201);
        const { expiresAt } = (await held.json()) as ReservationView;
        const station = (await (
          await page.request.get(`/api/v1/stations/${charger.stationId}`)
        ).json()) as StationView;
        const second = station.terminals.find(({ id }) => id === charger.terminalIds[1])!;
        await page.goto(`/#/stations/${charger.stationId}`);
        const panel = page.getByRole('complementary', { name: station.name });
        await panel
          .getByRole('button', { name: `Réserver le point de charge 22 kW ${second.pdcId}` })
          .click();
        const dialog = page.getByRole('dialog', { name: 'Réserver ce point de charge ?' });
        await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();

        const until = new Intl.DateTimeFormat('fr-FR', {
          hour: '2-digit',
          minute: '2-digit',
          timeZone: 'Europe/Paris',
        }).format(new Date(expiresAt));
        await page
          .getByRole('region', { name: 'Notifications' })
          .getByText(`Vous avez déjà une réservation à ${station.name} jusqu’à ${until}.`)
          .waitFor();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
        await charger.client.close({ force: true });
      }
    },
    SLOW_MS,
  );
});
