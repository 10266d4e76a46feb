import type { LiveFrame } from '@wattsup/contracts';
import { LiveEvents } from '../src/live/live-events';
import { UnconfirmedStatusSweep } from '../src/terminals/unconfirmed-status.sweep';
import { stationWithTerminals } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

describe('free statuses nobody confirms', () => {
  let hub: TestApp;
  let stationId: string;
  let terminalIds: string[];
  const frames: LiveFrame<'terminal.status'>[] = [];

  const execute = (sql: string, params: unknown[] = []) =>
    hub.orm.em.fork().getConnection().execute(sql, params);

  /** Sets a terminal's status as if `source` had said it `minutesAgo`. */
  const said = (terminalId: string, status: string, source: string, minutesAgo: number) =>
    execute(
      `update terminals set status = ?, status_source = ?,
         status_confirmed_at = now() - make_interval(mins => ?) where id = ?`,
      [status, source, minutesAgo, terminalId],
    );

  beforeAll(async () => {
    hub = await startTestApp();
    ({ stationId, terminalIds } = await stationWithTerminals(hub, 'FR*UNC*P1', 5));
    hub.app.get(LiveEvents).stream.subscribe((frame) => {
      if (frame.type === 'terminal.status') frames.push(frame);
    });
  });

  afterAll(async () => {
    await hub.close();
  });

  it('turns a free status from a source without presence UNKNOWN after 30 minutes, and only that', async () => {
    const [stale, fresh, charger, busy, reported] = terminalIds;
    await said(stale, 'AVAILABLE', 'IRVE', 31);
    await said(fresh, 'AVAILABLE', 'IRVE', 5);
    await said(charger, 'AVAILABLE', 'OCPP', 120);
    await said(busy, 'OCCUPIED', 'IRVE', 120);
    await said(reported, 'UNKNOWN', 'SUPPORT', 120);

    await expect(hub.app.get(UnconfirmedStatusSweep).sweep()).resolves.toBe(1);

    const rows = (await execute(
      `select id, status, status_source from terminals where station_id = ?`,
      [stationId],
    )) as { id: string; status: string; status_source: string }[];
    const now = new Map(rows.map((row) => [row.id, `${row.status}/${row.status_source}`]));
    expect([stale, fresh, charger, busy, reported].map((id) => now.get(id))).toEqual([
      'UNKNOWN/HUB',
      'AVAILABLE/IRVE',
      'AVAILABLE/OCPP',
      'OCCUPIED/IRVE',
      'UNKNOWN/SUPPORT',
    ]);
    const [history] = (await execute(
      `select source_status from terminal_status_history
       where terminal_id = ? and status = 'UNKNOWN' and source = 'HUB'`,
      [stale],
    )) as { source_status: string }[];
    expect(history.source_status).toBe('not confirmed for 30 min');
    // The maps hear it with the station's new counts: two free (fresh, charger), two doubtful.
    expect(frames.find((frame) => frame.data.terminalId === stale)?.data).toMatchObject({
      status: 'UNKNOWN',
      source: 'HUB',
      station: { available: 2, total: 5, doubtful: 2 },
    });

    await expect(hub.app.get(UnconfirmedStatusSweep).sweep()).resolves.toBe(0);
  });
});
