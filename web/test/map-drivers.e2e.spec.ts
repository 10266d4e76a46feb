// What a driver does on the map: filter the stations, find where they are, and find the nearest
// free charge point for their car, against a real hub.
import '../../hub/test/support/env';
import {
  type PlugType,
  TESLA_SUPERCHARGER,
  tileCoordinates,
  type TerminalStatus,
} from '@wattsup/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { writeStations } from '../../hub/src/seed/station-writer';
import { decodeMvt } from '../../hub/test/support/mvt';
import { startTestApp, type TestApp } from '../../hub/test/support/test-app';
import { launchChromium, openPage } from './browser';
import { testStation } from './support/stations';

const SLOW_MS = 60_000;
/** The map page's first view (MapPage): France at zoom 5, where the hub's tiles are clusters. */
const FIRST_VIEW = { center: [2.45, 46.6] as const, zoom: 5 };

const station = (
  code: string,
  lon: number,
  lat: number,
  plug: PlugType,
  statuses: TerminalStatus[],
  network: string | null = null,
) =>
  testStation({
    tag: 'DRV',
    code,
    name: `Driver test ${code}`,
    lon,
    lat,
    network,
    terminals: statuses.map((status) => ({
      powerKw: plug === 'TYPE_2' ? 22 : 150,
      plugs: [plug],
      status,
    })),
  });

// One z5 cluster in Brittany: two Superchargers and a Type 2 station. A lone Type 2 station in
// Normandy. Near Rennes, where the driver stands: a Type 2 station right there, a CHAdeMO whose
// terminals are all taken, and a free CHAdeMO further away.
const CLUSTER = [
  station('1', -3.0, 48.0, 'CCS_COMBO', ['AVAILABLE', 'AVAILABLE'], TESLA_SUPERCHARGER),
  station('2', -3.001, 48.001, 'CCS_COMBO', ['OCCUPIED'], TESLA_SUPERCHARGER),
  station('3', -3.002, 48.0, 'TYPE_2', ['AVAILABLE']),
];
const NORMANDY = station('4', -0.5, 49.0, 'TYPE_2', ['AVAILABLE']);
const RENNES = { lon: -1.68, lat: 48.11 };
const AROUND_RENNES = [
  station('5', -1.681, 48.111, 'TYPE_2', ['AVAILABLE']),
  station('6', -1.69, 48.115, 'CHADEMO', ['OCCUPIED', 'OCCUPIED']),
  station('7', -1.75, 48.14, 'CHADEMO', ['OCCUPIED', 'AVAILABLE']),
];

