import request from 'supertest';
import { LiveEvents } from '../src/live/live-events';
import { tileCoordinates } from '../src/tiles/tile-math';
import { stationWithTerminals } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/ocpp';

type Properties = Record<string, string | number | boolean>;

/** Just enough of the MVT protobuf (vector-tile-spec 2.1) to read layers and properties back. */
function decodeMvt(buffer: Buffer): Record<string, Properties[]> {
  const read = (bytes: Buffer) => {
    let offset = 0;
    const varint = () => {
      let value = 0;
      let shift = 0;
      for (;;) {
        const byte = bytes[offset++];
        value += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) return value;
        shift += 7;
      }
    };
    const fields: { field: number; value: number | Buffer }[] = [];
    while (offset < bytes.length) {
      const key = varint();
      const wire = key & 7;
      if (wire === 0) fields.push({ field: key >> 3, value: varint() });
      else if (wire === 2) {
        const length = varint();
        fields.push({ field: key >> 3, value: bytes.subarray(offset, offset + length) });
        offset += length;
      } else if (wire === 1) {
        fields.push({ field: key >> 3, value: bytes.readDoubleLE(offset) });
        offset += 8;
      } else if (wire === 5) {
        fields.push({ field: key >> 3, value: bytes.readFloatLE(offset) });
        offset += 4;
      } else throw new Error(`wire type ${wire}`);
    }
    return fields;
  };
  const layers: Record<string, Properties[]> = {};
  for (const layer of read(buffer).filter((f) => f.field === 3)) {
    const parts = read(layer.value as Buffer);
    const name = String(parts.find((p) => p.field === 1)!.value);
    const keys = parts.filter((p) => p.field === 3).map((p) => String(p.value));
    const values = parts
      .filter((p) => p.field === 4)
      .map((p) => {
        const [value] = read(p.value as Buffer);
        if (value.field === 1) return String(value.value);
        if (value.field === 7) return value.value === 1;
        return Number(value.value);
      });
    layers[name] = parts
      .filter((p) => p.field === 2)
      .map((feature) => {
        const tags = read(feature.value as Buffer).find((p) => p.field === 2);
        // Tags are packed varints: read them as the values of a run of field-0 varints.
        const raw = (tags?.value as Buffer | undefined) ?? Buffer.alloc(0);
        const indexes = read(
          Buffer.concat(
            [...raw].flatMap((byte, i) =>
              i === 0 || raw[i - 1] < 0x80 ? [Buffer.from([0, byte])] : [Buffer.from([byte])],
            ),
          ),
        ).map((p) => Number(p.value));
        const properties: Properties = {};
        for (let i = 0; i < indexes.length; i += 2)
          properties[keys[indexes[i]]] = values[indexes[i + 1]];
        return properties;
      });
  }
  return layers;
}

const tileOf = (lon: number, lat: number, z: number) => {
  const { fx, fy } = tileCoordinates(lon, lat, z);
  return `/tiles/stations/${z}/${Math.floor(fx)}/${Math.floor(fy)}.mvt`;
};

const getTile = (hub: TestApp, path: string, etag?: string) =>
  request(hub.url)
    .get(path)
    .set(etag ? { 'If-None-Match': etag } : {})
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });

describe('station vector tiles', () => {
  let hub: TestApp;
  let stationId: string;

  beforeAll(async () => {
    hub = await startTestApp({ TILE_CLUSTER_MAX_ZOOM: '10' });
    ({ stationId } = await stationWithTerminals(hub, 'FR*TIL*P1', 3));
    await stationWithTerminals(hub, 'FR*TIL*P2', 2);
    await hub.orm.em
      .fork()
      .getConnection()
      .execute(
        `update terminals set status = 'AVAILABLE' where station_id = ? and pdc_id like '%1'`,
        [stationId],
      );
  });

  afterAll(() => hub.close());

  it('serves stations with their summary at high zoom', async () => {
    const response = await getTile(hub, tileOf(1.44, 43.6, 14)).expect(200);
    expect(response.headers['content-type']).toMatch('application/vnd.mapbox-vector-tile');
    const { stations } = decodeMvt(response.body as Buffer);
    expect(stations).toHaveLength(2);
    expect(stations.find((s) => s.id === stationId)).toEqual({
      id: stationId,
      name: 'Station FR*TIL*P1',
      brand: 'Brand',
      available: 1,
      total: 3,
      maxPowerKw: 22,
      plugs: 'TYPE_2',
    });
  });

  it('serves clusters with station, terminal and available counts at low zoom', async () => {
    const response = await getTile(hub, tileOf(1.44, 43.6, 6)).expect(200);
    expect(decodeMvt(response.body as Buffer)).toEqual({
      clusters: [{ stations: 2, terminals: 5, available: 1 }],
    });
  });

  it('answers an empty tile far from any station, and 400 to a tile that cannot exist', async () => {
    const response = await getTile(hub, tileOf(-70, -40, 12)).expect(200);
    expect((response.body as Buffer).length).toBe(0);
    await request(hub.url).get('/tiles/stations/3/8/0.mvt').expect(400);
    await request(hub.url).get('/tiles/stations/23/0/0.mvt').expect(400);
  });

  it('answers 304 to a matching ETag and a new tile once a status in it changes', async () => {
    const path = tileOf(1.44, 43.6, 13);
    const first = await getTile(hub, path).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    await getTile(hub, path, etag).expect(304);
    const neighbour = tileOf(1.44, 43.6 + 0.2, 13);
    const untouched = (await getTile(hub, neighbour).expect(200)).headers.etag as string;

    // A status change as the recorder writes it: database first, then the live event.
    await hub.orm.em
      .fork()
      .getConnection()
      .execute(`update terminals set status = 'AVAILABLE' where station_id = ?`, [stationId]);
    hub.app.get(LiveEvents).publish('terminal.status', {
      terminalId: '00000000-0000-4000-8000-000000000000',
      stationId,
      status: 'AVAILABLE',
      source: 'SUPPORT',
      confirmedAt: new Date().toISOString(),
      lon: 1.44,
      lat: 43.6,
      station: { available: 3, total: 3 },
    });
    const after = await eventually(async () => {
      const response = await getTile(hub, path, etag);
      expect(response.status).toBe(200);
      return response;
    });
    const { stations } = decodeMvt(after.body as Buffer);
    expect(stations.find((s) => s.id === stationId)).toMatchObject({ available: 3, total: 3 });
    await getTile(hub, neighbour, untouched).expect(304);
  });
});
