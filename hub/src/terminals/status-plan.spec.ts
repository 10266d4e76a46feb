import type { TerminalStatus } from '@wattsup/contracts';
import { planStatusWrites, type StatusObservation, type TerminalState } from './status-plan';

const t0 = new Date('2026-11-22T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

const state = (
  id: string,
  status: TerminalStatus,
  confirmedAt: Date | null = t0,
): TerminalState => ({
  id,
  stationId: `station-of-${id}`,
  status,
  confirmedAt,
});
const seen = (terminalId: string, status: TerminalStatus, seconds: number): StatusObservation => ({
  terminalId,
  status,
  source: 'OCPP',
  occurredAt: at(seconds),
});
const current = (...states: TerminalState[]) => new Map(states.map((s) => [s.id, s]));

describe('planStatusWrites', () => {
  it('records a change: history, update and live event', () => {
    const plan = planStatusWrites(current(state('a', 'AVAILABLE')), [seen('a', 'OCCUPIED', 5)]);
    expect(plan.history).toEqual([seen('a', 'OCCUPIED', 5)]);
    expect(plan.updates).toEqual([
      { id: 'a', status: 'OCCUPIED', source: 'OCPP', changedAt: at(5), confirmedAt: at(5) },
    ]);
    expect(plan.changed).toEqual([
      { terminalId: 'a', stationId: 'station-of-a', status: 'OCCUPIED', source: 'OCPP', at: at(5) },
    ]);
  });

  it('only refreshes the confirmation when the status repeats', () => {
    const plan = planStatusWrites(current(state('a', 'AVAILABLE')), [seen('a', 'AVAILABLE', 5)]);
    expect(plan.history).toEqual([]);
    expect(plan.changed).toEqual([]);
    expect(plan.updates).toEqual([
      { id: 'a', status: 'AVAILABLE', source: 'OCPP', changedAt: null, confirmedAt: at(5) },
    ]);
  });

  it('applies a batch in time order, keeping every change and ending on the last', () => {
    const plan = planStatusWrites(current(state('a', 'AVAILABLE')), [
      seen('a', 'AVAILABLE', 9),
      seen('a', 'OCCUPIED', 3),
      seen('a', 'FAULTED', 6),
    ]);
    expect(plan.history.map((o) => o.status)).toEqual(['OCCUPIED', 'FAULTED', 'AVAILABLE']);
    expect(plan.updates).toEqual([
      { id: 'a', status: 'AVAILABLE', source: 'OCPP', changedAt: at(9), confirmedAt: at(9) },
    ]);
    // Back where it started: nothing to tell the map.
    expect(plan.changed).toEqual([]);
  });

  it('keeps a late observation in the history without rolling the live status back', () => {
    const plan = planStatusWrites(current(state('a', 'OCCUPIED', at(10))), [
      seen('a', 'FAULTED', 4),
    ]);
    expect(plan.history).toEqual([seen('a', 'FAULTED', 4)]);
    expect(plan.updates).toEqual([]);
    expect(plan.changed).toEqual([]);
  });

  it('ignores terminals it does not know', () => {
    expect(planStatusWrites(current(), [seen('ghost', 'FAULTED', 1)])).toEqual({
      history: [],
      updates: [],
      changed: [],
    });
  });

  it('handles several terminals independently', () => {
    const plan = planStatusWrites(current(state('a', 'AVAILABLE', null), state('b', 'UNKNOWN')), [
      seen('a', 'OCCUPIED', 1),
      seen('b', 'UNKNOWN', 2),
    ]);
    expect(plan.changed.map((c) => c.terminalId)).toEqual(['a']);
    expect(plan.updates.map((u) => u.id).sort()).toEqual(['a', 'b']);
  });
});
