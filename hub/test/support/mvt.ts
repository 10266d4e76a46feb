import { tileCoordinates } from '@wattsup/contracts';
import request from 'supertest';
import type { TestApp } from './test-app';

export type Properties = Record<string, string | number | boolean>;

/** Just enough of the MVT protobuf (vector-tile-spec 2.1) to read layers and properties back. */
export function decodeMvt(buffer: Buffer): Record<string, Properties[]> {
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

/** GET a tile as bytes, revalidating with `etag` when given. */
export const getTile = (hub: TestApp, path: string, etag?: string) =>
  request(hub.url)
    .get(path)
    .set(etag ? { 'If-None-Match': etag } : {})
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });

/** The path of the station tile holding a point at zoom z. */
export const tileOf = (lon: number, lat: number, z: number, query = '') => {
  const { fx, fy } = tileCoordinates(lon, lat, z);
  return `/tiles/stations/${z}/${Math.floor(fx)}/${Math.floor(fy)}.mvt${query ? `?${query}` : ''}`;
};
