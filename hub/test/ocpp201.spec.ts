import type { RPCClient } from 'ocpp-rpc';
import { adminSession, answerCommands, chargerClient, stationWithTerminals } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

describe('OCPP 2.0.1 charging station against the real hub', () => {
  let hub: TestApp;
  let admin: Awaited<ReturnType<typeof adminSession>>;
  let terminalIds: string[];
  let chargerId: string;
  let client: RPCClient;
  let received: string[] = [];
  const sql = <T>(query: string, params: unknown[] = []) =>
    hub.orm.em.fork().getConnection().execute<T[]>(query, params);

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await adminSession(hub);
    const station = await stationWithTerminals(hub, 'FR*O201*P1', 2);
    terminalIds = station.terminalIds;
    const created = await admin
      .post('/api/v1/admin/chargers')
      .send({ identity: 'CS-201', protocol: 'ocpp2.0.1', stationId: station.stationId })
      .expect(201);
    chargerId = created.body.id;
    client = chargerClient(hub, 'CS-201', created.body.password, 'ocpp2.0.1');
    const answers: Record<string, object> = {
      RequestStartTransaction: { status: 'Accepted' },
      RequestStopTransaction: { status: 'Rejected' },
      ReserveNow: { status: 'Accepted' },
      CancelReservation: { status: 'Accepted' },
      ChangeAvailability: { status: 'Accepted' },
      Reset: { status: 'Scheduled' },
      TriggerMessage: { status: 'Accepted' },
    };
    received = answerCommands(client, answers);
    await client.connect();
  });

  afterAll(async () => {
    await client?.close({ force: true });
    await hub.close();
  });

  it('boots and heartbeats', async () => {
    expect(
      await client.call('BootNotification', {
        reason: 'PowerUp',
        chargingStation: {
          model: 'Up-150',
          vendorName: 'Watts',
          serialNumber: 'S-201',
          firmwareVersion: '2.0',
        },
      }),
    ).toMatchObject({ status: 'Accepted', interval: 300 });
    expect(await client.call('Heartbeat', {})).toEqual({ currentTime: expect.any(String) });
  });

  it('maps connector statuses per EVSE', async () => {
    await client.call('StatusNotification', {
      timestamp: new Date().toISOString(),
      connectorStatus: 'Occupied',
      evseId: 2,
      connectorId: 1,
    });
    const rows = await sql<{ status: string }>('select status from terminals where id = ?', [
      terminalIds[1],
    ]);
    expect(rows[0].status).toBe('OCCUPIED');
  });

  it('runs a transaction from Started through Updated to Ended', async () => {
    const [user] = await sql<{ id_tag: string }>('select id_tag from users where email = ?', [
      hub.config.ADMIN_EMAIL,
    ]);
    const started = new Date(Date.now() - 60 * 60_000);
    const meter = (minutes: number, kwh: number, kw?: number) => ({
      timestamp: new Date(started.getTime() + minutes * 60_000).toISOString(),
      sampledValue: [
        { value: kwh, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'kWh' } },
        ...(kw === undefined
          ? []
          : [{ value: kw, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'kW' } }]),
      ],
    });
    const event = (eventType: string, seqNo: number, extra: object) => ({
      eventType,
      timestamp: new Date().toISOString(),
      triggerReason: 'Authorized',
      seqNo,
      transactionInfo: { transactionId: 'TX-201-1' },
      ...extra,
    });
    expect(
      await client.call(
        'TransactionEvent',
        event('Started', 0, {
          timestamp: started.toISOString(),
          idToken: { idToken: user.id_tag, type: 'Central' },
          evse: { id: 1, connectorId: 1 },
          meterValue: [meter(0, 100)],
        }),
      ),
    ).toEqual({ idTokenInfo: { status: 'Accepted' } });
    await client.call(
      'TransactionEvent',
      event('Updated', 1, { meterValue: [meter(30, 111, 22.5)] }),
    );
    await client.call(
      'TransactionEvent',
      event('Ended', 2, {
        timestamp: new Date(started.getTime() + 60 * 60_000).toISOString(),
        transactionInfo: { transactionId: 'TX-201-1', stoppedReason: 'EVDisconnected' },
        meterValue: [meter(60, 120)],
      }),
    );
    const [session] = await sql<Record<string, unknown>>(
      `select energy_wh::float8 as energy, peak_power_w::float8 as peak, stop_reason, terminal_id
       from charging_sessions where transaction_id = 'TX-201-1'`,
    );
    expect(session).toEqual({
      energy: 20_000,
      peak: 22_500,
      stop_reason: 'EVDisconnected',
      terminal_id: terminalIds[0],
    });
  });

  it('stores NotifyEvent', async () => {
    await client.call('NotifyEvent', {
      generatedAt: new Date().toISOString(),
      seqNo: 0,
      eventData: [
        {
          eventId: 1,
          timestamp: new Date().toISOString(),
          trigger: 'Alerting',
          actualValue: 'Faulted',
          eventNotificationType: 'HardWiredNotification',
          component: { name: 'Connector' },
          variable: { name: 'AvailabilityState' },
        },
      ],
    });
    const events = await sql<{ kind: string }>(
      'select kind from charger_events where charger_id = ?',
      [chargerId],
    );
    expect(events.map((event) => event.kind)).toEqual(['NotifyEvent']);
  });

  it.each([
    ['remote-start', { connectorId: 1, idTag: 'TAG' }, 'RequestStartTransaction', 'Accepted'],
    ['remote-stop', { transactionId: 'TX-201-1' }, 'RequestStopTransaction', 'Rejected'],
    [
      'reserve-now',
      { connectorId: 1, expiresAt: '2030-01-01T00:00:00Z', idTag: 'TAG', reservationId: 9 },
      'ReserveNow',
      'Accepted',
    ],
    ['cancel-reservation', { reservationId: 9 }, 'CancelReservation', 'Accepted'],
    ['change-availability', { connectorId: 2, operative: false }, 'ChangeAvailability', 'Accepted'],
    ['reset', { type: 'hard' }, 'Reset', 'Scheduled'],
    [
      'trigger-message',
      { message: 'StatusNotification', connectorId: 1 },
      'TriggerMessage',
      'Accepted',
    ],
  ])(
    'command %s reaches the station and reports its answer',
    async (command, body, action, status) => {
      const response = await admin
        .post(`/api/v1/admin/chargers/${chargerId}/commands/${command}`)
        .send(body)
        .expect(200);
      expect(response.body).toMatchObject({ command, action, status });
      expect(received.at(-1)).toBe(action);
    },
  );

  it('says plainly when a command has no 2.0.1 form', async () => {
    const response = await admin
      .post(`/api/v1/admin/chargers/${chargerId}/commands/get-configuration`)
      .send({})
      .expect(400);
    expect(response.body.message).toBe(
      'get-configuration is not available for ocpp2.0.1 chargers.',
    );
  });
});
