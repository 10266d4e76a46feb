// Clusters kept live by `/live` with no tile fetched again, and doubtful stations drawn as
// unknown: read from the pixels of the map, as a person sees it, against a real hub.
import '../../hub/test/support/env';
import { tileCoordinates, type TerminalStatus } from '@wattsup/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TerminalStatusRecorder } from '../../hub/src/terminals/terminal-status.recorder';
import type { GeneratedStation } from '../../hub/src/seed/station-generator';
import { writeStations } from '../../hub/src/seed/station-writer';
import { startTestApp, type TestApp } from '../../hub/test/support/test-app';
import { AVAILABILITY_COLORS, type Availability } from '../src/lib/availability';
import { launchChromium, openPage } from './browser';
import { testStation } from './support/stations';

const SLOW_MS = 60_000;
/** The map page's first view (MapPage): France at zoom 5, where the hub's tiles are clusters. */
const FIRST_VIEW = { center: [2.45, 46.6] as const, zoom: 5 };

const station = (code: string, lon: number, lat: number, statuses: TerminalStatus[]) =>
  testStation({
    tag: 'CLU',
    code,
    name: `Cluster test ${code}`,
    lon,
    lat,
    terminals: statuses.map((status) => ({ powerKw: 22, plugs: ['TYPE_2'], status })),
  });

// Two stations in one z5 cluster cell in Brittany, all free; a lone station in Normandy whose
// terminals nobody vouches for (a driver reported it broken, its charger went silent).
const CLUSTERED = [
  station('1', -3.0, 48.0, ['AVAILABLE', 'AVAILABLE']),
  station('2', -3.002, 48.001, ['AVAILABLE', 'AVAILABLE']),
];
const DOUBTFUL = station('3', -0.5, 49.0, ['UNKNOWN', 'OFFLINE']);

describe('live clusters on the map', () => {
  let hub: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let browserErrors: string[];

  beforeAll(async () => {
    hub = await startTestApp();
    await writeStations(hub.orm.em.fork(), [...CLUSTERED, DOUBTFUL]);
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

  /** Where a point is drawn in the first view, relative to the page (512 px vector tiles). */
  async function pixelOf(lon: number, lat: number): Promise<{ x: number; y: number }> {
    const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const point = tileCoordinates(lon, lat, FIRST_VIEW.zoom);
    const center = tileCoordinates(...FIRST_VIEW.center, FIRST_VIEW.zoom);
    return {
      x: box.x + box.width / 2 + (point.fx - center.fx) * 512,
      y: box.y + box.height / 2 + (point.fy - center.fy) * 512,
    };
  }

  /** The availability whose colour is nearest to the map's pixel there. */
  async function drawnAs({ x, y }: { x: number; y: number }): Promise<Availability> {
    const png = await page.screenshot({
      clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 },
    });
    // Decoded by a blank page of the same browser: the app's CSP rightly refuses data: URLs.
    const decoder = await context.newPage();
    const [r, g, b] = await decoder.evaluate(async (base64) => {
      const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
      const canvas = new OffscreenCanvas(1, 1);
      const drawing = canvas.getContext('2d')!;
      drawing.drawImage(await createImageBitmap(blob), 0, 0);
      return [...drawing.getImageData(0, 0, 1, 1).data];
    }, png.toString('base64'));
    await decoder.close();
    const distance = (hex: string) =>
      [1, 3, 5].reduce(
        (sum, at, i) => sum + (parseInt(hex.slice(at, at + 2), 16) - [r, g, b][i]) ** 2,
        0,
      );
    const [nearest] = (Object.keys(AVAILABILITY_COLORS) as Availability[]).sort(
      (one, other) => distance(AVAILABILITY_COLORS[one]) - distance(AVAILABILITY_COLORS[other]),
    );
    return nearest;
  }

  const eventuallyDrawnAs = async (at: { x: number; y: number }, expected: Availability) => {
    for (let tries = 0; ; tries++) {
      const drawn = await drawnAs(at);
      if (drawn === expected || tries === 50) return drawn;
      await page.waitForTimeout(100);
    }
  };

  const record = (stations: GeneratedStation[], status: TerminalStatus) =>
    hub.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(
        `select id from terminals where pdc_id in (select jsonb_array_elements_text(?::jsonb))`,
        [JSON.stringify(stations.flatMap((s) => s.terminals.map((t) => t.pdcId)))],
      )
      .then((rows) =>
        hub.app.get(TerminalStatusRecorder).record(
          rows.map(({ id }) => ({
            terminalId: id,
            status,
            source: 'SUPPORT' as const,
            occurredAt: new Date(),
          })),
        ),
      );

  it(
    'recolours a cluster on a status change without fetching a tile, and draws doubt as unknown',
    async () => {
      const tileRequests: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/tiles/stations/')) tileRequests.push(request.url());
      });
      await page.goto('/');
      await page.locator('[data-map-loaded]').waitFor();
      await page.locator('[data-live="connected"]').waitFor();
      await page.locator('[data-station-count="3"]').waitFor();

      // Beside the count in its middle, inside the circle.
      const cluster = await pixelOf(-3.001, 48.0005);
      const inCluster = { x: cluster.x + 8, y: cluster.y };
      expect(await eventuallyDrawnAs(inCluster, 'available')).toBe('available');
      // Doubt comes from the tile here: no terminal of the station can be counted on.
      expect(await eventuallyDrawnAs(await pixelOf(-0.5, 49.0), 'unknown')).toBe('unknown');
      const tilesLoaded = tileRequests.length;
      expect(tilesLoaded).toBeGreaterThan(0);

      await record(CLUSTERED, 'OCCUPIED');
      expect(await eventuallyDrawnAs(inCluster, 'unavailable')).toBe('unavailable');

      // A driver reports one station broken: its terminals become UNKNOWN, so the cluster
      // cannot say that none is free.
      await record([CLUSTERED[0]], 'UNKNOWN');
      expect(await eventuallyDrawnAs(inCluster, 'unknown')).toBe('unknown');

      await record([CLUSTERED[1]], 'AVAILABLE');
      expect(await eventuallyDrawnAs(inCluster, 'available')).toBe('available');

      expect(tileRequests.slice(tilesLoaded)).toEqual([]);
    },
    SLOW_MS,
  );
});
