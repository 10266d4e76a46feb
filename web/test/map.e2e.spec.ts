// What a person sees, against a real hub (fresh PostGIS database, demo stations) serving the
// built app under its production Content-Security-Policy.
import '../../hub/test/support/env';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { StationView } from '@wattsup/contracts';
import { TerminalStatusRecorder } from '../../hub/src/terminals/terminal-status.recorder';
import { DEMO_AREAS, generateStations } from '../../hub/src/seed/station-generator';
import { writeStations } from '../../hub/src/seed/station-writer';
import { startTestApp, type TestApp } from '../../hub/test/support/test-app';
import { launchChromium, openPage, saveScreenshot } from './browser';

const SLOW_MS = 60_000;

describe('web app on a real hub', () => {
  // The test hub of `startTestHub`, kept whole so that a test can change a terminal's status
  // through the hub's own status pipeline, as a charger would.
  let hub: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let browserErrors: string[];

  beforeAll(async () => {
    hub = await startTestApp();
    await writeStations(hub.orm.em.fork(), [...generateStations(DEMO_AREAS)]);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  beforeEach(async () => {
    ({ context, page, errors: browserErrors } = await openPage(browser, hub.url));
  });

  afterEach(async () => {
    await context.close();
    expect(browserErrors).toEqual([]);
  });

  const stationCount = async () =>
    Number(await page.locator('[data-station-count]').getAttribute('data-station-count'));

  it(
    'draws the bundled basemap and the demo stations',
    async () => {
      const firstTile = page.waitForResponse((response) =>
        /\/tiles\/stations\/\d+\/\d+\/\d+\.mvt$/.test(response.url()),
      );
      await page.goto('/');
      await page.locator('.maplibregl-canvas').waitFor();
      await page.locator('[data-basemap="bundled"][data-map-loaded]').waitFor();
      await page.locator('[data-station-count]').waitFor();

      expect(await stationCount()).toBeGreaterThan(0);
      await expect(page.title()).resolves.toContain('Watts Up');

      // Stations now come as vector tiles, their live counts over `/live`.
      await page.locator('[data-live="connected"]').waitFor();
      expect((await firstTile).status()).toBe(200);
      await saveScreenshot(page, 'map');
    },
    SLOW_MS,
  );

  it(
    'opens a station from a link and from the map',
    async () => {
      type Stations = { features: { properties: { id: string; name: string } }[] };
      const inFrance = (await (
        await page.request.get('/api/v1/stations?bbox=-5,42,8.5,51.5')
      ).json()) as Stations;
      const inToulouse = (await (
        await page.request.get('/api/v1/stations?bbox=1.3,43.5,1.6,43.7')
      ).json()) as Stations;
      const [station] = inToulouse.features;

      await page.goto(`/#/stations/${station.properties.id}`);
      const panel = page.getByRole('complementary', { name: station.properties.name });
      await panel
        .getByText(/\d+(\.\d)? kW · .+ · \d+\/\d+/)
        .first()
        .waitFor();
      await panel
        .getByText(/^(Available|Occupied|Reserved|Unavailable|Faulted|Offline|Unknown)$/)
        .first()
        .waitFor();
      await saveScreenshot(page, 'station-panel');

      // The station sat in a cluster of the France view: the map zooms in on it, then loads the
      // stations of its new, smaller view.
      await page.waitForFunction((franceCount) => {
        const count = document
          .querySelector('[data-station-count]')
          ?.getAttribute('data-station-count');
        return count != null && Number(count) < franceCount;
      }, inFrance.features.length);

      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
      expect(new URL(page.url()).hash).toBe('#/');

      // The station is now in the middle of the map: selecting it opens it again.
      await page.getByRole('region', { name: 'Map of charging stations' }).click();
      await page.getByRole('complementary').getByRole('heading', { level: 2 }).waitFor();
      expect(new URL(page.url()).hash).toMatch(/^#\/stations\/[0-9a-f-]{36}$/);
    },
    SLOW_MS,
  );

  it(
    'shows a terminal status change live, on the map and in the opened station',
    async () => {
      type Stations = { features: { properties: { id: string } }[] };
      const inToulouse = (await (
        await page.request.get('/api/v1/stations?bbox=1.3,43.5,1.6,43.7')
      ).json()) as Stations;
      const stationId = inToulouse.features[0].properties.id;
      const station = (await (
        await page.request.get(`/api/v1/stations/${stationId}`)
      ).json()) as StationView;
      const { available, total } = station.availability;
      expect(total).toBeGreaterThan(0);

      await page.goto(`/#/stations/${stationId}`);
      const panel = page.getByRole('complementary', { name: station.name });
      const freeText = (free: number) => new RegExp(`^\\s*${free}\\s+of\\s+${total}\\b`);
      await panel.getByText(freeText(available)).waitFor();
      await page.locator('[data-live="connected"]').waitFor();
      // The snapshot of the view has been applied to the map.
      await page.waitForFunction(
        () =>
          Number(document.querySelector('[data-live-updates]')?.getAttribute('data-live-updates')) >
          0,
      );
      const updatesBefore = Number(
        await page.locator('[data-live-updates]').getAttribute('data-live-updates'),
      );

      // Every terminal of the station flips: all taken if some were free, else all free.
      const next = available > 0 ? 'OCCUPIED' : 'AVAILABLE';
      await hub.app.get(TerminalStatusRecorder).record(
        station.terminals.map((terminal) => ({
          terminalId: terminal.id,
          status: next,
          source: 'SUPPORT' as const,
          occurredAt: new Date(),
        })),
      );

      await page.waitForFunction(
        (before) =>
          Number(document.querySelector('[data-live-updates]')?.getAttribute('data-live-updates')) >
          before,
        updatesBefore,
      );
      await panel.getByText(freeText(next === 'OCCUPIED' ? 0 : total)).waitFor();
    },
    SLOW_MS,
  );

  it(
    'explains the service on the about page',
    async () => {
      await page.goto('/');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'About' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'About Watts Up' }).waitFor();
      expect(new URL(page.url()).hash).toBe('#/about');
    },
    SLOW_MS,
  );

  it(
    'registers, signs out, and refuses a second account with the same email',
    async () => {
      const header = page.getByRole('banner');
      const email = `driver-${Date.now()}@example.org`;
      const password = 'a long enough password';

      await page.goto('/');
      await header.getByRole('link', { name: 'Create account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Display name').fill('Ada Driver');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Create account' }).click();

      await header.getByText('Ada Driver').waitFor();
      expect(new URL(page.url()).hash).toBe('#/');

      await header.getByRole('button', { name: 'Sign out' }).click();
      await header.getByRole('link', { name: 'Sign in' }).waitFor();

      await header.getByRole('link', { name: 'Create account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Create account' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect((await alert.textContent())?.trim()).not.toBe('');

      // The sign-up form has the same labels: fill only once the sign-in form has replaced it.
      await header.getByRole('link', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await header.getByText('Ada Driver').waitFor();
    },
    SLOW_MS,
  );
});
