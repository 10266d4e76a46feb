import type { LiveServerFrame, ReservationView } from '@wattsup/contracts';
import { AccessTokenService } from '../src/auth/access-token.service';
import { ACCESS_COOKIE } from '../src/auth/session.guard';
import { liveClient } from './live.helpers';
import { startSecondHubProcess, type HubProcess } from './support/hub-process';
import { eventually, stationWithTerminals } from './support/ocpp';
import { quickDriver } from './support/reservations';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Reservation timers across hub processes sharing PostgreSQL and Redis. Soft holds (terminals
 * without a charger) keep the chargers out of it: the timers are the same for every kind.
 */
const HOLD_SECONDS = 4;
// A reconciler far slower than the holds: only the BullMQ timers can expire them on time.
const env = {
  RESERVATION_HOLD_SECONDS: String(HOLD_SECONDS),
  RESERVATION_RECONCILE_SECONDS: '600',
  RESERVATION_SOFT_HOLD_OPERATORS: '*',
};

describe('reservation expiry across hub instances', () => {
  let first: TestApp;
  let second: HubProcess | undefined;
  const sql = <T>(query: string, params: unknown[] = []) =>
    first.orm.em.fork().getConnection().execute<T[]>(query, params);

  beforeAll(async () => {
    first = await startTestApp(env);
  });

  afterAll(async () => {
    await second?.stop();
    await first.close();
  });

  it('fires each of 40 simultaneous expiries exactly once with two instances running', async () => {
    second = await startSecondHubProcess(first, env);
    const { terminalIds } = await stationWithTerminals(first, 'FR*DUO*P1', 40);
    const drivers = await Promise.all(terminalIds.map(() => quickDriver(first)));
    const adminToken = await first.app
      .get(AccessTokenService)
      .sign({ id: drivers[0].id, role: 'ADMIN' });
    const watcher = await liveClient(first.url, `${ACCESS_COOKIE}=${adminToken}`);
    watcher.send({ type: 'subscribe', topics: ['reservations'] });
    await watcher.next((frame) => frame.type === 'snapshot');
    // Half the holds are made on each instance, so each one holds half of the timers' jobs.
    const created = await Promise.all(
      drivers.map((driver, index) =>
        driver.post(
          '/api/v1/reservations',
          { terminalId: terminalIds[index] },
          index % 2 === 0 ? first.url : second!.url,
        ),
      ),
    );
    expect(created.map((response) => response.status)).toEqual(terminalIds.map(() => 201));
    const ids = created.map((response) => (response.body as ReservationView).id);
    const expiredFrames = (frames: LiveServerFrame[]) =>
      frames.filter(
        (frame) => frame.type === 'reservation.updated' && frame.data.status === 'EXPIRED',
      );
    await eventually(
      async () => expect(expiredFrames(watcher.frames)).toHaveLength(ids.length),
      (HOLD_SECONDS + 5) * 1000,
    );
    // Time for a second firing to show up, had there been one.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const perReservation = new Map<string, number>();
    for (const frame of expiredFrames(watcher.frames)) {
      if (frame.type !== 'reservation.updated') continue;
      perReservation.set(
        frame.data.reservationId,
        (perReservation.get(frame.data.reservationId) ?? 0) + 1,
      );
    }
    watcher.close();
    expect([...perReservation.keys()].sort()).toEqual([...ids].sort());
    expect(new Set(perReservation.values())).toEqual(new Set([1]));
    const [lag] = await sql<{ max_ms: number; expired: number }>(
      `select max(extract(epoch from ended_at - expires_at) * 1000)::float8 as max_ms,
              count(*)::int as expired
       from reservations where status = 'EXPIRED'`,
    );
    expect(lag.expired).toBe(40);
    expect(lag.max_ms).toBeLessThan(1000);
    await second.stop();
    second = undefined;
  }, 30_000);

  it('still expires a hold when every hub instance restarted during it', async () => {
    const { terminalIds } = await stationWithTerminals(first, 'FR*BOOT*P1', 1);
    const driver = await quickDriver(first);
    const only = await startSecondHubProcess(first, env);
    // From here on the in-process hub is gone: the spawned one holds the only timer worker...
    await first.app.close();
    const { body } = await driver
      .post('/api/v1/reservations', { terminalId: terminalIds[0] }, only.url)
      .expect(201);
    // ...and it crashes, without any chance to clean up.
    only.process.kill('SIGKILL');
    await new Promise((resolve) => only.process.once('exit', resolve));
    second = await startSecondHubProcess(first, env);
    const restartedAt = Date.now();
    const expired = await eventually(
      async () => {
        const view = (await driver.get(`/api/v1/reservations/${body.id}`, second!.url).expect(200))
          .body as ReservationView;
        expect(view.status).toBe('EXPIRED');
        return view;
      },
      (HOLD_SECONDS + 5) * 1000,
    );
    // On time, or at once when the new instance only came up after the hold's end (a slow start).
    const dueAt = Math.max(Date.parse(expired.expiresAt), restartedAt);
    expect(Date.parse(expired.endedAt!) - dueAt).toBeLessThan(1000);
  }, 30_000);
});
