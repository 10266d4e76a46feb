// The console's Stations and Customers tabs against a real hub serving the built app: an admin
// places a new station by clicking the map and drivers' map API has it at once; an admin blocks a
// customer, who can then no longer sign in; an admin registers a charger and sees its password once.
// Screenshots go to web/test-results/admin-console.
import '../../hub/test/support/env';
import type { Browser, Page } from 'playwright-core';
import type { AdminStationPage, StationFeatureCollection } from '@wattsup/contracts';
import { registeredDriver } from '../../hub/test/support/http';
import { adminSession } from '../../hub/test/support/ocpp';
import { startTestApp, type TestApp } from '../../hub/test/support/test-app';
import { signInThroughPage } from './support/sign-in';
import { launchChromium, openPage, type OpenedPage, saveScreenshot } from './browser';

/** `registeredDriver`'s password. */
const DRIVER_PASSWORD = 'correct horse battery';
const SLOW_MS = 60_000;

describe('the Stations and Customers tabs of the console', () => {
  let hub: TestApp;
  let browser: Browser;
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    hub = await startTestApp();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  afterEach(async () => {
    for (const { context, errors } of opened.splice(0)) {
      await context.close();
      expect(errors).toEqual([]);
    }
  });

  const notifications = (page: Page) => page.getByRole('region', { name: 'Notifications' });

  async function signIn(email: string, password: string): Promise<Page> {
    const browserPage = await openPage(browser, hub.url);
    opened.push(browserPage);
    const { page } = browserPage;
    await signInThroughPage(page, email, password);
    return page;
  }

  async function signedInAsAdmin(): Promise<Page> {
    const page = await signIn(hub.config.ADMIN_EMAIL!, hub.config.ADMIN_PASSWORD!);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return page;
  }

  it(
    'creates a station by clicking its place on the map; the driver map API has it',
    async () => {
      const page = await signedInAsAdmin();
      await page.goto('/#/admin/stations');
      await page.getByRole('button', { name: 'New station' }).click();
      const editor = page.getByRole('region', { name: 'New station' });
      const map = editor.getByRole('region', { name: /click the map to place it/ });
      await editor.locator('[data-map-loaded]').waitFor();
      await map.click({ position: { x: 620, y: 160 } });
      const lon = Number(await editor.getByLabel('Longitude').inputValue());
      const lat = Number(await editor.getByLabel('Latitude').inputValue());
      // France at zoom 5, clicked near the middle.
      expect(lon).toBeGreaterThan(-5);
      expect(lon).toBeLessThan(9);
      expect(lat).toBeGreaterThan(42);
      expect(lat).toBeLessThan(51);

      await editor.getByLabel('Name').fill('Halle de la Machine');
      await editor.getByLabel('Operator').fill('Watts Up Ops');
      const terminal = editor.getByRole('group', { name: 'Charge point 1' });
      await terminal.getByLabel('PDC id').fill('FR*WUE*E2E01');
      await terminal.getByLabel('Power (kW)').fill('50');
      await terminal.getByLabel('CCS Combo').check();
      await saveScreenshot(page, 'admin-new-station');
      await editor.getByRole('button', { name: 'Create station' }).click();
      await notifications(page)
        .getByText('Halle de la Machine is created and on the map.')
        .waitFor();
      await page
        .getByRole('table', { name: /^Stations/ })
        .getByText('Halle de la Machine')
        .waitFor();

      // What a driver's map reads around that place.
      const around = `${lon - 0.01},${lat - 0.01},${lon + 0.01},${lat + 0.01}`;
      const inView = (await (
        await fetch(`${hub.url}/api/v1/stations?bbox=${around}`)
      ).json()) as StationFeatureCollection;
      expect(inView.features.map((feature) => feature.properties)).toEqual([
        expect.objectContaining({
          name: 'Halle de la Machine',
          total: 1,
          maxPowerKw: 50,
          plugs: ['CCS_COMBO', 'TYPE_2'],
        }),
      ]);

      // A second station with the same PDC id: the hub's 409 is what the admin reads.
      await page.getByRole('button', { name: 'New station' }).click();
      const again = page.getByRole('region', { name: 'New station' });
      await again.getByLabel('Name').fill('Copy');
      await again.getByLabel('Longitude').fill(String(lon));
      await again.getByLabel('Latitude').fill(String(lat));
      await again
        .getByRole('group', { name: 'Charge point 1' })
        .getByLabel('PDC id')
        .fill('FR*WUE*E2E01');
      await again.getByRole('button', { name: 'Create station' }).click();
      await notifications(page)
        .getByText(
          'PDC id FR*WUE*E2E01 is already used by a charge point of station Halle de la Machine.',
        )
        .waitFor();
      const admin = await adminSession(hub);
      const named = await admin.get('/api/v1/admin/stations?q=copy').expect(200);
      expect((named.body as AdminStationPage).total).toBe(0);
    },
    SLOW_MS,
  );

  it(
    'blocks a customer, who can no longer sign in',
    async () => {
      const { email } = await registeredDriver(hub.url);
      const page = await signedInAsAdmin();
      await page.goto('/#/admin/customers');
      await page.getByLabel('Email or name').fill(email);
      await page.getByRole('button', { name: 'Search' }).click();
      const row = page.getByRole('row').filter({ hasText: email });
      await row.getByRole('button', { name: 'Block' }).click();
      const dialog = page.getByRole('dialog', { name: `Block ${email}?` });
      await dialog.getByRole('button', { name: 'Block account' }).click();
      await notifications(page)
        .getByText(`${email} is blocked: signed out everywhere, and cannot sign in.`)
        .waitFor();
      await row.getByText('Blocked').waitFor();

      const driver = await signIn(email, DRIVER_PASSWORD);
      await notifications(driver)
        .getByText('This account is blocked. Contact customer service to have it reopened.')
        .waitFor();
      expect(await driver.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    },
    SLOW_MS,
  );

  it(
    'registers a charger and shows its password once; a taken identity keeps the form open',
    async () => {
      const page = await signedInAsAdmin();
      await page.goto('/#/admin/chargers');
      await page.getByRole('button', { name: 'Register a charger' }).click();
      const form = page.getByRole('dialog', { name: 'Register a charger' });
      await form.getByLabel('Identity').fill('CP-E2E-01');
      await form.getByRole('button', { name: 'Register charger' }).click();
      await notifications(page)
        .getByText('CP-E2E-01 is registered. Save its password now: it is shown once.')
        .waitFor();
      const shown = page.getByRole('dialog', { name: 'Charger CP-E2E-01 is registered' });
      expect(await shown.locator('[data-credential="identity"]').textContent()).toBe('CP-E2E-01');
      expect(
        (await shown.locator('[data-credential="password"]').textContent())?.length,
      ).toBeGreaterThanOrEqual(16);
      expect(await shown.locator('[data-credential="url"]').textContent()).toContain('CP-E2E-01');
      await shown.getByRole('button', { name: 'Copy password' }).waitFor();
      await shown.getByRole('button', { name: 'I have saved them' }).click();
      await shown.waitFor({ state: 'detached' });

      // The same identity again: the hub's refusal is a toast, and the form stays to be fixed.
      await page.getByRole('button', { name: 'Register a charger' }).click();
      await form.getByLabel('Identity').fill('CP-E2E-01');
      await form.getByRole('button', { name: 'Register charger' }).click();
      await notifications(page).getByRole('alert').first().waitFor();
      await form.getByRole('button', { name: 'Register charger' }).waitFor();
      expect(await form.getByRole('button', { name: 'Register charger' }).isEnabled()).toBe(true);
    },
    SLOW_MS,
  );
});
