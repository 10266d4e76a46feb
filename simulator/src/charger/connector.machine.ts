import type { Random } from '@wattsup/contracts';
import { chargingPowerKw } from '../charging-curve';
import { type Visit, carMaxKw, newVisit } from './cars';

/**
 * One connector of a simulated charger, in protocol-neutral terms: the OCPP 1.6 ChargePointStatus
 * values, which are the finer of the two versions (2.0.1 folds the four session phases into
 * Occupied). Pure: every function mutates the connector it is given and returns what the charger
 * must tell the hub; sockets and timers live in ocpp-charger.ts.
 */
export type ConnectorPhase =
  | 'Available'
  | 'Preparing'
  | 'Charging'
  | 'SuspendedEV'
  | 'Finishing'
  | 'Reserved'
  | 'Unavailable'
  | 'Faulted';

/** OCPP 1.6 ChargePointErrorCode values a simulated fault picks from. */
export const FAULT_CODES = [
  'ConnectorLockFailure',
  'GroundFailure',
  'HighTemperature',
  'OverCurrentFailure',
  'PowerMeterFailure',
  'PowerSwitchFailure',
  'EVCommunicationError',
  'InternalError',
] as const;
export type ErrorCode = 'NoError' | (typeof FAULT_CODES)[number];

/** OCPP 1.6 Reason (StopTransaction); the 2.0.1 dialect maps it onto its ReasonEnumType. */
export type StopReason =
  | 'Local'
  | 'Remote'
  | 'EVDisconnected'
  | 'SoftReset'
  | 'HardReset'
  | 'PowerLoss'
  | 'EmergencyStop'
  | 'UnlockCommand'
  | 'Other';

/** OCPP reservation ids are integers; the MQTT contract uses the hub's reservation UUIDs. */
export type ReservationId = number | string;

export interface Reservation {
  readonly id: ReservationId;
  readonly idTag: string;
  /** Wall-clock time: the hub set it, and the hub's clock does not run faster. */
  readonly expiresAtMs: number;
}

/** The car at the connector and who it belongs to. */
export interface PluggedCar {
  readonly visit: Visit;
  idTag: string;
  socPct: number;
  /** Simulated seconds since the cable went in. */
  pluggedS: number;
  readonly reservationId?: ReservationId;
  remoteStartId?: number;
}

export interface Transaction {
  readonly idTag: string;
  readonly reservationId?: ReservationId;
  readonly remoteStartId?: number;
  readonly meterStartWh: number;
  /** The hub's number (1.6, known once StartTransaction is answered) or the charger's own (2.0.1). */
  id: string | null;
  /** OCPP 2.0.1 TransactionEvent seqNo: the next one to send. */
  nextSeqNo: number;
}

export interface Connector {
  readonly id: number;
  readonly maxPowerKw: number;
  phase: ConnectorPhase;
  errorCode: ErrorCode;
  /** ChangeAvailability: false takes the connector out of service once it is idle. */
  operative: boolean;
  reservation: Reservation | null;
  /** A simulated vehicle is on its way for the reservation: no anonymous holder turns up. */
  expectingVehicle: boolean;
  car: PluggedCar | null;
  transaction: Transaction | null;
  /** Energy.Active.Import.Register, Wh: never goes backwards. */
  energyWh: number;
  powerW: number;
  /** Simulated seconds spent in the current phase, and how long Preparing/Finishing last. */
  phaseS: number;
  phaseLimitS: number;
}

export type ConnectorEffect =
  | {
      kind: 'status';
      connectorId: number;
      phase: ConnectorPhase;
      errorCode: ErrorCode;
      atMs: number;
    }
  | { kind: 'transactionStarted'; connectorId: number; transaction: Transaction; atMs: number }
  | {
      kind: 'chargingState';
      connectorId: number;
      transaction: Transaction;
      state: 'Charging' | 'SuspendedEV';
      atMs: number;
    }
  | {
      kind: 'transactionEnded';
      connectorId: number;
      transaction: Transaction;
      reason: StopReason;
      meterStopWh: number;
      atMs: number;
    }
  /** The hold ran out with nobody plugged in: the charger ends it itself. */
  | { kind: 'reservationExpired'; connectorId: number; reservationId: ReservationId; atMs: number };

/** Rates of the random events, per hour of simulated time. */
export interface ConnectorRates {
  /** A walk-in driver plugs into an available connector. */
  readonly arrivalsPerHour: number;
  /** The holder of a reservation turns up (the rest let it expire). */
  readonly reservedArrivalsPerHour: number;
  readonly faultsPerHour: number;
  readonly repairsPerHour: number;
}

