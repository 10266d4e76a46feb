import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { stationWithTerminals } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

const schema = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'irve', 'schema-dynamique.json'), 'utf8'),
) as { fields: { name: string; constraints?: { enum?: string[] } }[] };

describe('GET /api/v1/export/irve-dynamique.csv', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await startTestApp();
    const { stationId } = await stationWithTerminals(hub, 'FR*EXP*P1', 3);
    await hub.orm.em
      .fork()
      .getConnection()
      .execute(
        `update terminals set status = case right(pdc_id, 1) when '1' then 'AVAILABLE' when '2' then 'FAULTED' else 'OCCUPIED' end,
           status_source = 'OCPP', status_confirmed_at = '2026-11-22T10:00:00Z'
         where station_id = ?`,
        [stationId],
      );
  });

  afterAll(() => hub.close());

  it('lists every live terminal in the official dynamic schema, values within its enums', async () => {
    const response = await request(hub.url).get('/api/v1/export/irve-dynamique.csv').expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = response.text.trimEnd().split('\n');
    expect(header.split(',')).toEqual(schema.fields.map((field) => field.name));
    expect(rows).toEqual([
      'FR*EXP*E11,en_service,libre,2026-11-22T10:00:00+0000,fonctionnel,,,',
      'FR*EXP*E12,hors_service,inconnu,2026-11-22T10:00:00+0000,hors_service,,,',
      'FR*EXP*E13,en_service,occupe,2026-11-22T10:00:00+0000,fonctionnel,,,',
    ]);
    for (const row of rows) {
      row.split(',').forEach((value, index) => {
        const allowed = schema.fields[index].constraints?.enum;
        if (allowed && value !== '') expect(allowed).toContain(value);
      });
    }
  });

  it('streams past one page, every terminal once, in IRVE id order', async () => {
    await stationWithTerminals(hub, 'FR*BIG*P1', 5001);
    const response = await request(hub.url).get('/api/v1/export/irve-dynamique.csv').expect(200);
    const ids = response.text
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[0]);
    expect(ids).toHaveLength(5004);
    expect(new Set(ids).size).toBe(5004);
    expect([...ids].sort()).toEqual(ids);
  });
});
