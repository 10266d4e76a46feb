import {
  clusterCellId,
  clusterCellOf,
  type PlugType,
  type StationNetwork,
  TESLA_SUPERCHARGER,
  type TerminalStatus,
} from '@wattsup/contracts';
import request from 'supertest';
import { LiveEvents } from '../src/live/live-events';
import type { GeneratedStation } from '../src/seed/station-generator';
import { writeStations } from '../src/seed/station-writer';
import { decodeMvt, getTile, tileOf } from './support/mvt';
import { startTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/ocpp';

type Terminal = [powerKw: number, plug: PlugType, status: TerminalStatus];

const station = (
  code: string,
  lon: number,
  fields: Partial<GeneratedStation>,
  terminals: Terminal[],
): GeneratedStation => ({
  irveId: `FR*FLT*P${code}`,
  name: `Filter ${code}`,
  operator: 'Op',
  brand: 'Brand',
  address: 'Somewhere',
  inseeCode: '69123',
  lon,
  lat: 45.0,
  implantation: 'Voirie',
  openingHours: '24/7',
  pmrAccessibility: 'Non accessible',
  accessCondition: 'Accès libre',
  pricing: null,
  free: false,
  ...fields,
  terminals: terminals.map(([powerKw, plug, status], index) => ({
    pdcId: `FR*FLT*E${code}${index}`,
    powerKw,
    plugs: [plug],
    status,
  })),
});

// Three stations in one z6 cluster cell near Lyon.
const TESLA = station('1', 5.0, { network: TESLA_SUPERCHARGER }, [
  [150, 'CCS_COMBO', 'AVAILABLE'],
  [150, 'CCS_COMBO', 'OCCUPIED'],
]);
const IONITY = station('2', 5.002, { network: 'Ionity', pmrAccessibility: 'Réservé PMR' }, [
  [50, 'CCS_COMBO', 'OCCUPIED'],
  [22, 'TYPE_2', 'AVAILABLE'],
]);
const TOWN_HALL = station(
  '3',
  5.004,
  { pmrAccessibility: 'Accessible mais non réservé PMR', free: true },
  [
    [7.4, 'TYPE_2', 'AVAILABLE'],
    [7.4, 'TYPE_2', 'UNKNOWN'],
    [7.4, 'TYPE_2', 'UNKNOWN'],
  ],
);

const CLUSTER_ID = clusterCellId(clusterCellOf(5.0, 45.0, 6));

describe('station filters', () => {
  let hub: TestApp;
  let ids: Record<string, string>;

  beforeAll(async () => {
    hub = await startTestApp({ TILE_CLUSTER_MAX_ZOOM: '10' });
    await writeStations(hub.orm.em.fork(), [TESLA, IONITY, TOWN_HALL]);
    const rows = await hub.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string; irve_id: string }[]>(`select id, irve_id from stations`);
    ids = Object.fromEntries(rows.map((row) => [row.irve_id, row.id]));
  });

  afterAll(() => hub.close());

  const cluster = async (query: string) =>
    decodeMvt((await getTile(hub, tileOf(5.0, 45.0, 6, query)).expect(200)).body as Buffer)
      .clusters ?? [];

  describe('in the tiles', () => {
    it.each([
      ['', { stations: 3, terminals: 7, available: 3, doubtful: 2 }],
      ['plug=CCS_COMBO', { stations: 2, terminals: 3, available: 1, doubtful: 0 }],
      ['plug=CCS_COMBO&available=true', { stations: 1, terminals: 2, available: 1, doubtful: 0 }],
      ['minPowerKw=50', { stations: 2, terminals: 3, available: 1, doubtful: 0 }],
      // Between two power classes of the offer masks: the terminals decide.
      ['minPowerKw=60', { stations: 1, terminals: 2, available: 1, doubtful: 0 }],
      ['plug=TYPE_2,CHADEMO&available=1', { stations: 2, terminals: 4, available: 2, doubtful: 2 }],
      ['pmr=true', { stations: 2, terminals: 5, available: 2, doubtful: 2 }],
      [`network=${encodeURIComponent(TESLA_SUPERCHARGER)}`, { stations: 1, terminals: 2 }],
    ])('counts only the matching stations and terminals (%s)', async (query, counts) => {
      expect(await cluster(query)).toEqual([
        expect.objectContaining({ id: CLUSTER_ID, ...counts }),
      ]);
    });

    it('names a lone matching station, and leaves an empty tile when nothing matches', async () => {
      expect(await cluster('free=true')).toEqual([
        {
          id: CLUSTER_ID,
          stations: 1,
          stationId: ids[TOWN_HALL.irveId],
          terminals: 3,
          available: 1,
          doubtful: 2,
        },
      ]);
      expect(await cluster('plug=CHADEMO')).toEqual([]);
      expect(await cluster('plug=CCS_COMBO&free=true')).toEqual([]);
    });

    it('draws only matching stations as points, with the counts of their matching terminals', async () => {
      const path = tileOf(5.002, 45.0, 14, 'plug=TYPE_2');
      const { stations } = decodeMvt((await getTile(hub, path).expect(200)).body as Buffer);
      expect(
        stations.map(({ id, available, total, maxPowerKw, plugs }) => ({
          id,
          available,
          total,
          maxPowerKw,
          plugs,
        })),
      ).toEqual(
        [
          {
            id: ids[IONITY.irveId],
            available: 1,
            total: 1,
            maxPowerKw: 50,
            plugs: 'CCS_COMBO,TYPE_2',
          },
          { id: ids[TOWN_HALL.irveId], available: 1, total: 3, maxPowerKw: 7.4, plugs: 'TYPE_2' },
        ].sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
    });

    it('answers a bad filter with a 400 that names it', async () => {
      const bad = async (query: string) =>
        (
          await request(hub.url)
            .get(tileOf(5.0, 45.0, 6, query))
            .expect(400)
        ).body as {
          message: string;
        };
      expect((await bad('plug=USB')).message).toBe(
        'plug: unknown plug "USB": plug must be among TYPE_2, CCS_COMBO, CHADEMO, DOMESTIC_EF, OTHER',
      );
      expect((await bad('available=maybe')).message).toBe('available: must be true or false');
      expect((await bad('minPowerKw=-5')).message).toMatch(/^minPowerKw:/);
      expect((await bad('colour=red')).message).toMatch(/colour/);
    });

    it('shares one ETag between spellings of a filter, answers 304, and refreshes every filtered tile on a change', async () => {
      const ccs = tileOf(5.0, 45.0, 6, 'plug=CCS_COMBO&available=true');
      const first = await getTile(hub, ccs).expect(200);
      const etag = first.headers.etag as string;
      const spelt = await getTile(hub, tileOf(5.0, 45.0, 6, 'available=1&plug=CCS_COMBO'));
      expect(spelt.headers.etag).toBe(etag);
      await getTile(hub, ccs, etag).expect(304);

      // The Tesla's free terminal is taken: no CCS is free in the cell any more.
      const connection = hub.orm.em.fork().getConnection();
      await connection.execute(
        `update terminals set status = 'OCCUPIED' where station_id = ? and status = 'AVAILABLE'`,
        [ids[TESLA.irveId]],
      );
      hub.app.get(LiveEvents).publish('terminal.status', {
        terminalId: '00000000-0000-4000-8000-000000000000',
        stationId: ids[TESLA.irveId],
        status: 'OCCUPIED',
        source: 'SUPPORT',
        confirmedAt: new Date().toISOString(),
        lon: TESLA.lon,
        lat: TESLA.lat,
        station: { available: 0, total: 2, doubtful: 0 },
      });
      const after = await eventually(async () => {
        const response = await getTile(hub, ccs, etag);
        expect(response.status).toBe(200);
        return response;
      });
      expect((after.body as Buffer).length).toBe(0);
      await connection.execute(`update terminals set status = 'AVAILABLE' where pdc_id = ?`, [
        TESLA.terminals[0].pdcId,
      ]);
    });
  });

  it('lists the networks with their stations, biggest first', async () => {
    const response = await request(hub.url).get('/api/v1/stations/networks').expect(200);
    expect(response.body as StationNetwork[]).toEqual([
      { network: 'Ionity', stations: 1 },
      { network: TESLA_SUPERCHARGER, stations: 1 },
    ]);
  });

  describe('in nearest', () => {
    const nearest = async (query: string) =>
      (
        (
          await request(hub.url)
            .get(`/api/v1/stations/nearest?lat=45.0&lon=5.0&${query}`)
            .expect(200)
        ).body as { id: string }[]
      ).map((found) => found.id);

    it('takes the network, PMR, free and several plugs', async () => {
      expect(await nearest(`network=${encodeURIComponent(TESLA_SUPERCHARGER)}`)).toEqual([
        ids[TESLA.irveId],
      ]);
      expect(await nearest('network=Ionity&plug=CCS_COMBO&available=true')).toEqual([]);
      expect(await nearest('pmr=true')).toEqual([ids[IONITY.irveId], ids[TOWN_HALL.irveId]]);
      expect(await nearest('free=true&plug=TYPE_2')).toEqual([ids[TOWN_HALL.irveId]]);
      expect(await nearest('plug=CHADEMO,CCS_COMBO&minPowerKw=100')).toEqual([ids[TESLA.irveId]]);
      expect(await nearest('network=Nobody')).toEqual([]);
    });
  });
});
