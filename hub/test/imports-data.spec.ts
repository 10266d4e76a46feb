import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportProgress } from '@wattsup/contracts';
import { JobQueues } from '../src/jobs/job-queues';
import { IMPORT_QUEUE } from '../src/imports/imports.service';
import { ImportsRepository } from '../src/imports/imports.repository';
import { FIXTURES, importLocally, OFFICIAL_EXAMPLE, scratch, sql } from './imports.helpers';
import { startTestApp, type TestApp } from './support/test-app';

const DOUBLONS = join(FIXTURES, 'IRVE_itinerance_doublons2024-06-05.csv');
const RESIDUEL = join(FIXTURES, 'IRVE_itinerance_residuel2025-01-03.csv');

describe('IRVE import on real and generated data', () => {
  let hub: TestApp;
  let files: Awaited<ReturnType<typeof scratch>>;

  beforeAll(async () => {
    files = await scratch();
  });
  beforeEach(async () => {
    hub = await startTestApp();
  });
  afterEach(() => hub.close());
  afterAll(() => files.cleanup());

  const rejectsByReason = (importId: string) =>
    sql<{ field: string | null; reason: string; rows: number }>(
      hub,
      `select field, regexp_replace(reason, '^(duplicate: line) \\d+ .*', '\\1 …') as reason,
              count(distinct line)::int as rows
       from import_rejects where import_id = ? group by 1, 2 order by 3 desc, 1, 2`,
      [importId],
    );
  const count = async (query: string) =>
    (await sql<{ count: number }>(hub, `select count(*)::int as count from ${query}`))[0].count;

  it('keeps the newest of the stale duplicates of the national file (real extract)', async () => {
    const view = await importLocally(hub, DOUBLONS);
    expect(view).toMatchObject({
      status: 'COMPLETED',
      rowsRead: 3684,
      rowsAccepted: 3620,
      rowsRejected: 64,
      terminals: 3620,
      header: {
        missingColumns: [],
        unknownColumns: expect.arrayContaining([
          'index',
          'consolidated_longitude',
          'doublons_a_supprimer',
        ]),
      },
      counts: { duplicateRows: 2 },
      // `ChÃ¢tel` in one station's address (FIELDS.md pitfall 10).
      corrections: { mojibake: 7, 'required-value-missing': expect.any(Number) },
    });
    expect(view.header?.unknownColumns).toHaveLength(19);
    // FIELDS.md: 54 rows at 0 kW; 8 rows at [4.649609, 3.84190]; one point published by 3 producers.
    expect(await rejectsByReason(view.importId)).toEqual([
      {
        field: 'puissance_nominale',
        reason: 'must be above 0 kW: a point without power cannot charge',
        rows: 54,
      },
      { field: 'coordonneesXY', reason: expect.stringMatching(/outside France/), rows: 8 },
      { field: 'id_pdc_itinerance', reason: 'duplicate: line …', rows: 2 },
    ]);
    // EKOPLUG's row (line 31, date_maj 2022-03-18) wins over Société X's and EDF's.
    expect(
      await sql(
        hub,
        `select line, reason from import_rejects where import_id = ? and pdc_id = 'FRA68P680210015' order by line`,
        [view.importId],
      ),
    ).toEqual([
      {
        line: 32,
        reason: expect.stringMatching(
          /^duplicate: line 31 describes the same charge point .* \(2022-03-18\)/,
        ),
      },
      { line: 33, reason: expect.stringMatching(/^duplicate: line 31 /) },
    ]);
    expect(
      await sql(
        hub,
        `select irve_updated_on::text as d from terminals where pdc_id = 'FRA68P680210015'`,
      ),
    ).toEqual([{ d: '2022-03-18' }]);
    expect(
      await count(`stations where network = 'Tesla Supercharger' and open_to_all_vehicles`),
    ).toBeGreaterThan(0);
    expect(await count(`stations where network = 'Carrefour'`)).toBeGreaterThan(0);

    const again = await importLocally(hub, DOUBLONS);
    expect(again.counts).toMatchObject({
      stationsCreated: 0,
      stationsUpdated: 0,
      terminalsCreated: 0,
      terminalsUpdated: 0,
      terminalsUnchanged: 3620,
    });
  });

  it('reports the stations whose rows disagree, keeping the newest row (real extract)', async () => {
    // The extract has 13 of the 40 schema columns; the hub refuses it as it is...
    const refused = await importLocally(hub, RESIDUEL);
    expect(refused).toMatchObject({
      status: 'FAILED',
      rowsAccepted: 0,
      error: expect.stringMatching(/cannot do without: puissance_nominale\./),
    });
    expect(await count('stations')).toBe(0);

    // ...so the same rows get a power column to be imported.
    const lines = (await readFile(RESIDUEL, 'utf8')).trimEnd().split('\n');
    const completed = files.path('residuel-with-power.csv');
    await writeFile(
      completed,
      lines.map((line, index) => `${line},${index === 0 ? 'puissance_nominale' : '22'}`).join('\n'),
    );
    const view = await importLocally(hub, completed);
    // 16 real rows sit at (0, 0) (FIELDS.md pitfall 3), so 3 of the 1,795 stations have no row left.
    expect(view).toMatchObject({
      status: 'COMPLETED',
      rowsRead: 4126,
      rowsRejected: 16,
      stations: 1792,
      terminals: 4110,
    });
    expect(await rejectsByReason(view.importId)).toEqual([
      { field: 'coordonneesXY', reason: 'is (0, 0): no position was given', rows: 16 },
    ]);
    expect(view.header?.missingColumns).toHaveLength(40 - 13 - 1); // its 13 schema columns + power

    // Stations with more than one value per field, counted independently in the raw file (values
    // trimmed, rows at (0, 0) left out); FIELDS.md §4 pitfall 5 gives the rows involved.
    const byField = await sql<{ field: string; stations: number }>(
      hub,
      `select field, count(*)::int as stations from import_conflicts where import_id = ? group by field order by field`,
      [view.importId],
    );
    expect(Object.fromEntries(byField.map((row) => [row.field, row.stations]))).toEqual({
      adresse_station: 72,
      coordonneesXY: 85,
      horaires: 9,
      implantation_station: 37,
      nbre_pdc: 53,
      nom_enseigne: 4,
      nom_station: 51,
      station_deux_roues: 69,
    });
    expect(view.counts.conflicts).toBe(380);

    // The kept values are those of the newest row.
    const [conflict] = await sql<{ station_id: string; kept_line: number; kept_value: string }>(
      hub,
      `select station_id, kept_line, kept_value from import_conflicts where import_id = ? and field = 'nom_station' order by station_id limit 1`,
      [view.importId],
    );
    expect(
      await sql(hub, `select name from stations where irve_id = ?`, [conflict.station_id]),
    ).toEqual([{ name: conflict.kept_value }]);
    const page = await sql<{ other_lines: number[] }>(
      hub,
      `select other_lines from import_conflicts where import_id = ? and station_id = ? and field = 'nom_station'`,
      [view.importId, conflict.station_id],
    );
    expect(page[0].other_lines).not.toContain(conflict.kept_line);
  });

  it('imports a generated file with every pitfall of FIELDS.md, exactly as expected', async () => {
    const { path, expectation } = await files.generate('dirty.csv', {
      rows: 6000,
      seed: 11,
      dirty: 0.25,
    });
    expect(Object.keys(expectation.dirt)).toHaveLength(20);
    const view = await importLocally(hub, path, { batchSize: 700 });
    expect(view).toMatchObject({
      status: 'COMPLETED',
      rowsRead: expectation.rows,
      rowsRejected: expectation.rejectedRows,
      rowsAccepted: expectation.terminals,
      stations: expectation.stations,
      terminals: expectation.terminals,
      counts: { duplicateRows: expectation.duplicateRows, conflicts: expectation.conflicts },
    });
    expect(view.corrections).toEqual(expectation.corrections);
    expect(await count(`stations where origin = 'IRVE'`)).toBe(expectation.stations);
    expect(await count(`terminals where origin = 'IRVE' and status = 'UNKNOWN'`)).toBe(
      expectation.terminals,
    );
    expect(await count(`terminals where pdc_id like 'LOCAL:%'`)).toBe(
      (expectation.dirt['non-roaming-with-local-id'] ?? 0) +
        (expectation.dirt['empty-pdc-id-with-local-id'] ?? 0),
    );

    const reasons = Object.fromEntries(
      (await rejectsByReason(view.importId)).map((row) => [
        `${row.field}: ${row.reason}`,
        row.rows,
      ]),
    );
    expect(reasons).toEqual({
      'date_maj: is a zero date': expectation.dirt['zero-date'],
      'puissance_nominale: must be above 0 kW: a point without power cannot charge':
        expectation.dirt['zero-power'],
      'coordonneesXY: is (0, 0): no position was given': expectation.dirt['zero-coordinates'],
      'prise_type_2: must be true or false (true/false, 1/0, oui/non)':
        expectation.dirt['unknown-boolean'],
      'id_pdc_itinerance: is "Non concerné" and id_pdc_local is empty too: the charge point cannot be told apart from others':
        expectation.dirt['non-roaming-without-local-id'],
      'null: has 39 fields where the header has 40: a delimiter or a quote is probably missing':
        expectation.dirt['missing-delimiter'],
      'id_pdc_itinerance: duplicate: line …': expectation.duplicateRows,
    });
    // Tesla Superchargers are told apart, and whether other cars may use them.
    const tesla = await sql<{ open: boolean; stations: number }>(
      hub,
      `select open_to_all_vehicles as open, count(*)::int as stations from stations where network = 'Tesla Supercharger' group by 1 order by 1`,
    );
    expect(tesla.map((row) => row.open)).toEqual([false, true]);
    // New stations are inserted with the summaries the terminals trigger keeps: they must be
    // exactly what their terminals give.
    expect(
      await count(`stations s cross join lateral (
        select coalesce(bit_or(offer_bits(t.power_kw, t.plugs)), 0) as offer, count(t.id)::int as total,
               (count(t.id) filter (where t.status in ('UNKNOWN', 'OFFLINE')))::int as doubtful,
               coalesce(max(t.power_kw), 0) as max_power_kw,
               coalesce(array(select distinct p from terminals tp cross join unnest(tp.plugs) as p
                              where tp.station_id = s.id and tp.retired_at is null order by p), '{}') as plugs
        from terminals t where t.station_id = s.id and t.retired_at is null) m
        where (s.offer_mask, s.available_mask, s.terminal_count, s.available_count, s.doubtful_count, s.max_power_kw, s.plugs)
              is distinct from (m.offer, 0, m.total, 0, m.doubtful, m.max_power_kw, m.plugs)`),
    ).toBe(0);
    expect(await count(`stations where offer_mask = 0 or plugs = '{}'`)).toBeLessThan(
      expectation.stations / 10,
    );
  });

  it('is deterministic: the same seed gives the same file', async () => {
    const first = await files.generate('a.csv', { rows: 500, seed: 5, dirty: 0.1 });
    const second = await files.generate('b.csv', { rows: 500, seed: 5, dirty: 0.1 });
    expect(await readFile(second.path, 'utf8')).toBe(await readFile(first.path, 'utf8'));
    expect(second.expectation).toEqual(first.expectation);
  });

  it('rolls back a batch the database refuses and retries it row by row', async () => {
    // A constraint only this test database has, that one row of the official example breaks.
    await sql(
      hub,
      `alter table terminals add constraint test_refuses_point check (pdc_id <> 'FRA68E680210015')`,
    );
    const view = await importLocally(hub, OFFICIAL_EXAMPLE);
    expect(view).toMatchObject({
      status: 'COMPLETED',
      rowsRead: 2,
      rowsAccepted: 1,
      rowsRejected: 1,
      stations: 1,
      terminals: 1,
    });
    expect(
      await sql(hub, `select line, station_id, pdc_id, field, reason from import_rejects`),
    ).toEqual([
      {
        line: 2,
        station_id: 'FRA68P68021001',
        pdc_id: 'FRA68E680210015',
        field: null,
        reason: expect.stringMatching(/^the database refused the row: .*test_refuses_point/),
      },
    ]);
    // Never half a row: the refused point's station went with it.
    expect(await sql(hub, `select irve_id from stations`)).toEqual([
      { irve_id: 'ESZUNP395912133460086982' },
    ]);
  });

  it('stops between batches when the hub shuts down, FAILED with exactly what was committed', async () => {
    const { path } = await files.generate('big.csv', { rows: 8000, seed: 2, dirty: 0 });
    const stop = new AbortController();
    const view = await importLocally(hub, path, {
      batchSize: 500,
      signal: stop.signal,
      publish: (progress: ImportProgress) => {
        if (progress.phase === 'WRITING' && progress.rowsAccepted > 0) stop.abort();
      },
    });
    expect(view).toMatchObject({
      status: 'FAILED',
      phase: 'WRITING',
      error: expect.stringMatching(/hub stopped during this import/),
    });
    expect(view.rowsAccepted).toBeGreaterThan(0);
    expect(view.rowsAccepted).toBeLessThan(8000);
    expect(await count(`terminals`)).toBe(view.rowsAccepted);
    expect(await count(`stations`)).toBe(view.stations);
  });

  it('ends as FAILED an import whose job comes back after its hub died', async () => {
    const imports = new ImportsRepository(hub.orm.em.fork());
    const record = await imports.create({
      source: 'UPLOAD',
      fileName: 'x.csv',
      fileBytes: 10,
      filePath: files.path('gone.csv'),
      prune: false,
      batchSize: 5000,
      createdBy: null,
    });
    await imports.claim(record.id); // RUNNING, as the dead hub left it
    await hub.app.get(JobQueues).queue(IMPORT_QUEUE).add('import', { importId: record.id });
    for (
      let tries = 0;
      (await imports.find(record.id))?.status === 'RUNNING' && tries < 100;
      tries += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await imports.find(record.id)).toMatchObject({
      status: 'FAILED',
      error: expect.stringMatching(/The hub stopped during this import \(restart or crash\)/),
    });
  });
});
