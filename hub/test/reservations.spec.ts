import type { ReservationDetailView, ReservationView } from '@wattsup/contracts';
import request from 'supertest';
import { JobQueues } from '../src/jobs/job-queues';
import { ReservationTimers } from '../src/reservations/reservation-timers';
import { adminSession, eventually, liveEvents, stationWithTerminals } from './support/ocpp';
import { onlineCharger, quickDriver, type TestCharger } from './support/reservations';
import { startTestApp, type TestApp } from './support/test-app';

type Driver = Awaited<ReturnType<typeof quickDriver>>;

const HOLD_SECONDS = 2;

describe('reservations against real chargers', () => {
  let hub: TestApp;
  let admin: Awaited<ReturnType<typeof adminSession>>;
  let ocpp16: TestCharger;
  let ocpp201: TestCharger;
  let nearby: TestCharger;
  const sql = <T>(query: string, params: unknown[] = []) =>
    hub.orm.em.fork().getConnection().execute<T[]>(query, params);
  const terminalStatus = async (terminalId: string) =>
    (await sql<{ status: string }>('select status from terminals where id = ?', [terminalId]))[0]
      .status;

  beforeAll(async () => {
    hub = await startTestApp({
      RESERVATION_HOLD_SECONDS: String(HOLD_SECONDS),
      RESERVATION_RECONCILE_SECONDS: '1',
    });
    admin = await adminSession(hub);
    ocpp16 = await onlineCharger(hub, admin, {
      identity: 'RES-16',
      protocol: 'ocpp1.6',
      terminals: 3,
    });
    ocpp201 = await onlineCharger(hub, admin, {
      identity: 'RES-201',
      protocol: 'ocpp2.0.1',
      terminals: 2,
    });
    // Two kilometres away: the alternative when a terminal breaks.
    nearby = await onlineCharger(hub, admin, {
      identity: 'RES-NEAR',
      protocol: 'ocpp1.6',
      terminals: 1,
      lon: 1.46,
      lat: 43.61,
    });
    await sql(`update stations set pricing = '0,40 €/kWh' where id = ?`, [ocpp16.stationId]);
  });

  afterAll(async () => {
    await Promise.all(
      [ocpp16, ocpp201, nearby].map((charger) => charger?.client.close({ force: true })),
    );
    await hub.close();
  });

  /** A driver reserves the 1.6 charger's second terminal, which then faults. */
  async function reserveThenFault() {
    const driver = await quickDriver(hub);
    const live = liveEvents(hub);
    const { body } = await driver
      .post('/api/v1/reservations', { terminalId: ocpp16.terminalIds[1] })
      .expect(201);
    await ocpp16.status(2, 'Faulted');
    const interrupted = await live.next(
      (frame) =>
        frame.type === 'reservation.updated' &&
        frame.data.reservationId === body.id &&
        frame.data.status === 'INTERRUPTED',
    );
    live.stop();
    if (interrupted.type !== 'reservation.updated') throw new Error('unexpected frame');
    return { driver, body: body as ReservationView, interrupted };
  }

  /** Puts a terminal back to AVAILABLE between tests. */
  async function reset(charger: TestCharger, connector: number) {
    await charger.status(connector, 'Available');
    await eventually(async () =>
      expect(await terminalStatus(charger.terminalIds[connector - 1])).toBe('AVAILABLE'),
    );
  }

  it('reserves through the charger: ReserveNow with the idTag, then ACTIVE with its history', async () => {
    const driver = await quickDriver(hub);
    const live = liveEvents(hub);
    const response = await driver
      .post('/api/v1/reservations', { terminalId: ocpp16.terminalIds[0] })
      .expect(201);
    const reservation = response.body as ReservationView;
    expect(reservation).toMatchObject({
      status: 'ACTIVE',
      kind: 'CHARGER',
      terminalId: ocpp16.terminalIds[0],
      stationName: 'Station FR*RES-16*P1',
      powerKw: 22,
      notice: null,
    });
    const reserveNow = ocpp16.received.find((command) => command.action === 'ReserveNow');
    expect(reserveNow?.params).toMatchObject({ connectorId: 1, idTag: driver.idTag });
    expect(Date.parse(String(reserveNow?.params.expiryDate))).toBe(
      Date.parse(reservation.expiresAt),
    );

    const { transitions, ...stored } = (
      await driver.get(`/api/v1/reservations/${reservation.id}`).expect(200)
    ).body as ReservationDetailView;
    // The answer to the create is built without reading the reservation back: the same view.
    expect(stored).toEqual(reservation);
    expect(transitions.map((t) => [t.from, t.to])).toEqual([
      [null, 'PENDING'],
      ['PENDING', 'ACTIVE'],
    ]);
    const event = await live.next(
      (frame) =>
        frame.type === 'reservation.updated' &&
        frame.data.reservationId === reservation.id &&
        frame.data.status === 'ACTIVE',
    );
    live.stop();
    expect(event.data).toMatchObject({ userId: driver.id, cause: 'Held for you by the charger' });
    await driver.post(`/api/v1/reservations/${reservation.id}/cancel`).expect(200);
  });

  it('fails with the charger’s reason when it refuses ReserveNow, and keeps nothing live', async () => {
    const driver = await quickDriver(hub);
    ocpp16.answers.ReserveNow = () => ({ status: 'Occupied' });
    try {
      const response = await driver
        .post('/api/v1/reservations', { terminalId: ocpp16.terminalIds[1] })
        .expect(409);
      expect(response.body).toMatchObject({
        message: 'The charger says this charge point is occupied.',
        code: 'CHARGER_REFUSED',
        details: { answer: 'Occupied' },
      });
    } finally {
      ocpp16.answers.ReserveNow = () => ({ status: 'Accepted' });
    }
    const mine = (await driver.get('/api/v1/reservations/mine').expect(200))
      .body as ReservationView[];
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      status: 'REJECTED',
      endCause: 'The charger says this charge point is occupied.',
    });
    // Refused, so the driver may try again at once.
    await driver.post('/api/v1/reservations', { terminalId: ocpp16.terminalIds[1] }).expect(201);
    const [live] = (await driver.get('/api/v1/reservations/mine').expect(200))
      .body as ReservationView[];
    await driver.post(`/api/v1/reservations/${live.id}/cancel`).expect(200);
  });

  it('gives one of 100 simultaneous drivers the terminal and tells the other 99 why not', async () => {
    const drivers = await Promise.all(Array.from({ length: 100 }, () => quickDriver(hub)));
    const responses = await Promise.all(
      drivers.map((driver) =>
        driver.post('/api/v1/reservations', { terminalId: ocpp16.terminalIds[2] }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(99);
    expect(
      new Set(responses.filter((r) => r.status === 409).map((r) => r.body.message as string)),
    ).toEqual(new Set(['This charge point was just reserved by someone else.']));
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(
      new Set(['TERMINAL_TAKEN']),
    );
    const winner = responses.find((response) => response.status === 201)!;
    const owner = drivers[responses.indexOf(winner)];
    await owner.post(`/api/v1/reservations/${winner.body.id}/cancel`).expect(200);
  });

  it('refuses a second live reservation for one driver, saying where and until when', async () => {
    const driver = await quickDriver(hub);
    const first = await driver
      .post('/api/v1/reservations', { terminalId: ocpp16.terminalIds[0] })
      .expect(201);
    const second = await driver
      .post('/api/v1/reservations', { terminalId: ocpp201.terminalIds[0] })
      .expect(409);
    expect(second.body.message).toMatch(
      /^You already have a reservation at Station FR\*RES-16\*P1 until \d\d:\d\d\.$/,
    );
    expect(second.body).toMatchObject({
      code: 'ALREADY_HOLDING',
      details: {
        reservationId: first.body.id,
        status: 'ACTIVE',
        stationName: 'Station FR*RES-16*P1',
        expiresAt: first.body.expiresAt,
      },
    });
    await driver.post(`/api/v1/reservations/${first.body.id}/cancel`).expect(200);
  });

  it('cancels idempotently, sends CancelReservation, and hides other drivers’ reservations', async () => {
    const driver = await quickDriver(hub);
    const stranger = await quickDriver(hub);
    const { body } = await driver
      .post('/api/v1/reservations', { terminalId: ocpp16.terminalIds[0] })
      .expect(201);
    await stranger.post(`/api/v1/reservations/${body.id}/cancel`).expect(404);
    await stranger.get(`/api/v1/reservations/${body.id}`).expect(404);
    const cancelled = await driver.post(`/api/v1/reservations/${body.id}/cancel`).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', endCause: 'Cancelled by you.' });
    await driver.post(`/api/v1/reservations/${body.id}/cancel`).expect(200);
    await eventually(async () =>
      expect(
        ocpp16.received.filter(
          (c) =>
            c.action === 'CancelReservation' &&
            c.params.reservationId === ocpp16.received.at(-2)?.params.reservationId,
        ).length,
      ).toBeGreaterThan(0),
    );
    const detail = await driver.get(`/api/v1/reservations/${body.id}`).expect(200);
    expect(
      detail.body.transitions.filter((t: { to: string }) => t.to === 'CANCELLED'),
    ).toHaveLength(1);
  });

  it('refuses what cannot be held: busy terminal, offline charger, no charger, unknown id', async () => {
    const driver = await quickDriver(hub);
    await ocpp201.status(2, 'Occupied');
    await eventually(async () =>
      expect(await terminalStatus(ocpp201.terminalIds[1])).toBe('OCCUPIED'),
    );
    const busy = await driver
      .post('/api/v1/reservations', { terminalId: ocpp201.terminalIds[1] })
      .expect(409);
    expect(busy.body).toMatchObject({
      message: 'This charge point is in use right now.',
      code: 'NOT_AVAILABLE',
      details: { status: 'OCCUPIED' },
    });
    await reset(ocpp201, 2);

    const { terminalIds: staticTerminals } = await stationWithTerminals(hub, 'FR*STATIC*P1', 1);
    const unplugged = await driver
      .post('/api/v1/reservations', { terminalId: staticTerminals[0] })
      .expect(409);
    expect(unplugged.body).toMatchObject({
      message: expect.stringMatching(/no live connection/),
      code: 'NO_LIVE_CONNECTION',
    });

    await driver
      .post('/api/v1/reservations', { terminalId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    const invalid = await driver.post('/api/v1/reservations', { terminalId: 'nope' }).expect(400);
    expect(invalid.body.message).toBeDefined();
    await driver
      .post('/api/v1/reservations', { terminalId: ocpp201.terminalIds[0], extra: 1 })
      .expect(400);

    await quickDriver(hub).then((other) => other.get('/api/v1/admin/reservations').expect(403));
    await request(hub.url)
      .post('/api/v1/reservations')
      .send({ terminalId: ocpp201.terminalIds[0] })
      .expect(401);
  });

  it('tells drivers which terminals they can hold, and for how long', async () => {
    const driver = await quickDriver(hub);
    expect((await driver.get('/api/v1/reservations/policy').expect(200)).body).toEqual({
      holdSeconds: HOLD_SECONDS,
    });
    const station = await request(hub.url).get(`/api/v1/stations/${ocpp16.stationId}`).expect(200);
    expect(station.body.terminals.map((t: { reservable: string }) => t.reservable)).toEqual([
      'CHARGER',
      'CHARGER',
      'CHARGER',
    ]);
    const { stationId } = await stationWithTerminals(hub, 'FR*NOHOLD*P1', 1);
    const unplugged = await request(hub.url).get(`/api/v1/stations/${stationId}`).expect(200);
    expect(unplugged.body.terminals[0].reservable).toBeNull();
  });

  it('expires a hold within a second of its due time and tells the charger', async () => {
    const driver = await quickDriver(hub);
    const live = liveEvents(hub);
    const { body } = await driver
      .post('/api/v1/reservations', { terminalId: ocpp16.terminalIds[1] })
      .expect(201);
    const expired = await live.next(
      (frame) =>
        frame.type === 'reservation.updated' &&
        frame.data.reservationId === body.id &&
        frame.data.status === 'EXPIRED',
      (HOLD_SECONDS + 3) * 1000,
    );
    live.stop();
    const lateMs = Date.parse(expired.at) - Date.parse(body.expiresAt);
    expect(lateMs).toBeLessThan(1000);
    const [row] = await sql<{ status: string; late_ms: number }>(
      `select status, extract(epoch from ended_at - expires_at) * 1000 as late_ms from reservations where id = ?`,
      [body.id],
    );
    expect(row.status).toBe('EXPIRED');
    expect(Number(row.late_ms)).toBeLessThan(1000);
    await eventually(async () =>
      expect(ocpp16.received.at(-1)).toMatchObject({ action: 'CancelReservation' }),
    );
  });

  it('puts a lost expiry timer back, and the hold still ends on time', async () => {
    const driver = await quickDriver(hub);
    const { body } = await driver
      .post('/api/v1/reservations', { terminalId: ocpp16.terminalIds[2] })
      .expect(201);
    const queue = hub.app.get(JobQueues).queue('reservation-expiry');
    const jobId = ReservationTimers.jobId(body.id);
    await eventually(async () => expect(await queue.getJob(jobId)).toBeDefined());
    await queue.remove(jobId);
    // The reconciler (every second here) finds the hold due soon without its timer.
    await eventually(async () => expect(await queue.getJob(jobId)).toBeDefined());
    await eventually(
      async () => {
        const [row] = await sql<{ status: string; late_ms: number }>(
          `select status, extract(epoch from ended_at - expires_at) * 1000 as late_ms from reservations where id = ?`,
          [body.id],
        );
        expect(row.status).toBe('EXPIRED');
        expect(Number(row.late_ms)).toBeLessThan(1000);
      },
      (HOLD_SECONDS + 3) * 1000,
    );
  });

  it('turns IN_USE on StartTransaction with the reservation, then COMPLETED with energy and cost', async () => {
    const driver = await quickDriver(hub);
    const { body } = await driver
      .post('/api/v1/reservations', { terminalId: ocpp16.terminalIds[0] })
      .expect(201);
    const ocppReservationId = ocpp16.received.filter((c) => c.action === 'ReserveNow').at(-1)!
      .params.reservationId as number;
    const started = new Date(Date.now() - 30 * 60_000);
    const { transactionId } = (await ocpp16.client.call('StartTransaction', {
      connectorId: 1,
      idTag: driver.idTag,
      meterStart: 1_000_000,
      reservationId: ocppReservationId,
      timestamp: started.toISOString(),
    })) as { transactionId: number };
    const inUse = await eventually(async () => {
      const view = (await driver.get(`/api/v1/reservations/${body.id}`).expect(200))
        .body as ReservationView;
      expect(view.status).toBe('IN_USE');
      return view;
    });
    expect(inUse.startedAt).toBe(started.toISOString());
    const cancel = await driver.post(`/api/v1/reservations/${body.id}/cancel`).expect(409);
    expect(cancel.body).toMatchObject({
      message: expect.stringMatching(/Charging has started/),
      code: 'CANNOT_CANCEL',
      details: { status: 'IN_USE' },
    });

    await ocpp16.client.call('MeterValues', {
      connectorId: 1,
      transactionId,
      meterValue: [
        {
          timestamp: new Date().toISOString(),
          sampledValue: [
            { value: '11000', measurand: 'Power.Active.Import', unit: 'W' },
            { value: '50', measurand: 'SoC', unit: 'Percent' },
          ],
        },
      ],
    });
    // AC at 11 kW, 50 % of a typical 60 kWh battery to go: about 2 h 44 min. The estimate made at
    // StartTransaction (the terminal's 22 kW) stands until the meter values are handled.
    await eventually(async () => {
      const view = (await driver.get(`/api/v1/reservations/${body.id}`).expect(200))
        .body as ReservationView;
      expect(view.estimatedEndAt).not.toBeNull();
      const estimated = (Date.parse(view.estimatedEndAt!) - Date.now()) / 60_000;
      expect(estimated).toBeGreaterThan(150);
      expect(estimated).toBeLessThan(170);
    });

    await ocpp16.client.call('StopTransaction', {
      transactionId,
      meterStop: 1_012_500,
      timestamp: new Date().toISOString(),
      reason: 'EVDisconnected',
    });
    const completed = await eventually(async () => {
      const view = (await driver.get(`/api/v1/reservations/${body.id}`).expect(200))
        .body as ReservationDetailView;
      expect(view.status).toBe('COMPLETED');
      return view;
    });
    expect(completed).toMatchObject({ energyKwh: 12.5, costEstimateEur: 5, estimatedEndAt: null });
    expect(completed.endCause).toBe('Charging finished: 12.5 kWh in 30 min.');
    expect(completed.transitions.map((t) => t.to)).toEqual([
      'PENDING',
      'ACTIVE',
      'IN_USE',
      'COMPLETED',
    ]);
    const [session] = await sql<{ reservation_id: string }>(
      'select reservation_id from charging_sessions where transaction_id = ?',
      [String(transactionId)],
    );
    expect(session.reservation_id).toBe(body.id);
  });

  it('completes a charge whose meter claims more power than the terminal has', async () => {
    const driver = await quickDriver(hub);
    const { body } = await driver
      .post('/api/v1/reservations', { terminalId: ocpp16.terminalIds[2] })
      .expect(201);
    const { transactionId } = (await ocpp16.client.call('StartTransaction', {
      connectorId: 3,
      idTag: driver.idTag,
      meterStart: 0,
      timestamp: new Date().toISOString(),
    })) as { transactionId: number };
    // 100 kWh in two seconds: a glitching meter (or an accelerated simulator), not a 22 kW terminal.
    await expect(
      ocpp16.client.call('StopTransaction', {
        transactionId,
        meterStop: 100_000,
        timestamp: new Date(Date.now() + 2000).toISOString(),
      }),
    ).resolves.toBeDefined();
    await eventually(async () =>
      expect((await driver.get(`/api/v1/reservations/${body.id}`).expect(200)).body.status).toBe(
        'COMPLETED',
      ),
    );
    const [terminal] = await sql<{ observed_power_kw: string | null }>(
      'select observed_power_kw from terminals where id = ?',
      [ocpp16.terminalIds[2]],
    );
    expect(terminal.observed_power_kw).toBeNull();
  });

  it('reserves the whole charge point (connector 0) of a 1.6 charger that asks for it', async () => {
    const whole = await onlineCharger(hub, admin, {
      identity: 'RES-ZERO',
      protocol: 'ocpp1.6',
      terminals: 2,
      reserveConnectorZero: true,
    });
    try {
      const driver = await quickDriver(hub);
      const { body } = await driver
        .post('/api/v1/reservations', { terminalId: whole.terminalIds[1] })
        .expect(201);
      const reserveNow = whole.received.find((command) => command.action === 'ReserveNow')!;
      expect(reserveNow.params).toMatchObject({ connectorId: 0, idTag: driver.idTag });
      // The car plugs into connector 2; the charger names the reservation it fulfils.
      await whole.client.call('StartTransaction', {
        connectorId: 2,
        idTag: driver.idTag,
        meterStart: 0,
        reservationId: reserveNow.params.reservationId,
        timestamp: new Date().toISOString(),
      });
      await eventually(async () =>
        expect((await driver.get(`/api/v1/reservations/${body.id}`).expect(200)).body.status).toBe(
          'IN_USE',
        ),
      );
    } finally {
      await whole.client.close({ force: true });
    }
  });

  it('reserves an OCPP 2.0.1 EVSE and goes IN_USE on TransactionEvent Started', async () => {
    const driver = await quickDriver(hub);
    const { body } = await driver
      .post('/api/v1/reservations', { terminalId: ocpp201.terminalIds[0] })
      .expect(201);
    const reserveNow = ocpp201.received.filter((c) => c.action === 'ReserveNow').at(-1)!;
    expect(reserveNow.params).toMatchObject({
      evseId: 1,
      idToken: { idToken: driver.idTag, type: 'Central' },
      expiryDateTime: body.expiresAt,
    });
    await ocpp201.client.call('TransactionEvent', {
      eventType: 'Started',
      timestamp: new Date().toISOString(),
      triggerReason: 'Authorized',
      seqNo: 0,
      transactionInfo: { transactionId: 'TX-RES-201' },
      idToken: { idToken: driver.idTag, type: 'Central' },
      evse: { id: 1, connectorId: 1 },
      reservationId: reserveNow.params.id,
    });
    await eventually(async () =>
      expect((await driver.get(`/api/v1/reservations/${body.id}`).expect(200)).body.status).toBe(
        'IN_USE',
      ),
    );
    // The hold's end passes while charging: the expiry timer must change nothing.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, Date.parse(body.expiresAt) - Date.now()) + 700),
    );
    expect((await driver.get(`/api/v1/reservations/${body.id}`).expect(200)).body.status).toBe(
      'IN_USE',
    );
    await ocpp201.client.call('TransactionEvent', {
      eventType: 'Ended',
      timestamp: new Date().toISOString(),
      triggerReason: 'EVCommunicationLost',
      seqNo: 1,
      transactionInfo: { transactionId: 'TX-RES-201', stoppedReason: 'EVDisconnected' },
    });
    await eventually(async () =>
      expect((await driver.get(`/api/v1/reservations/${body.id}`).expect(200)).body.status).toBe(
        'COMPLETED',
      ),
    );
  });

  it('ends a hold the 2.0.1 station drops itself: Expired as EXPIRED, Removed as INTERRUPTED', async () => {
    const [expiring, removing] = await Promise.all([quickDriver(hub), quickDriver(hub)]);
    const holdAt = async (driver: Driver, terminalId: string) => {
      const { body } = await driver.post('/api/v1/reservations', { terminalId }).expect(201);
      const reserveNow = ocpp201.received.filter((c) => c.action === 'ReserveNow').at(-1)!;
      return { id: (body as ReservationView).id, ocppId: Number(reserveNow.params.id) };
    };
    const statusOf = async (driver: Driver, id: string) =>
      ((await driver.get(`/api/v1/reservations/${id}`).expect(200)).body as ReservationView).status;

    const expired = await holdAt(expiring, ocpp201.terminalIds[1]);
    // Another station cannot end a hold it does not keep.
    const impostor = await onlineCharger(hub, admin, {
      identity: 'RES-201-OTHER',
      protocol: 'ocpp2.0.1',
      terminals: 1,
    });
    await impostor.client.call('ReservationStatusUpdate', {
      reservationId: expired.ocppId,
      reservationUpdateStatus: 'Removed',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await statusOf(expiring, expired.id)).toBe('ACTIVE');
    await ocpp201.client.call('ReservationStatusUpdate', {
      reservationId: expired.ocppId,
      reservationUpdateStatus: 'Expired',
    });
    await eventually(async () => expect(await statusOf(expiring, expired.id)).toBe('EXPIRED'));
    const expiredDetail = (await expiring.get(`/api/v1/reservations/${expired.id}`).expect(200))
      .body as ReservationDetailView;
    expect(expiredDetail.transitions.map((t) => t.to)).toEqual(['PENDING', 'ACTIVE', 'EXPIRED']);
    expect(expiredDetail.endCause).toMatch(/charger ended your hold/);

    const removed = await holdAt(removing, ocpp201.terminalIds[1]);
    await ocpp201.client.call('ReservationStatusUpdate', {
      reservationId: removed.ocppId,
      reservationUpdateStatus: 'Removed',
    });
    await eventually(async () => expect(await statusOf(removing, removed.id)).toBe('INTERRUPTED'));
    const removedView = (await removing.get(`/api/v1/reservations/${removed.id}`).expect(200))
      .body as ReservationView;
    expect(removedView.endCause).toBe('The charger dropped your hold.');
    expect(removedView.alternatives.length).toBeGreaterThan(0);
    await impostor.client.close({ force: true });
  });

  it('interrupts on a fault, offers the nearest compatible terminal, and moves there in one tap', async () => {
    await reset(ocpp16, 2);
    const { driver, body, interrupted } = await reserveThenFault();
    expect(interrupted.data.cause).toBe('The charge point reported a fault.');
    const offered = interrupted.data.alternatives;
    // The three nearest free terminals with a shared plug, nearest first: never the broken one,
    // and not the one 2 km away while closer ones are free.
    expect(offered).toHaveLength(3);
    const candidates = [ocpp16.terminalIds[0], ocpp16.terminalIds[2], ...ocpp201.terminalIds];
    expect(offered.every((a) => candidates.includes(a.terminalId))).toBe(true);
    expect(offered.map((a) => a.distanceM)).toEqual([0, 0, 0]);
    expect(offered[0]).toMatchObject({
      powerKw: 22,
      plugs: ['TYPE_2'],
      stationName: expect.any(String),
    });

    const moved = await driver
      .post(`/api/v1/reservations/${body.id}/move`, { terminalId: offered[0].terminalId })
      .expect(201);
    expect(moved.body).toMatchObject({ status: 'ACTIVE', terminalId: offered[0].terminalId });
    await driver
      .post(`/api/v1/reservations/${moved.body.id}/move`, { terminalId: ocpp16.terminalIds[0] })
      .expect(409);
    await driver.post(`/api/v1/reservations/${moved.body.id}/cancel`).expect(200);
    await reset(ocpp16, 2);
  });

  it('looks farther, with the real distance, when nothing close is free', async () => {
    const busy: [TestCharger, number][] = [
      [ocpp16, 1],
      [ocpp16, 3],
      [ocpp201, 1],
      [ocpp201, 2],
    ];
    for (const [charger, connector] of busy) await charger.status(connector, 'Occupied');
    await eventually(async () =>
      expect(await terminalStatus(ocpp201.terminalIds[1])).toBe('OCCUPIED'),
    );
    const { interrupted } = await reserveThenFault();
    expect(interrupted.data.alternatives).toEqual([
      expect.objectContaining({ terminalId: nearby.terminalIds[0], stationId: nearby.stationId }),
    ]);
    // (1.44, 43.60) → (1.46, 43.61): about 1.9 km on the ellipsoid.
    expect(interrupted.data.alternatives[0].distanceM).toBeGreaterThan(1700);
    expect(interrupted.data.alternatives[0].distanceM).toBeLessThan(2100);
    for (const [charger, connector] of [...busy, [ocpp16, 2] as [TestCharger, number]])
      await reset(charger, connector);
  });

  it('lists reservations for admins with filters', async () => {
    const all = await admin.get('/api/v1/admin/reservations').expect(200);
    expect(all.body.length).toBeGreaterThan(5);
    const completed = await admin.get('/api/v1/admin/reservations?status=COMPLETED').expect(200);
    expect(completed.body.length).toBeGreaterThanOrEqual(2);
    expect(completed.body.every((r: ReservationView) => r.status === 'COMPLETED')).toBe(true);
    const atStation = await admin
      .get(`/api/v1/admin/reservations?stationId=${ocpp201.stationId}`)
      .expect(200);
    expect(atStation.body.every((r: ReservationView) => r.stationId === ocpp201.stationId)).toBe(
      true,
    );
    expect(atStation.body.length).toBeGreaterThan(0);
    await admin.get('/api/v1/admin/reservations?status=NOPE').expect(400);
  });
});

describe('soft holds on terminals without a charger', () => {
  let hub: TestApp;
  let driver: Driver;

  beforeAll(async () => {
    hub = await startTestApp({ RESERVATION_SOFT_HOLD_OPERATORS: 'Op' });
    driver = await quickDriver(hub);
  });

  afterAll(() => hub.close());

  it('holds where the operator allows it, shows the terminal RESERVED, and says what it is', async () => {
    const { terminalIds } = await stationWithTerminals(hub, 'FR*SOFT*P1', 1);
    const { body } = await driver
      .post('/api/v1/reservations', { terminalId: terminalIds[0] })
      .expect(201);
    expect(body).toMatchObject({ status: 'ACTIVE', kind: 'SOFT' });
    const station = await request(hub.url).get(`/api/v1/stations/${body.stationId}`).expect(200);
    expect(station.body.terminals[0].reservable).toBe('SOFT');
    expect(body.notice).toMatch(/does not keep it for you/);
    const sql = (query: string) =>
      hub.orm.em
        .fork()
        .getConnection()
        .execute<{ status: string; status_source: string }[]>(query, [terminalIds[0]]);
    expect((await sql('select status, status_source from terminals where id = ?'))[0]).toEqual({
      status: 'RESERVED',
      status_source: 'HUB',
    });
    await driver.post(`/api/v1/reservations/${body.id}/cancel`).expect(200);
    await eventually(async () =>
      expect((await sql('select status from terminals where id = ?'))[0].status).toBe('UNKNOWN'),
    );
  });
});
