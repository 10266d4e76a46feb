import type { ChargerProtocol, TerminalStatus } from './domain';

/** How many faults and disconnects the fleet summary lists, newest first. */
export const FLEET_RECENT_EVENTS = 20;

export interface FleetConnectionCounts {
  online: number;
  offline: number;
}

/** A terminal that faulted, or a charger whose connection was lost. */
export interface FleetEvent {
  kind: 'FAULT' | 'DISCONNECT';
  /** When it happened at the source (ISO time). */
  at: string;
  /** The charger it concerns: the disconnected one, or the faulted terminal's (null if unbound). */
  charger: { id: string; identity: string } | null;
  /** The faulted terminal; null for a disconnect, which concerns the whole charger. */
  terminal: { id: string; pdcId: string } | null;
  station: { id: string; name: string } | null;
  /** What the charger said of the fault (OCPP errorCode), when it said anything. */
  errorCode: string | null;
}

/**
 * The fleet at one instant, read in one database snapshot: `GET /api/v1/admin/fleet` and the
 * `fleet.summary` live event (topic `fleet-summary`).
 */
export interface FleetSummary {
  /** When it was read. */
  at: string;
  chargers: FleetConnectionCounts & {
    total: number;
    byProtocol: Record<ChargerProtocol, FleetConnectionCounts>;
    /** Chargers with at least one FAULTED terminal. */
    faulted: number;
  };
  /** Terminals in service, every canonical status present (zero when none). */
  terminals: { total: number; byStatus: Record<TerminalStatus, number> };
  utilisation: {
    /** Terminals whose charger is connected now. */
    connected: number;
    /** Of those, the OCCUPIED ones. */
    occupied: number;
    /** occupied / connected, null when nothing is connected. */
    ratio: number | null;
    /** Charging sessions started and not stopped. */
    chargingSessions: number;
  };
  /** The latest FLEET_RECENT_EVENTS faults and disconnects, newest first. */
  recent: FleetEvent[];
}
