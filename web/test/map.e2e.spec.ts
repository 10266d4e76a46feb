// What a person sees, against a real hub (fresh PostGIS database, demo stations) serving the
// built app under its production Content-Security-Policy.
import '../../hub/test/support/env';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestHub, type TestHub } from '../../hub/test/support/test-hub';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];
const SLOW_MS = 60_000;

describe('web app on a real hub', () => {
  let hub: TestHub;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Script errors and console errors, CSP violations among them, seen during one test. */
  let browserErrors: string[];

  beforeAll(async () => {
    hub = await startTestHub({ seedDemo: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  beforeEach(async () => {
    context = await browser.newContext({
      baseURL: hub.url,
      viewport: { width: 1280, height: 800 },
    });
    page = await context.newPage();
    browserErrors = [];
    page.on('pageerror', (error) => browserErrors.push(error.message));
    page.on('console', (message) => {
      // Chromium logs every 4xx answer, e.g. `/auth/me` when signed out; those are expected.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        browserErrors.push(message.text());
      }
    });
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
      await page.goto('/');
      await page.locator('.maplibregl-canvas').waitFor();
      await page.locator('[data-basemap="bundled"][data-map-loaded]').waitFor();
      await page.locator('[data-station-count]').waitFor();

      expect(await stationCount()).toBeGreaterThan(0);
      await expect(page.title()).resolves.toContain('Watts Up');
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
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Display name').fill('Ada Driver');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Create account' }).click();

      await header.getByText('Ada Driver').waitFor();
      expect(new URL(page.url()).hash).toBe('#/');

      await header.getByRole('button', { name: 'Sign out' }).click();
      await header.getByRole('link', { name: 'Sign in' }).waitFor();

      await header.getByRole('link', { name: 'Create account' }).click();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Create account' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect((await alert.textContent())?.trim()).not.toBe('');

      await header.getByRole('link', { name: 'Sign in' }).click();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await header.getByText('Ada Driver').waitFor();
    },
    SLOW_MS,
  );
});
