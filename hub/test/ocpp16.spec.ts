import type { RPCClient } from 'ocpp-rpc';
import {
  adminSession,
  answerCommands,
  chargerClient,
  eventually,
  liveEvents,
  stationWithTerminals,
} from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

type Agent = Awaited<ReturnType<typeof adminSession>>;

describe('OCPP 1.6J charger against the real hub', () => {
  let hub: TestApp;
  let admin: Agent;
  let terminalIds: string[];
  let chargerId: string;
  let password: string;
  let client: RPCClient;
  let received: string[] = [];
  const sql = <T>(query: string, params: unknown[] = []) =>
    hub.orm.em.fork().getConnection().execute<T[]>(query, params);

  beforeAll(async () => {
    hub = await startTestApp({ OCPP_HEARTBEAT_INTERVAL_SECONDS: '60' });
    admin = await adminSession(hub);
    const station = await stationWithTerminals(hub, 'FR*O16*P1', 2);
    terminalIds = station.terminalIds;
    const created = await admin
      .post('/api/v1/admin/chargers')
      .send({ identity: 'CP-16', protocol: 'ocpp1.6', stationId: station.stationId })
      .expect(201);
    chargerId = created.body.id;
    password = created.body.password;
    expect(
      created.body.connectors.map((c: { connectorId: number; terminalId: string }) => [
        c.connectorId,
        c.terminalId,
      ]),
    ).toEqual([
      [1, terminalIds[0]],
      [2, terminalIds[1]],
    ]);
    client = chargerClient(hub, 'CP-16', password, 'ocpp1.6');
    // The charger side of every hub command: answer like a real charge point.
    const answers: Record<string, object> = {
      RemoteStartTransaction: { status: 'Accepted' },
      RemoteStopTransaction: { status: 'Accepted' },
      ReserveNow: { status: 'Occupied' },
      CancelReservation: { status: 'Accepted' },
      ChangeAvailability: { status: 'Scheduled' },
      Reset: { status: 'Accepted' },
      TriggerMessage: { status: 'Accepted' },
      UnlockConnector: { status: 'Unlocked' },
      GetConfiguration: {
        configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '60' }],
      },
      ChangeConfiguration: { status: 'Rejected' },
    };
    received = answerCommands(client, answers);
    await client.connect();
  });

  afterAll(async () => {
    await client?.close({ force: true });
    await hub.close();
  });

  it('boots: Accepted with the configured heartbeat interval, and shows online', async () => {
    const boot = await client.call('BootNotification', {
      chargePointVendor: 'Watts',
      chargePointModel: 'Up-22',
      chargePointSerialNumber: 'SN-1',
      firmwareVersion: '1.2.3',
    });
    expect(boot).toMatchObject({ status: 'Accepted', interval: 60 });
    const chargers = await admin.get('/api/v1/admin/chargers').expect(200);
    expect(chargers.body[0]).toMatchObject({
      identity: 'CP-16',
      protocol: 'ocpp1.6',
      online: true,
      vendor: 'Watts',
      model: 'Up-22',
      serialNumber: 'SN-1',
      firmwareVersion: '1.2.3',
    });
    expect(await client.call('Heartbeat', {})).toEqual({ currentTime: expect.any(String) });
  });

  it('maps StatusNotification onto the terminal, its history and a live event', async () => {
    const live = liveEvents(hub);
    await client.call('StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Charging',
      timestamp: new Date().toISOString(),
    });
    const event = await live.next(
      (frame) => frame.type === 'terminal.status' && frame.data.terminalId === terminalIds[0],
    );
    live.stop();
    expect(event.data).toMatchObject({ status: 'OCCUPIED', source: 'OCPP', station: { total: 2 } });
    const [terminal] = await sql<{ status: string; status_source: string }>(
      'select status, status_source from terminals where id = ?',
      [terminalIds[0]],
    );
    expect(terminal).toEqual({ status: 'OCCUPIED', status_source: 'OCPP' });
    const history = await sql<{ status: string; source_status: string }>(
      'select status, source_status from terminal_status_history where terminal_id = ? order by id',
      [terminalIds[0]],
    );
    expect(history).toEqual([{ status: 'OCCUPIED', source_status: 'Charging' }]);
  });

  it('treats connector 0 as the whole charger', async () => {
    await client.call('StatusNotification', {
      connectorId: 0,
      errorCode: 'GroundFailure',
      status: 'Faulted',
    });
    const rows = await sql<{ status: string }>(
      'select status from terminals where id in (?, ?) order by pdc_id',
      terminalIds,
    );
    expect(rows.map((row) => row.status)).toEqual(['FAULTED', 'FAULTED']);
    const [history] = await sql<{ error_code: string }>(
      `select error_code from terminal_status_history where terminal_id = ? order by id desc limit 1`,
      [terminalIds[1]],
    );
    expect(history.error_code).toBe('GroundFailure');
    await client.call('StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Available',
    });
    await client.call('StatusNotification', {
      connectorId: 2,
      errorCode: 'NoError',
      status: 'Available',
    });
  });

  it('authorizes the id tags of Watts Up users only', async () => {
    const [user] = await sql<{ id_tag: string }>(`select id_tag from users where email = ?`, [
      hub.config.ADMIN_EMAIL,
    ]);
    expect(await client.call('Authorize', { idTag: user.id_tag })).toEqual({
      idTagInfo: { status: 'Accepted' },
    });
    expect(await client.call('Authorize', { idTag: 'NOBODY' })).toEqual({
      idTagInfo: { status: 'Invalid' },
    });
  });

  it('runs a transaction with meter values and learns the real charging speed', async () => {
    const [user] = await sql<{ id_tag: string }>(`select id_tag from users where email = ?`, [
      hub.config.ADMIN_EMAIL,
    ]);
    const start = new Date(Date.now() - 30 * 60_000);
    const started = (await client.call('StartTransaction', {
      connectorId: 1,
      idTag: user.id_tag,
      meterStart: 10_000,
      timestamp: start.toISOString(),
    })) as { transactionId: number; idTagInfo: { status: string } };
    expect(started.idTagInfo.status).toBe('Accepted');
    expect(Number.isInteger(started.transactionId)).toBe(true);
    await client.call('MeterValues', {
      connectorId: 1,
      transactionId: started.transactionId,
      meterValue: [
        {
          timestamp: new Date(start.getTime() + 10 * 60_000).toISOString(),
          sampledValue: [
            { value: '13.5', measurand: 'Energy.Active.Import.Register', unit: 'kWh' },
            { value: '21.6', measurand: 'Power.Active.Import', unit: 'kW' },
            { value: '55', measurand: 'SoC', unit: 'Percent' },
          ],
        },
      ],
    });
    await client.call('StopTransaction', {
      transactionId: started.transactionId,
      meterStop: 20_500,
      timestamp: new Date().toISOString(),
      reason: 'EVDisconnected',
      transactionData: [
        {
          timestamp: new Date().toISOString(),
          sampledValue: [
            { value: '20500' },
            { value: '19000', measurand: 'Power.Active.Import', unit: 'W' },
          ],
        },
      ],
    });
    const [session] = await sql<Record<string, unknown>>(
      `select energy_wh::float8 as energy, peak_power_w::float8 as peak, soc_pct::float8 as soc, stop_reason, user_id is not null as has_user
       from charging_sessions where transaction_id = ?`,
      [String(started.transactionId)],
    );
    expect(session).toEqual({
      energy: 10_500,
      peak: 21_600,
      soc: 55,
      stop_reason: 'EVDisconnected',
      has_user: true,
    });
    const [terminal] = await sql<{ observed: number }>(
      'select observed_power_kw::float8 as observed from terminals where id = ?',
      [terminalIds[0]],
    );
    // 10.5 kWh in 30 minutes: 21 kW really delivered on a 22 kW terminal.
    expect(terminal.observed).toBeCloseTo(21, 0);
  });

  it('answers DataTransfer from an unknown vendor per spec and stores firmware news', async () => {
    expect(await client.call('DataTransfer', { vendorId: 'com.example', data: 'x' })).toEqual({
      status: 'UnknownVendorId',
    });
    await client.call('FirmwareStatusNotification', { status: 'Downloading' });
    await client.call('DiagnosticsStatusNotification', { status: 'Uploaded' });
    const events = await sql<{ kind: string }>(
      'select kind from charger_events where charger_id = ? order by id',
      [chargerId],
    );
    expect(events.map((event) => event.kind)).toEqual([
      'DataTransfer',
      'FirmwareStatusNotification',
      'DiagnosticsStatusNotification',
    ]);
  });

  it.each([
    ['remote-start', { connectorId: 1, idTag: 'TAG' }, 'RemoteStartTransaction', 'Accepted'],
    ['remote-stop', { transactionId: '7' }, 'RemoteStopTransaction', 'Accepted'],
    [
      'reserve-now',
      { connectorId: 1, expiresAt: '2030-01-01T00:00:00Z', idTag: 'TAG', reservationId: 3 },
      'ReserveNow',
      'Occupied',
    ],
    ['cancel-reservation', { reservationId: 3 }, 'CancelReservation', 'Accepted'],
    [
      'change-availability',
      { connectorId: 0, operative: false },
      'ChangeAvailability',
      'Scheduled',
    ],
    ['reset', { type: 'soft' }, 'Reset', 'Accepted'],
    [
      'trigger-message',
      { message: 'StatusNotification', connectorId: 1 },
      'TriggerMessage',
      'Accepted',
    ],
    ['unlock-connector', { connectorId: 2 }, 'UnlockConnector', 'Unlocked'],
    ['get-configuration', { keys: ['HeartbeatInterval'] }, 'GetConfiguration', null],
    [
      'change-configuration',
      { key: 'HeartbeatInterval', value: '30' },
      'ChangeConfiguration',
      'Rejected',
    ],
  ])(
    'command %s reaches the charger as %s and reports its answer',
    async (command, body, action, status) => {
      const response = await admin
        .post(`/api/v1/admin/chargers/${chargerId}/commands/${command}`)
        .send(body)
        .expect(200);
      expect(response.body).toMatchObject({ command, action, status });
      expect(received.at(-1)).toBe(action);
    },
  );

  it('refuses a bad command body with 400 and an unknown command with 404', async () => {
    await admin
      .post(`/api/v1/admin/chargers/${chargerId}/commands/reset`)
      .send({ type: 'sideways' })
      .expect(400);
    await admin
      .post(`/api/v1/admin/chargers/${chargerId}/commands/self-destruct`)
      .send({})
      .expect(404);
  });

  it('keeps the last frames in and out for troubleshooting', async () => {
    const response = await admin
      .get(`/api/v1/admin/chargers/${chargerId}/frames?limit=5`)
      .expect(200);
    expect(response.body).toHaveLength(5);
    expect(response.body[0]).toEqual({
      at: expect.any(String),
      direction: expect.stringMatching(/^(in|out)$/),
      frame: expect.stringMatching(/^\[/),
    });
  });

  it('refuses to bind a terminal that another charger already holds, or one terminal twice', async () => {
    const taken = await admin
      .post('/api/v1/admin/chargers')
      .send({
        identity: 'CP-THIEF',
        protocol: 'ocpp1.6',
        connectors: [{ connectorId: 1, terminalId: terminalIds[0] }],
      })
      .expect(409);
    expect(taken.body.message).toMatch(/^Already bound to another charger: FR\*O16\*E11\.$/);
    const twice = await admin
      .post('/api/v1/admin/chargers')
      .send({
        identity: 'CP-TWICE',
        protocol: 'ocpp1.6',
        connectors: [
          { connectorId: 1, terminalId: terminalIds[0] },
          { connectorId: 2, terminalId: terminalIds[0] },
        ],
      })
      .expect(400);
    expect(twice.body.message).toBe('connectors: a terminal is bound to two connectors');
    const chargers = await admin.get('/api/v1/admin/chargers').expect(200);
    expect(chargers.body.map((charger: { identity: string }) => charger.identity)).toEqual([
      'CP-16',
    ]);
  });

  it('only lets admins see chargers', async () => {
    const { registeredDriver } = await import('./support/http');
    const { agent } = await registeredDriver(hub.url);
    await agent.get('/api/v1/admin/chargers').expect(403);
  });

  it('a second connection replaces the first; a closed socket is offline at once with its terminals', async () => {
    const live = liveEvents(hub);
    const second = chargerClient(hub, 'CP-16', password, 'ocpp1.6');
    const firstClosed = new Promise((resolve) => client.once('close', resolve));
    await second.connect();
    await firstClosed;
    await eventually(async () => {
      const [row] = await sql<{ online: boolean }>('select online from chargers where id = ?', [
        chargerId,
      ]);
      expect(row.online).toBe(true);
    });
    await second.close();
    await live.next((frame) => frame.type === 'charger.connection' && frame.data.online === false);
    live.stop();
    const rows = await sql<{ status: string }>(
      'select status from terminals where charger_id = ? order by connector_id',
      [chargerId],
    );
    expect(rows.map((row) => row.status)).toEqual(['OFFLINE', 'OFFLINE']);
    await admin
      .post(`/api/v1/admin/chargers/${chargerId}/commands/reset`)
      .send({ type: 'hard' })
      .expect(409);
  });
});