export const SESSION_PHASES: readonly ConnectorPhase[] = [
  'Preparing',
  'Charging',
  'SuspendedEV',
  'Finishing',
];

export function newConnector(id: number, maxPowerKw: number, initialEnergyWh = 0): Connector {
  return {
    id,
    maxPowerKw,
    phase: 'Available',
    errorCode: 'NoError',
    operative: true,
    reservation: null,
    expectingVehicle: false,
    car: null,
    transaction: null,
    energyWh: Math.round(initialEnergyWh),
    powerW: 0,
    phaseS: 0,
    phaseLimitS: 0,
  };
}

export const inSession = (connector: Connector) => SESSION_PHASES.includes(connector.phase);

/** Chance that an event with this hourly rate happens within dtS seconds (Poisson process). */
export function happens(random: Random, perHour: number, dtS: number): boolean {
  return perHour > 0 && random.next() < 1 - Math.exp((-perHour * dtS) / 3600);
}

function enter(
  connector: Connector,
  phase: ConnectorPhase,
  atMs: number,
  limitS = 0,
): ConnectorEffect[] {
  connector.phase = phase;
  connector.phaseS = 0;
  connector.phaseLimitS = limitS;
  if (phase !== 'Charging') connector.powerW = 0;
  if (phase !== 'Faulted') connector.errorCode = 'NoError';
  return [
    { kind: 'status', connectorId: connector.id, phase, errorCode: connector.errorCode, atMs },
  ];
}

/** Where an idle connector rests: out of service when an operator asked for it. */
const restingPhase = (connector: Connector): ConnectorPhase =>
  connector.operative ? 'Available' : 'Unavailable';

/**
 * A car is plugged in (status Preparing while the driver is identified). Allowed on
 * an available connector, or on a reserved one by the reservation's holder.
 */
export type ArrivingCar = Omit<PluggedCar, 'pluggedS' | 'socPct'>;

export function plugIn(
  connector: Connector,
  car: ArrivingCar,
  random: Random,
  atMs: number,
): ConnectorEffect[] {
  const holder = connector.reservation?.idTag === car.idTag;
  if (connector.phase !== 'Available' && !(connector.phase === 'Reserved' && holder)) return [];
  connector.car = {
    ...car,
    reservationId: holder ? connector.reservation!.id : undefined,
    socPct: car.visit.arrivalSocPct,
    pluggedS: 0,
  };
  connector.reservation = null;
  connector.expectingVehicle = false;
  // Cable, card or app: identifying the driver takes a few seconds to a minute.
  return enter(connector, 'Preparing', atMs, random.between(8, 60));
}

function startTransaction(connector: Connector, atMs: number): ConnectorEffect[] {
  const car = connector.car!;
  const transaction: Transaction = {
    idTag: car.idTag,
    reservationId: car.reservationId,
    remoteStartId: car.remoteStartId,
    meterStartWh: connector.energyWh,
    id: null,
    nextSeqNo: 0,
  };
  connector.transaction = transaction;
  return [
    { kind: 'transactionStarted', connectorId: connector.id, transaction, atMs },
    ...enter(connector, 'Charging', atMs),
  ];
}

/**
 * Ends the transaction (if any) and moves the connector on: Finishing while the cable is still in,
 * or straight to `next` when the car is gone or the connector broke.
 */
export function endSession(
  connector: Connector,
  reason: StopReason,
  random: Random,
  atMs: number,
  next: 'Finishing' | 'Faulted' | 'Resting' = 'Finishing',
): ConnectorEffect[] {
  const effects: ConnectorEffect[] = [];
  if (connector.transaction) {
    effects.push({
      kind: 'transactionEnded',
      connectorId: connector.id,
      transaction: connector.transaction,
      reason,
      meterStopWh: connector.energyWh,
      atMs,
    });
    connector.transaction = null;
  }
  if (next !== 'Finishing') connector.car = null;
  if (next === 'Faulted') return [...effects, ...enter(connector, 'Faulted', atMs)];
  if (next === 'Resting') return [...effects, ...enter(connector, restingPhase(connector), atMs)];
  // Unplugging and walking off: ten seconds to a couple of minutes.
  return [...effects, ...enter(connector, 'Finishing', atMs, random.between(10, 120))];
}