describe('driver tools on the map', () => {
  let hub: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let browserErrors: string[];

  beforeAll(async () => {
    hub = await startTestApp();
    await writeStations(hub.orm.em.fork(), [...CLUSTER, NORMANDY, ...AROUND_RENNES]);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  afterEach(async () => {
    await context.close();
    expect(browserErrors).toEqual([]);
  });

  const open = async (options: { geolocation?: boolean } = {}) => {
    ({ context, page, errors: browserErrors } = await openPage(browser, hub.url));
    if (options.geolocation) {
      await context.grantPermissions(['geolocation']);
      await context.setGeolocation({ latitude: RENNES.lat, longitude: RENNES.lon });
    }
  };

  const mapLoaded = async (path = '/') => {
    await page.goto(path);
    await page.locator('[data-map-loaded]').waitFor();
    await page.locator('[data-live="connected"]').waitFor();
  };

  /** The red, green and blue of the map's pixel where a point is drawn in the first view. */
  async function pixelAt(lon: number, lat: number): Promise<number[]> {
    const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const point = tileCoordinates(lon, lat, FIRST_VIEW.zoom);
    const center = tileCoordinates(...FIRST_VIEW.center, FIRST_VIEW.zoom);
    const png = await page.screenshot({
      clip: {
        x: Math.round(box.x + box.width / 2 + (point.fx - center.fx) * 512),
        y: Math.round(box.y + box.height / 2 + (point.fy - center.fy) * 512),
        width: 1,
        height: 1,
      },
    });
    // Decoded by a blank page of the same browser: the app's CSP rightly refuses data: URLs.
    const decoder = await context.newPage();
    const rgb = await decoder.evaluate(async (base64) => {
      const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
      const canvas = new OffscreenCanvas(1, 1);
      const drawing = canvas.getContext('2d')!;
      drawing.drawImage(await createImageBitmap(blob), 0, 0);
      return [...drawing.getImageData(0, 0, 1, 1).data].slice(0, 3);
    }, png.toString('base64'));
    await decoder.close();
    return rgb;
  }

  /** The pixel once it differs from `before` (or as it is after 5 s). */
  const pixelChangedFrom = async (lon: number, lat: number, before: number[]) => {
    for (let tries = 0; ; tries++) {
      const now = await pixelAt(lon, lat);
      if (now.some((value, i) => Math.abs(value - before[i]) > 40) || tries === 50) return now;
      await page.waitForTimeout(100);
    }
  };

  it(
    'filters the stations: the others go, and clusters count only the matching ones',
    async () => {
      await open();
      const tiles = new Map<string, Buffer>();
      page.on('response', async (response) => {
        const url = new URL(response.url());
        if (url.pathname.startsWith('/tiles/stations/5/') && response.status() === 200)
          tiles.set(`${url.pathname}${url.search}`, await response.body());
      });
      await mapLoaded();
      await page.locator('[data-station-count="7"]').waitFor();
      const normandyBefore = await pixelAt(NORMANDY.lon, NORMANDY.lat);

      await page.getByRole('button', { name: 'Filters' }).click();
      const filters = page.getByRole('region', { name: 'Station filters' });
      await filters.getByLabel('CCS Combo').check();
      await filters.getByLabel(TESLA_SUPERCHARGER).check();
      await filters.getByRole('button', { name: 'Done' }).click();

      const query = `?plug=CCS_COMBO&network=${encodeURIComponent(TESLA_SUPERCHARGER).replace(/%20/g, '+')}`;
      await page.locator(`[data-filter="${query.slice(1)}"]`).waitFor();
      expect(new URL(page.url()).hash).toBe(`#/${query}`);
      // The Normandy station is no longer drawn: the basemap shows there.
      const normandyAfter = await pixelChangedFrom(NORMANDY.lon, NORMANDY.lat, normandyBefore);
      expect(normandyAfter).not.toEqual(normandyBefore);

      const clusterCounts = (search: string) =>
        [...tiles.entries()]
          .filter(([path]) => path.endsWith(`.mvt${search}`))
          .flatMap(([, body]) => decodeMvt(body).clusters ?? [])
          .filter((cluster) => Number(cluster.stations) > 1);
      expect(clusterCounts('')).toContainEqual(
        expect.objectContaining({ stations: 3, terminals: 4, available: 3 }),
      );
      for (let tries = 0; clusterCounts(query).length === 0 && tries < 50; tries++)
        await page.waitForTimeout(100);
      expect(clusterCounts(query)).toEqual([
        expect.objectContaining({ stations: 2, terminals: 3, available: 2 }),
      ]);

      // The filter is kept for the next visit.
      await mapLoaded('/#/');
      await page.locator(`[data-filter="${query.slice(1)}"]`).waitFor();
    },
    SLOW_MS,
  );

  it(
    'centres the map on the driver, and says so plainly when the position is refused',
    async () => {
      await open({ geolocation: true });
      await mapLoaded();
      await page.getByRole('button', { name: 'Show my position' }).click();
      const marker = page.getByRole('img', { name: 'Your position' });
      await marker.waitFor();
      expect(await marker.getAttribute('data-lon-lat')).toBe('-1.68000,48.11000');
      const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
      for (let tries = 0; tries < 50; tries++) {
        const box = (await marker.boundingBox())!;
        const dx = box.x + box.width / 2 - (canvas.x + canvas.width / 2);
        const dy = box.y + box.height / 2 - (canvas.y + canvas.height / 2);
        if (Math.hypot(dx, dy) < 2) break;
        await page.waitForTimeout(100);
      }
      const box = (await marker.boundingBox())!;
      expect(box.x + box.width / 2).toBeCloseTo(canvas.x + canvas.width / 2, 0);
      expect(box.y + box.height / 2).toBeCloseTo(canvas.y + canvas.height / 2, 0);
      await context.close();

      await open();
      await mapLoaded();
      await page.getByRole('button', { name: 'Show my position' }).click();
      await page
        .getByRole('alert')
        .getByText('Location is blocked for this site', { exact: false })
        .waitFor();
    },
    SLOW_MS,
  );

  it(
    'closes the filters and nearest panels with their × or Escape, focus back on their button',
    async () => {
      await open();
      type Stations = { features: { properties: { id: string; name: string } }[] };
      const found = (await (
        await page.request.get('/api/v1/stations?bbox=-0.6,48.9,-0.4,49.1')
      ).json()) as Stations;
      const normandy = found.features[0].properties;
      // A station is open beside the panels: Escape in a panel closes that panel only.
      await mapLoaded(`/#/stations/${normandy.id}`);
      const station = page.getByRole('complementary', { name: normandy.name });
      await station.getByRole('heading', { name: normandy.name }).waitFor();

      const hasFocus = (button: ReturnType<Page['getByRole']>) =>
        button.evaluate((element) => element === document.activeElement);
      for (const [buttonName, panelName] of [
        ['Filters', 'Station filters'],
        ['Nearest available', 'Nearest available charge points'],
      ]) {
        const toggle = page.getByRole('toolbar').getByRole('button', { name: buttonName });
        const panel = page.getByRole('region', { name: panelName });

        await toggle.click();
        await panel.getByRole('heading', { name: panelName }).waitFor();
        await panel.getByRole('button', { name: 'Close' }).click();
        await panel.waitFor({ state: 'detached' });
        await expect(hasFocus(toggle)).resolves.toBe(true);

        // Escape, from the button that opened the panel and from inside it.
        await toggle.click();
        await panel.waitFor();
        await page.keyboard.press('Escape');
        await panel.waitFor({ state: 'detached' });
        await expect(hasFocus(toggle)).resolves.toBe(true);
        await toggle.click();
        await panel.getByRole('combobox').first().focus();
        await page.keyboard.press('Escape');
        await panel.waitFor({ state: 'detached' });
        await expect(hasFocus(toggle)).resolves.toBe(true);
        await expect(station.isVisible()).resolves.toBe(true);
      }

      // With no panel open, Escape closes the station as before.
      await page.keyboard.press('Escape');
      await station.waitFor({ state: 'detached' });
    },
    SLOW_MS,
  );

  it(
    'finds the nearest free charge point for the driver’s car and opens it',
    async () => {
      await open({ geolocation: true });
      await page.request.post(`${hub.url}/api/v1/auth/register`, {
        data: { email: `nearest-${Date.now()}@wattsup.test`, password: 'correct horse battery' },
      });
      const created = await page.request.post(`${hub.url}/api/v1/vehicles`, {
        data: { name: 'Leaf', batteryKwh: 40, plugs: ['CHADEMO'] },
      });
      expect(created.status()).toBe(201);
      await mapLoaded();
      await page.getByRole('button', { name: 'Show my position' }).click();
      await page.getByRole('img', { name: 'Your position' }).waitFor();

      await page.getByRole('button', { name: 'Nearest available' }).click();
      const panel = page.getByRole('region', { name: 'Nearest available charge points' });
      await expect(panel.getByLabel('For').inputValue()).resolves.not.toBe('filter');
      await panel.getByText('from your position', { exact: false }).waitFor();
      const results = panel.getByRole('listitem');
      await results.first().waitFor();
      expect(await results.allInnerTexts()).toEqual([
        expect.stringMatching(/^Driver test 7\n\d\.\d km · 1\/2 free · up to 150 kW$/),
      ]);
      await results.first().getByRole('button').click();
      await page
        .getByRole('heading', { name: 'Driver test 7', level: 2 })
        .waitFor({ timeout: 10_000 });
      expect(new URL(page.url()).hash).toMatch(/^#\/stations\/[0-9a-f-]{36}$/);

      // With the map's filters instead, and one nobody offers: nothing within reach.
      await page.getByRole('button', { name: 'Filters' }).click();
      await page
        .getByRole('region', { name: 'Station filters' })
        .getByLabel('Domestic E/F')
        .check();
      await page.getByRole('button', { name: 'Nearest available' }).click();
      await panel.getByLabel('For').selectOption('filter');
      await panel.getByText('Nothing within reach', { exact: false }).waitFor();
    },
    SLOW_MS,
  );
});
