// The map on a phone (issue 9): the map first, the station, filters and nearest panels as bottom
// sheets under the toolbar, against a real hub.
import '../../hub/test/support/env';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { writeStations } from '../../hub/src/seed/station-writer';
import { eventually } from '../../hub/test/support/ocpp';
import { startTestApp, type TestApp } from '../../hub/test/support/test-app';
import { STATIONS_CLUSTER_MAX_ZOOM } from '../src/stations/stations-source';
import { launchChromium, openPage, saveScreenshot } from './browser';
import { testStation } from './support/stations';

const SLOW_MS = 60_000;
const PHONE = { width: 390, height: 844 };

// Enough charge points that the station's sheet has to scroll.
const STATION = testStation({
  tag: 'PHN',
  code: '1',
  name: 'Phone test station',
  lon: 2.35,
  lat: 48.85,
  terminals: Array.from({ length: 10 }, () => ({
    powerKw: 22,
    plugs: ['TYPE_2' as const],
    status: 'AVAILABLE' as const,
  })),
});

describe('the map on a phone', () => {
  let hub: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let browserErrors: string[];

  beforeAll(async () => {
    hub = await startTestApp();
    await writeStations(hub.orm.em.fork(), [STATION]);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  beforeEach(async () => {
    ({
      context,
      page,
      errors: browserErrors,
    } = await openPage(browser, hub.url, {
      viewport: PHONE,
      hasTouch: true,
      isMobile: true,
    }));
  });

  afterEach(async () => {
    await context.close();
    expect(browserErrors).toEqual([]);
  });

  const box = async (locator: Locator) => {
    const found = await locator.boundingBox();
    if (!found) throw new Error(`${locator.toString()} is not shown`);
    return found;
  };
  const toolbar = () => page.getByRole('toolbar', { name: 'Find a charge point' });
  const toolButtons = () =>
    ['Show my position', 'Filters', 'Nearest available'].map((name) =>
      toolbar().getByRole('button', { name }),
    );

  const mapRegion = () => page.getByRole('region', { name: 'Map of charging stations' });

  /** Where the map draws a place, in the view its last move ended on (`data-view`). */
  async function drawnAt(lon: number, lat: number) {
    const [centerLon, centerLat, zoom] = (await mapRegion().getAttribute('data-view'))!
      .split(',')
      .map(Number);
    // Web Mercator, in MapLibre's 512-pixel tiles.
    const world = 512 * 2 ** zoom;
    const x = (lon: number) => ((lon + 180) / 360) * world;
    const y = (lat: number) => {
      const sin = Math.sin((lat * Math.PI) / 180);
      return (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * world;
    };
    const mapBox = await box(mapRegion());
    return {
      x: mapBox.x + mapBox.width / 2 + x(lon) - x(centerLon),
      y: mapBox.y + mapBox.height / 2 + y(lat) - y(centerLat),
    };
  }

  /** Does `action`, then waits for the map move it causes to end. */
  async function movedBy(action: () => Promise<void>) {
    const before = await mapRegion().getAttribute('data-view');
    await action();
    await page.waitForFunction(
      (view) => document.querySelector('[data-view]')?.getAttribute('data-view') !== view,
      before,
    );
  }

  /**
   * The station is drawn in the part of the map above its sheet, not under the sheet: once the
   * move that brings it there has ended (it starts when the station's details have arrived).
   */
  const expectStationAboveSheet = (sheet: Locator) =>
    eventually(() => stationAboveSheet(sheet), 10_000);

  async function stationAboveSheet(sheet: Locator) {
    const sheetBox = await box(sheet);
    const mapBox = await box(mapRegion());
    const station = await drawnAt(STATION.lon, STATION.lat);
    expect(station.y).toBeLessThan(sheetBox.y - 10);
    expect(station.y).toBeGreaterThan(mapBox.y);
    expect(station.x).toBeGreaterThan(mapBox.x);
    expect(station.x).toBeLessThan(mapBox.x + mapBox.width);
  }

  /** A sheet lies over the lower part of the map, clear of every toolbar button. */
  async function expectBottomSheet(sheet: Locator) {
    const sheetBox = await box(sheet);
    const mapBox = await box(page.getByRole('region', { name: 'Map of charging stations' }));
    expect(sheetBox.width).toBeCloseTo(PHONE.width, 0);
    expect(sheetBox.y + sheetBox.height).toBeCloseTo(PHONE.height, 0);
    // The map stays in sight above it.
    expect(sheetBox.y - mapBox.y).toBeGreaterThan(PHONE.height * 0.3);
    for (const button of toolButtons()) {
      const buttonBox = await box(button);
      expect(buttonBox.y + buttonBox.height).toBeLessThanOrEqual(sheetBox.y);
    }
  }

  it(
    'shows the stations, opens a tapped one as a bottom sheet under the toolbar, filters too',
    async () => {
      type Stations = { features: { properties: { id: string } }[] };
      const found = (await (
        await page.request.get('/api/v1/stations?bbox=2.3,48.8,2.4,48.9')
      ).json()) as Stations;
      const stationId = found.features[0].properties.id;

      await page.goto('/');
      await page.locator('[data-map-loaded]').waitFor();
      await page.waitForFunction(
        () =>
          Number(
            document.querySelector('[data-station-count]')?.getAttribute('data-station-count'),
          ) > 0,
      );
      await saveScreenshot(page, 'phone-map');

      // A link opens the station and brings it into sight above its sheet.
      await page.goto(`/#/stations/${stationId}`);
      const panel = page.getByRole('complementary', { name: STATION.name });
      await panel.getByText('Phone test station').waitFor();
      await page.waitForFunction(
        () =>
          Number(
            document.querySelector('[data-station-count]')?.getAttribute('data-station-count'),
          ) === 1,
      );
      // The move to the station ends zoomed in enough to tell stations apart.
      await page.waitForFunction(
        (minZoom) =>
          Number(document.querySelector('[data-view]')?.getAttribute('data-view')?.split(',')[2]) >=
          minZoom,
        STATIONS_CLUSTER_MAX_ZOOM + 1,
      );
      await expectStationAboveSheet(panel);
      const sheetTop = (await box(panel)).y;
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });

      // Closed, and the map panned (arrow keys) until the station lies where the sheet comes: a
      // tap on it opens it again, and the map eases it up above the sheet.
      await page.locator('.maplibregl-canvas').focus();
      for (let step = 0; step < 3; step++) await movedBy(() => page.keyboard.press('ArrowUp'));
      const tapped = await drawnAt(STATION.lon, STATION.lat);
      expect(tapped.y).toBeGreaterThan(sheetTop);
      await movedBy(() => page.touchscreen.tap(tapped.x, tapped.y));
      await panel.getByRole('heading', { name: STATION.name }).waitFor();
      expect(new URL(page.url()).hash).toBe(`#/stations/${stationId}`);
      await expectStationAboveSheet(panel);

      await expectBottomSheet(panel);
      // The sheet scrolls inside, its close control still in sight.
      const scrolls = await panel.evaluate((element) => {
        element.scrollTop = element.scrollHeight;
        return element.scrollHeight > element.clientHeight && element.scrollTop > 0;
      });
      expect(scrolls).toBe(true);
      const close = panel.getByRole('button', { name: 'Close station details' });
      expect((await box(close)).y).toBeGreaterThanOrEqual((await box(panel)).y);
      await saveScreenshot(page, 'phone-station');

      // The toolbar's buttons answer a tap with the sheet open; Filters opens a sheet too.
      await toolbar().getByRole('button', { name: 'Filters' }).tap();
      const filters = page.getByRole('region', { name: 'Station filters' });
      await filters.waitFor();
      await expectBottomSheet(filters);
      await filters.getByRole('button', { name: 'Done' }).waitFor({ state: 'visible' });
      await saveScreenshot(page, 'phone-filters');
      await filters.getByRole('button', { name: 'Done' }).tap();
      await filters.waitFor({ state: 'detached' });

      await toolbar().getByRole('button', { name: 'Nearest available' }).tap();
      const nearest = page.getByRole('region', { name: 'Nearest available charge points' });
      await nearest.getByRole('button', { name: /Phone test station/ }).waitFor();
      await expectBottomSheet(nearest);
      await toolbar().getByRole('button', { name: 'Nearest available' }).tap();
      await nearest.waitFor({ state: 'detached' });

      // Escape still closes the station's sheet, and nothing is wider than the screen.
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(
        PHONE.width,
      );
    },
    SLOW_MS,
  );
});
