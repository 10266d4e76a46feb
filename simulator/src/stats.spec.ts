import { addStats, metricsText, newFleetStats, summaryLine } from './stats';

describe('fleet counters', () => {
  it('add up across worker processes', () => {
    const a = { ...newFleetStats(), connected: 3, sent: 10 };
    const b = { ...newFleetStats(), connected: 2, sent: 5, errors: 1 };
    expect(addStats(a, b)).toMatchObject({ connected: 5, sent: 15, errors: 1 });
    expect(a.connected).toBe(3);
  });

  it('are exposed as Prometheus text', () => {
    const text = metricsText({ ...newFleetStats(), connected: 7, transactionsStarted: 4 });
    expect(text).toContain('# TYPE wattsup_sim_connected gauge\nwattsup_sim_connected 7\n');
    expect(text).toContain(
      '# TYPE wattsup_sim_transactions_started_total counter\nwattsup_sim_transactions_started_total 4\n',
    );
  });

  it('make one summary line with the message rate since the previous one', () => {
    const before = newFleetStats();
    const now = { ...before, connected: 9, sent: 50 };
    expect(summaryLine(now, before, 5, 10, 2)).toMatch(
      /^chargers 9\/10 connected · 2 vehicles · 10 msg\/s/,
    );
  });
});
