import type { StatusSource, TerminalStatus } from '@wattsup/contracts';

/** One status report about one terminal, from any protocol, already mapped to the neutral model. */
export interface StatusObservation {
  terminalId: string;
  status: TerminalStatus;
  source: StatusSource;
  occurredAt: Date;
  /** The protocol's own word for it (`SuspendedEV`), kept in the history for diagnosis. */
  sourceStatus?: string | null;
  errorCode?: string | null;
}

export interface TerminalState {
  id: string;
  stationId: string;
  status: TerminalStatus;
  confirmedAt: Date | null;
}

export interface TerminalUpdate {
  id: string;
  status: TerminalStatus;
  source: StatusSource;
  /** When the status last changed in this batch; null keeps the stored time. */
  changedAt: Date | null;
  confirmedAt: Date;
}

export interface StatusPlan {
  /** Rows for the append-only history: every change of status, in the order it happened. */
  history: StatusObservation[];
  updates: TerminalUpdate[];
  /** Terminals whose current status changed, for live events. */
  changed: {
    terminalId: string;
    stationId: string;
    status: TerminalStatus;
    source: StatusSource;
    at: Date;
  }[];
}

/**
 * Decides what a batch of observations does. Observations are applied in time order per terminal;
 * one that repeats the current status only refreshes when it was confirmed. One older than the
 * terminal's last confirmation (a charger replaying its offline queue) is history, not news: it is
 * recorded but does not roll the live status back.
 */
export function planStatusWrites(
  current: ReadonlyMap<string, TerminalState>,
  observations: readonly StatusObservation[],
): StatusPlan {
  const plan: StatusPlan = { history: [], updates: [], changed: [] };
  const ordered = [...observations].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  type Working = TerminalState & { source?: StatusSource; changedAt: Date | null };
  const working = new Map<string, Working>();
  for (const observation of ordered) {
    const known = current.get(observation.terminalId);
    const state: Working | undefined =
      working.get(observation.terminalId) ?? (known && { ...known, changedAt: null });
    if (!state) continue;
    if (state.confirmedAt && observation.occurredAt < state.confirmedAt) {
      plan.history.push(observation);
      continue;
    }
    const changed = observation.status !== state.status;
    if (changed) plan.history.push(observation);
    working.set(observation.terminalId, {
      ...state,
      status: observation.status,
      confirmedAt: observation.occurredAt,
      source: observation.source,
      changedAt: changed ? observation.occurredAt : state.changedAt,
    });
  }
  for (const [id, state] of working) {
    const before = current.get(id);
    if (!before || !state.source || !state.confirmedAt) continue;
    plan.updates.push({
      id,
      status: state.status,
      source: state.source,
      changedAt: state.changedAt,
      confirmedAt: state.confirmedAt,
    });
    if (state.status !== before.status) {
      plan.changed.push({
        terminalId: id,
        stationId: state.stationId,
        status: state.status,
        source: state.source,
        at: state.changedAt ?? state.confirmedAt,
      });
    }
  }
  return plan;
}