/** Energy drawn over dtS simulated seconds, along the charging curve. */
function charge(connector: Connector, dtS: number): void {
  const car = connector.car!;
  const powerKw = chargingPowerKw({
    socPct: car.socPct,
    terminalMaxKw: connector.maxPowerKw,
    vehicleMaxKw: carMaxKw(car.visit.car, connector.maxPowerKw),
  });
  const energyKwh = (powerKw * dtS) / 3600;
  connector.powerW = Math.round(powerKw * 1000);
  connector.energyWh += Math.round(energyKwh * 1000);
  car.socPct = Math.min(100, car.socPct + (energyKwh / car.visit.car.batteryKwh) * 100);
}

/** Moves the connector dtS simulated seconds on; `nowMs` is the wall clock. */
export function advanceConnector(
  connector: Connector,
  dtS: number,
  nowMs: number,
  random: Random,
  rates: ConnectorRates,
  /** Whether a driver may walk in: false while the charger is rebooting or dark. */
  open = true,
): ConnectorEffect[] {
  connector.phaseS += dtS;
  if (connector.car) connector.car.pluggedS += dtS;
  const car = connector.car;

  if (connector.phase === 'Faulted') {
    return happens(random, rates.repairsPerHour, dtS) ? repair(connector, nowMs) : [];
  }
  if (connector.phase !== 'Unavailable' && happens(random, rates.faultsPerHour, dtS)) {
    return fault(connector, random.pick(FAULT_CODES), random, nowMs);
  }
  switch (connector.phase) {
    case 'Available':
      if (!open || !happens(random, rates.arrivalsPerHour, dtS)) return [];
      return plugIn(connector, walkIn(random, connector.maxPowerKw), random, nowMs);
    case 'Reserved': {
      const reservation = connector.reservation!;
      if (nowMs >= reservation.expiresAtMs) {
        connector.reservation = null;
        return [
          {
            kind: 'reservationExpired',
            connectorId: connector.id,
            reservationId: reservation.id,
            atMs: nowMs,
          },
          ...enter(connector, restingPhase(connector), nowMs),
        ];
      }
      if (connector.expectingVehicle) return [];
      if (!open || !happens(random, rates.reservedArrivalsPerHour, dtS)) return [];
      const holder = walkIn(random, connector.maxPowerKw);
      return plugIn(connector, { ...holder, idTag: reservation.idTag }, random, nowMs);
    }
    case 'Preparing':
      return connector.phaseS >= connector.phaseLimitS ? startTransaction(connector, nowMs) : [];
    case 'Charging': {
      charge(connector, dtS);
      if (car!.pluggedS >= car!.visit.stayLimitS)
        return endSession(connector, 'Local', random, nowMs);
      if (car!.socPct < car!.visit.targetSocPct) return [];
      // The car's battery management stops drawing: SuspendedEV.
      connector.powerW = 0;
      return [
        {
          kind: 'chargingState',
          connectorId: connector.id,
          transaction: connector.transaction!,
          state: 'SuspendedEV',
          atMs: nowMs,
        },
        ...enter(connector, 'SuspendedEV', nowMs),
      ];
    }
    case 'SuspendedEV':
      // Drivers rarely come back the minute the car is full: some linger.
      return car!.pluggedS >= car!.visit.stayLimitS || happens(random, 3, dtS)
        ? endSession(connector, 'Local', random, nowMs)
        : [];
    case 'Finishing':
      if (connector.phaseS < connector.phaseLimitS) return [];
      connector.car = null;
      return enter(connector, restingPhase(connector), nowMs);
    case 'Unavailable':
      return [];
  }
}

/** A walk-in driver plugs in now, if the connector is free: how a run starts with a busy network. */
export function driverArrives(
  connector: Connector,
  random: Random,
  nowMs: number,
): ConnectorEffect[] {
  return connector.phase === 'Available'
    ? plugIn(connector, walkIn(random, connector.maxPowerKw), random, nowMs)
    : [];
}

function walkIn(random: Random, maxPowerKw: number) {
  const visit = newVisit(random, maxPowerKw);
  // A payment card's UID, as a 1.6 idTag (at most 20 characters).
  const idTag = `SIM${Math.floor(random.next() * 0xffffffff)
    .toString(16)
    .toUpperCase()
    .padStart(8, '0')}`;
  return { visit, idTag };
}

