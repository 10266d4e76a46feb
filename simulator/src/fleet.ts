import { Random, TerminalStatus } from '@wattsup/contracts';

/** The statuses a charger reports itself; OFFLINE, RESERVED and UNKNOWN are the hub's to decide. */
export type ReportedStatus = Extract<
  TerminalStatus,
  'AVAILABLE' | 'OCCUPIED' | 'UNAVAILABLE' | 'FAULTED'
>;

export interface VirtualConnector {
  readonly chargerId: string;
  readonly connectorId: number;
  status: ReportedStatus;
}

type Weights = readonly (readonly [ReportedStatus, number])[];

/** A network at rest: mostly free, a third in use, a few out of order. */
const INITIAL: Weights = [
  ['AVAILABLE', 60],
  ['OCCUPIED', 30],
  ['UNAVAILABLE', 5],
  ['FAULTED', 5],
];

/** Chance per tick that a connector changes, then where it goes from each status. */
const CHANGE_PER_TICK = 0.05;
const NEXT: Record<ReportedStatus, Weights> = {
  AVAILABLE: [
    ['OCCUPIED', 90],
    ['FAULTED', 5],
    ['UNAVAILABLE', 5],
  ],
  OCCUPIED: [
    ['AVAILABLE', 95],
    ['FAULTED', 5],
  ],
  UNAVAILABLE: [['AVAILABLE', 100]],
  FAULTED: [
    ['AVAILABLE', 80],
    ['UNAVAILABLE', 20],
  ],
};

const MAX_CONNECTORS_PER_CHARGER = 2;

export function chargerId(index: number): string {
  return `SIM-${String(index + 1).padStart(5, '0')}`;
}

/** Virtual chargers SIM-00001… with one or two connectors each (OCPP numbers them from 1). */
export function createFleet(random: Random, chargerCount: number): VirtualConnector[] {
  return Array.from({ length: chargerCount }, (_, index) =>
    Array.from({ length: random.int(1, MAX_CONNECTORS_PER_CHARGER) }, (__, connector) => ({
      chargerId: chargerId(index),
      connectorId: connector + 1,
      status: random.weighted(INITIAL),
    })),
  ).flat();
}

/** Moves the fleet one tick forward; returns the connectors whose status changed. */
export function tickFleet(random: Random, fleet: VirtualConnector[]): VirtualConnector[] {
  return fleet.filter((connector) => {
    if (random.next() >= CHANGE_PER_TICK) return false;
    connector.status = random.weighted(NEXT[connector.status]);
    return true;
  });
}
