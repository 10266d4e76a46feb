import { readdir, readFile, writeFile } from 'node:fs/promises';
import type { ImportView, LiveFrame } from '@wattsup/contracts';
import request from 'supertest';
import { LiveEvents } from '../src/live/live-events';
import { writeStations } from '../src/seed/station-writer';
import { adminSession, OFFICIAL_EXAMPLE, scratch, sql, waitForImport } from './imports.helpers';
import { registeredDriver } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

const UPLOAD_LIMIT = 200_000;

describe('IRVE import API', () => {
  let hub: TestApp;
  let admin: Awaited<ReturnType<typeof adminSession>>;
  let files: Awaited<ReturnType<typeof scratch>>;
  const frames: LiveFrame<'import.progress'>[] = [];

  beforeAll(async () => {
    files = await scratch();
    hub = await startTestApp({
      IMPORT_MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT),
      IMPORT_UPLOAD_DIR: files.path('uploads'),
    });
    hub.app.get(LiveEvents).stream.subscribe((frame) => {
      if (frame.type === 'import.progress') frames.push(frame);
    });
    admin = await adminSession(hub.url);
  });
  afterAll(async () => {
    await hub.close();
    await files.cleanup();
  });

  const upload = (path: string, fields: Record<string, string> = {}) => {
    const call = admin.post('/api/v1/admin/imports');
    for (const [name, value] of Object.entries(fields)) call.field(name, value);
    return call.attach('file', path);
  };
  const uploadAndWait = async (path: string, fields: Record<string, string> = {}) => {
    const accepted = await upload(path, fields).expect(202);
    return waitForImport(admin, (accepted.body as ImportView).importId);
  };
  const importCount = async () =>
    (await sql<{ count: number }>(hub, 'select count(*)::int as count from imports'))[0].count;

  it('is for admins only', async () => {
    await request(hub.url).post('/api/v1/admin/imports').expect(401);
    const { agent } = await registeredDriver(hub.url);
    await agent.get('/api/v1/admin/imports').expect(403);
    // No file: the guard refuses before the body is read, so an attached file would race the
    // server's answer (the client can get EPIPE instead of the 403).
    await agent.post('/api/v1/admin/imports').expect(403);
    await agent.get('/api/v1/admin/imports/policy').expect(403);
  });

  it('tells the console the upload limit and the default batch size', async () => {
    const policy = await admin.get('/api/v1/admin/imports/policy').expect(200);
    expect(policy.body).toEqual({
      maxUploadBytes: hub.config.IMPORT_MAX_UPLOAD_BYTES,
      defaultBatchSize: 5000,
    });
  });

  it('answers at once with the import id, then imports the official example completely', async () => {
    frames.length = 0;
    const accepted = await upload(OFFICIAL_EXAMPLE).expect(202);
    expect(accepted.body).toMatchObject({
      status: 'QUEUED',
      fileName: 'exemple-valide-statique.csv',
      fileBytes: 1648,
      batchSize: 5000,
      prune: false,
    });
    const view = await waitForImport(admin, accepted.body.importId);
    expect(view).toMatchObject({
      status: 'COMPLETED',
      phase: 'DONE',
      rowsRead: 2,
      rowsAccepted: 2,
      rowsRejected: 0,
      stations: 2,
      terminals: 2,
      fraction: 1,
      etaSeconds: 0,
      error: null,
      header: { encoding: 'utf-8', delimiter: ',', missingColumns: [], unknownColumns: [] },
      counts: { stationsCreated: 2, terminalsCreated: 2, duplicateRows: 0, conflicts: 0 },
    });

    const stations = await sql(
      hub,
      `select irve_id, name, origin, st_x(location) as lon, st_y(location) as lat, irve_updated_on::text
       from stations order by irve_id`,
    );
    expect(stations).toEqual([
      expect.objectContaining({
        irve_id: 'ESZUNP395912133460086982',
        origin: 'IRVE',
        lon: 7.487105,
        lat: 48.345345,
      }),
      expect.objectContaining({
        irve_id: 'FRA68P68021001',
        name: 'Picpus',
        irve_updated_on: '2021-04-05',
      }),
    ]);
    const terminals = await sql(
      hub,
      `select pdc_id, power_kw::float8 as power_kw, plugs, status, status_source from terminals order by pdc_id`,
    );
    expect(terminals).toEqual([
      {
        pdc_id: 'ESZUNE1111ER7',
        power_kw: 22,
        plugs: ['TYPE_2', 'DOMESTIC_EF'],
        status: 'UNKNOWN',
        status_source: 'IRVE',
      },
      {
        pdc_id: 'FRA68E680210015',
        power_kw: 22,
        plugs: ['TYPE_2', 'DOMESTIC_EF'],
        status: 'UNKNOWN',
        status_source: 'IRVE',
      },
    ]);

    // The same state went out live, ending with what GET says.
    const mine = frames.filter((frame) => frame.data.importId === view.importId);
    expect(mine[0].data).toMatchObject({ status: 'RUNNING', phase: 'READING' });
    const last = mine.at(-1);
    expect(last?.data).toEqual({
      importId: view.importId,
      status: 'COMPLETED',
      phase: 'DONE',
      rowsRead: view.rowsRead,
      rowsAccepted: view.rowsAccepted,
      rowsRejected: view.rowsRejected,
      stations: view.stations,
      terminals: view.terminals,
      rowsPerSecond: expect.any(Number),
      elapsedSeconds: expect.any(Number),
      etaSeconds: 0,
      fraction: 1,
    });
    expect(Number.isNaN(Date.parse(last?.at ?? ''))).toBe(false);
  });

  it('changes nothing when the same file is imported again, and says so', async () => {
    const before = await sql(
      hub,
      'select id, updated_at from stations union all select id, updated_at from terminals',
    );
    const view = await uploadAndWait(OFFICIAL_EXAMPLE);
    expect(view.counts).toMatchObject({
      stationsCreated: 0,
      stationsUpdated: 0,
      stationsUnchanged: 2,
      terminalsCreated: 0,
      terminalsUpdated: 0,
      terminalsUnchanged: 2,
    });
    expect(
      await sql(
        hub,
        'select id, updated_at from stations union all select id, updated_at from terminals',
      ),
    ).toEqual(before);
  });

  it('updates what a newer file changed and never touches live status', async () => {
    await sql(
      hub,
      `update terminals set status = 'AVAILABLE', status_source = 'OCPP' where pdc_id = 'FRA68E680210015'`,
    );
    const newer = (await readFile(OFFICIAL_EXAMPLE, 'utf8'))
      .replace('FRA68E680210015,,22,true', 'FRA68E680210015,,50,true')
      .replace(/2021-04-05,true\n(?=Exemple)/, '2024-01-10,true\n');
    const path = files.path('newer.csv');
    await writeFile(path, newer);
    const view = await uploadAndWait(path);
    expect(view.counts).toMatchObject({
      stationsUpdated: 1,
      stationsUnchanged: 1,
      terminalsUpdated: 1,
      terminalsUnchanged: 1,
    });
    expect(
      await sql(
        hub,
        `select power_kw::float8 as power, status, status_source, irve_updated_on::text as updated from terminals where pdc_id = 'FRA68E680210015'`,
      ),
    ).toEqual([{ power: 50, status: 'AVAILABLE', status_source: 'OCPP', updated: '2024-01-10' }]);
  });

  it('with prune, retires what a complete file no longer lists, keeping reservations and hub stations', async () => {
    await writeStations(hub.orm.em.fork(), [
      {
        irveId: 'FR*HUB*P1',
        name: 'Made in the hub',
        operator: 'Op',
        brand: 'B',
        address: 'a',
        inseeCode: '31555',
        lon: 1.44,
        lat: 43.6,
        implantation: 'Voirie',
        openingHours: '24/7',
        pmrAccessibility: 'Accessibilité inconnue',
        accessCondition: 'Accès libre',
        pricing: null,
        free: false,
        terminals: [{ pdcId: 'FR*HUB*E1', powerKw: 22, plugs: ['TYPE_2'], status: 'AVAILABLE' }],
      },
    ]);
    const { user } = await registeredDriver(hub.url);
    await sql(
      hub,
      `insert into reservations (id, user_id, terminal_id, status, expires_at)
       select gen_random_uuid(), ?, id, 'ACTIVE', now() + interval '30 minutes' from terminals where pdc_id = 'ESZUNE1111ER7'`,
      [user.id],
    );
    const lines = (await readFile(OFFICIAL_EXAMPLE, 'utf8')).split('\n');
    const path = files.path('first-row-only.csv');
    await writeFile(path, `${lines[0]}\n${lines[1]}\n`);

    const view = await uploadAndWait(path, { prune: 'true' });
    expect(view).toMatchObject({
      prune: true,
      counts: { stationsRetired: 1, terminalsRetired: 1 },
    });
    expect(
      await sql(
        hub,
        `select irve_id, retired_at is not null as retired from stations order by irve_id`,
      ),
    ).toEqual([
      { irve_id: 'ESZUNP395912133460086982', retired: true },
      { irve_id: 'FR*HUB*P1', retired: false },
      { irve_id: 'FRA68P68021001', retired: false },
    ]);
    expect(await sql(hub, `select status from reservations`)).toEqual([{ status: 'ACTIVE' }]);

    // The full file brings the station back.
    const again = await uploadAndWait(OFFICIAL_EXAMPLE, { prune: 'true' });
    expect(again.counts).toMatchObject({
      stationsUpdated: 1,
      terminalsUpdated: 1,
      stationsRetired: 0,
    });
    expect(
      await sql(hub, `select count(*)::int as count from stations where retired_at is null`),
    ).toEqual([{ count: 3 }]);
  });

  it('explains every rejected row, as JSON pages and as a CSV download', async () => {
    const { path, expectation } = await files.generate('dirty.csv', {
      rows: 400,
      seed: 3,
      dirty: 0.4,
    });
    const view = await uploadAndWait(path, { batchSize: '100' });
    expect(view).toMatchObject({
      status: 'COMPLETED',
      rowsRead: 400,
      rowsRejected: expectation.rejectedRows,
      batchSize: 100,
    });

    const page = await admin
      .get(`/api/v1/admin/imports/${view.importId}/rejects?limit=5&offset=0`)
      .expect(200);
    expect(page.body.total).toBeGreaterThanOrEqual(expectation.rejectedRows);
    expect(page.body.items).toHaveLength(5);
    expect(Object.keys(page.body.items[0]).sort()).toEqual([
      'field',
      'line',
      'pdcId',
      'reason',
      'stationId',
      'value',
    ]);
    const lines = page.body.items.map((item: { line: number }) => item.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));

    const csv = await admin
      .get(`/api/v1/admin/imports/${view.importId}/rejects?format=csv`)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /attachment; filename="import-.*-rejects.csv"/,
    );
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe('line,id_station_itinerance,id_pdc_itinerance,field,value,reason');
    expect(rows).toHaveLength(page.body.total + 1);
    expect(csv.text).toMatch(/date_maj,0000-00-00,is a zero date/);

    const conflicts = await admin
      .get(`/api/v1/admin/imports/${view.importId}/conflicts`)
      .expect(200);
    expect(conflicts.body.total).toBe(expectation.conflicts);
  });

  it('refuses an upload over the limit with a clear 413, and writes nothing', async () => {
    const before = await importCount();
    const path = files.path('too-big.csv');
    await writeFile(
      path,
      (await readFile(OFFICIAL_EXAMPLE, 'utf8')).padEnd(UPLOAD_LIMIT + 10, '\n'),
    );
    const response = await upload(path).expect(413);
    expect(response.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: expect.stringMatching(
        /larger than the upload limit of 0.2 MB \(IMPORT_MAX_UPLOAD_BYTES\)/,
      ),
    });
    expect(await importCount()).toBe(before);
    expect(await readdir(files.path('uploads'))).toEqual([]);
  });

  it.each([
    [
      'a spreadsheet',
      'stations.xlsx',
      Buffer.from('PK\u0003\u0004'),
      /Expected a CSV file, got application\/vnd\.openxml/,
    ],
    [
      'binary data named .csv',
      'stations.csv',
      Buffer.from('PK\u0003\u0004\u0000\u0000binary'),
      /not a CSV file/,
    ],
    [
      'a CSV that is not IRVE',
      'people.csv',
      Buffer.from('name,email\nAda,ada@example.org\n'),
      /lacks columns the hub cannot do without: id_station_itinerance/,
    ],
    [
      'an IRVE file of schema v1',
      'old.csv',
      Buffer.from('n_station;Xlongitude;Ylatitude;puiss_max\n'),
      /legacy IRVE schema v1/,
    ],
  ])(
    'refuses %s with a clear 415, and writes nothing',
    async (_name, fileName, content, message) => {
      const before = await importCount();
      const response = await admin
        .post('/api/v1/admin/imports')
        .attach('file', content, fileName)
        .expect(415);
      expect(response.body).toMatchObject({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: expect.stringMatching(message),
      });
      expect(await importCount()).toBe(before);
      expect(await readdir(files.path('uploads'))).toEqual([]);
    },
  );

  it('refuses a file sent as an image', async () => {
    const response = await admin
      .post('/api/v1/admin/imports')
      .attach('file', Buffer.from('x'), { filename: 'photo.png', contentType: 'image/png' })
      .expect(415);
    expect(response.body.message).toMatch(/Expected a CSV file, got image\/png/);
  });

  it('asks for the file when there is none, and checks the other fields', async () => {
    const missing = await admin.post('/api/v1/admin/imports').field('prune', 'true').expect(400);
    expect(missing.body.message).toMatch(/field named "file"/);
    const badBatch = await upload(OFFICIAL_EXAMPLE, { batchSize: '3' }).expect(400);
    expect(badBatch.body.message).toMatch(/batchSize/);
    expect(await readdir(files.path('uploads'))).toEqual([]);
  });

  it('lists recent imports and answers 404 for an unknown one', async () => {
    const recent = await admin.get('/api/v1/admin/imports').expect(200);
    expect(recent.body.length).toBeGreaterThan(3);
    await admin.get('/api/v1/admin/imports/7f0e4a0e-4a43-4e3b-9f5a-1a2b3c4d5e6f').expect(404);
    await admin
      .get('/api/v1/admin/imports/7f0e4a0e-4a43-4e3b-9f5a-1a2b3c4d5e6f/rejects')
      .expect(404);
  });
});