/** A connector breaks: any transaction ends (OCPP 1.6 Reason EmergencyStop for a hardware fault). */
export function fault(
  connector: Connector,
  errorCode: ErrorCode,
  random: Random,
  nowMs: number,
): ConnectorEffect[] {
  if (connector.phase === 'Faulted') return [];
  connector.reservation = null;
  connector.errorCode = errorCode;
  return endSession(connector, 'EmergencyStop', random, nowMs, 'Faulted');
}

export function repair(connector: Connector, nowMs: number): ConnectorEffect[] {
  if (connector.phase !== 'Faulted') return [];
  return enter(connector, restingPhase(connector), nowMs);
}

export type ReserveStatus = 'Accepted' | 'Occupied' | 'Faulted' | 'Unavailable' | 'Rejected';

/** OCPP 1.6 §5.13 / 2.0.1 H01: what a connector answers to ReserveNow, given its state. */
export function reserveStatus(connector: Connector, reservationId: ReservationId): ReserveStatus {
  switch (connector.phase) {
    case 'Available':
      return 'Accepted';
    case 'Reserved':
      // The same reservation id replaces the reservation; another one finds the connector taken.
      return connector.reservation?.id === reservationId ? 'Accepted' : 'Occupied';
    case 'Faulted':
      return 'Faulted';
    case 'Unavailable':
      return 'Unavailable';
    default:
      return 'Occupied';
  }
}

export function reserve(
  connector: Connector,
  reservation: Reservation,
  nowMs: number,
): { status: ReserveStatus; effects: ConnectorEffect[] } {
  const status = reserveStatus(connector, reservation.id);
  if (status !== 'Accepted') return { status, effects: [] };
  const wasReserved = connector.phase === 'Reserved';
  connector.reservation = reservation;
  return { status, effects: wasReserved ? [] : enter(connector, 'Reserved', nowMs) };
}

export function cancelReservation(connector: Connector, nowMs: number): ConnectorEffect[] {
  connector.reservation = null;
  return connector.phase === 'Reserved' ? enter(connector, restingPhase(connector), nowMs) : [];
}

/**
 * ChangeAvailability on one connector (OCPP 1.6 §5.2): at once when idle, Scheduled when a session
 * is running (it applies when the connector becomes idle). Taking a reserved connector out of
 * service drops the reservation.
 */
export function changeAvailability(
  connector: Connector,
  operative: boolean,
  nowMs: number,
): { status: 'Accepted' | 'Scheduled'; effects: ConnectorEffect[] } {
  connector.operative = operative;
  if (inSession(connector)) return { status: operative ? 'Accepted' : 'Scheduled', effects: [] };
  if (connector.phase === 'Faulted') return { status: 'Accepted', effects: [] };
  if (!operative && connector.phase !== 'Unavailable') {
    connector.reservation = null;
    return { status: 'Accepted', effects: enter(connector, 'Unavailable', nowMs) };
  }
  if (operative && connector.phase === 'Unavailable') {
    return { status: 'Accepted', effects: enter(connector, 'Available', nowMs) };
  }
  return { status: 'Accepted', effects: [] };
}

/**
 * RemoteStartTransaction / RequestStartTransaction (OCPP 1.6 §5.11, 2.0.1 F01): accepted on an
 * available connector, on one reserved for this idTag, or where a car waits to be identified.
 * The driver who asked from the app then plugs in and the transaction starts as usual.
 */
export function remoteStart(
  connector: Connector,
  idTag: string,
  remoteStartId: number | undefined,
  random: Random,
  nowMs: number,
): { status: 'Accepted' | 'Rejected'; effects: ConnectorEffect[] } {
  if (connector.phase === 'Preparing' && connector.car && !connector.transaction) {
    connector.car.idTag = idTag;
    connector.car.remoteStartId = remoteStartId;
    return { status: 'Accepted', effects: [] };
  }
  const usable =
    connector.phase === 'Available' ||
    (connector.phase === 'Reserved' && connector.reservation?.idTag === idTag);
  if (!usable) return { status: 'Rejected', effects: [] };
  const { visit } = walkIn(random, connector.maxPowerKw);
  return {
    status: 'Accepted',
    effects: plugIn(connector, { visit, idTag, remoteStartId }, random, nowMs),
  };
}

export function canServeRemoteStart(connector: Connector, idTag: string): boolean {
  return (
    connector.phase === 'Available' ||
    (connector.phase === 'Reserved' && connector.reservation?.idTag === idTag) ||
    (connector.phase === 'Preparing' && !connector.transaction)
  );
}
