// A French browser sees the app in French; the header's switch turns it English (and back).
import '../../hub/test/support/env';
import type { Browser } from 'playwright-core';
import { registeredDriver } from '../../hub/test/support/http';
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
    'shows a French driver My vehicles and My reservations in French',
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
});
