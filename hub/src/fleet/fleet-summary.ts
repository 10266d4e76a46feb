import {
  CHARGER_PROTOCOLS,
  TERMINAL_STATUSES,
  type ChargerProtocol,
  type FleetEvent,
  type FleetSummary,
  type LiveFrame,
  type TerminalStatus,
} from '@wattsup/contracts';

/** Chargers counted by protocol and connection. */
export interface ChargerGroupRow {
  protocol: ChargerProtocol;
  online: boolean;
  count: number;
}

/**
 * Terminals in service counted by status and by whether their charger is connected; a FAULTED
 * group is split by charger, so the chargers with a fault can be counted.
 */
export interface TerminalGroupRow {
  status: TerminalStatus;
  connected: boolean;
  faultedChargerId: string | null;
  count: number;
}

export interface FleetEventRow {
  kind: FleetEvent['kind'];
  /** As PostgreSQL writes a timestamptz in JSON (`2026-11-22T17:00:00.123+00:00`). */
  at: string;
  chargerId: string | null;
  identity: string | null;
  terminalId: string | null;
  pdcId: string | null;
  stationId: string | null;
  stationName: string | null;
  errorCode: string | null;
}

/** What the repository reads in one snapshot. */
export interface FleetRows {
  chargers: ChargerGroupRow[];
  terminals: TerminalGroupRow[];
  chargingSessions: number;
  recent: FleetEventRow[];
}

const zeroStatuses = () =>
  Object.fromEntries(TERMINAL_STATUSES.map((status) => [status, 0])) as Record<
    TerminalStatus,
    number
  >;

/** The dashboard's figures from the grouped rows; `at` is when they were read. */
export function summariseFleet(rows: FleetRows, at: Date): FleetSummary {
  const byProtocol = Object.fromEntries(
    CHARGER_PROTOCOLS.map((protocol) => [protocol, { online: 0, offline: 0 }]),
  ) as FleetSummary['chargers']['byProtocol'];
  for (const group of rows.chargers)
    byProtocol[group.protocol][group.online ? 'online' : 'offline'] += group.count;
  const online = rows.chargers.reduce((sum, g) => sum + (g.online ? g.count : 0), 0);
  const total = rows.chargers.reduce((sum, g) => sum + g.count, 0);

  const byStatus = zeroStatuses();
  const faultedChargers = new Set<string>();
  let connected = 0;
  let occupied = 0;
  for (const group of rows.terminals) {
    byStatus[group.status] += group.count;
    if (group.faultedChargerId !== null) faultedChargers.add(group.faultedChargerId);
    if (!group.connected) continue;
    connected += group.count;
    if (group.status === 'OCCUPIED') occupied += group.count;
  }

  return {
    at: at.toISOString(),
    chargers: {
      total,
      online,
      offline: total - online,
      byProtocol,
      faulted: faultedChargers.size,
    },
    terminals: {
      total: rows.terminals.reduce((sum, g) => sum + g.count, 0),
      byStatus,
    },
    utilisation: {
      connected,
      occupied,
      ratio: connected === 0 ? null : occupied / connected,
      chargingSessions: rows.chargingSessions,
    },
    recent: rows.recent.map(toFleetEvent),
  };
}

function toFleetEvent(row: FleetEventRow): FleetEvent {
  return {
    kind: row.kind,
    at: new Date(row.at).toISOString(),
    charger:
      row.chargerId !== null && row.identity !== null
        ? { id: row.chargerId, identity: row.identity }
        : null,
    terminal:
      row.terminalId !== null && row.pdcId !== null
        ? { id: row.terminalId, pdcId: row.pdcId }
        : null,
    station:
      row.stationId !== null && row.stationName !== null
        ? { id: row.stationId, name: row.stationName }
        : null,
    errorCode: row.errorCode,
  };
}

/**
 * Whether a live event can change the fleet's figures: a terminal's status, a charger's
 * connection, an import that has just added or retired terminals.
 */
export function changesFleet(frame: LiveFrame): boolean {
  switch (frame.type) {
    case 'terminal.status':
    case 'charger.connection':
      return true;
    case 'import.progress':
      return frame.data.status === 'COMPLETED';
    default:
      return false;
  }
}
