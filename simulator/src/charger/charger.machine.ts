import type { Random } from '@wattsup/contracts';
import { type Configuration, defaultConfiguration } from './configuration';
import {
  type Connector,
  type ConnectorEffect,
  type ConnectorRates,
  type ReservationId,
  type ReserveStatus,
  type StopReason,
  advanceConnector,
  canServeRemoteStart,
  cancelReservation as cancelConnectorReservation,
  changeAvailability as changeConnectorAvailability,
  driverArrives,
  endSession,
  inSession,
  newConnector,
  remoteStart as remoteStartOn,
  reserve,
  reserveStatus,
} from './connector.machine';

/**
 * A simulated charger as the hub's commands see it: its connectors and its configuration. Like the
 * connector machine it is pure; each command returns the charger's answer and what it must then
 * report. Connector ids are OCPP 1.6 connectorIds, and OCPP 2.0.1 EVSE ids (one connector each).
 */
export interface ChargerState {
  readonly identity: string;
  readonly connectors: readonly Connector[];
  readonly configuration: Configuration;
  /** OCPP 2.0.1 Reset OnIdle with a transaction running: reboot once every connector is idle. */
  resetWhenIdle: boolean;
}

export interface ConnectorSpec {
  readonly connectorId: number;
  readonly maxPowerKw: number;
}

export interface Outcome<S extends string> {
  status: S;
  effects: ConnectorEffect[];
}

export function newCharger(
  identity: string,
  connectors: readonly ConnectorSpec[],
  random: Random,
): ChargerState {
  return {
    identity,
    // A charger in service for a while: its energy registers are far from zero.
    connectors: connectors.map(({ connectorId, maxPowerKw }) =>
      newConnector(connectorId, maxPowerKw, random.between(0, 5_000_000)),
    ),
    configuration: defaultConfiguration(connectors.length),
    resetWhenIdle: false,
  };
}

export function findConnector(charger: ChargerState, connectorId: number): Connector | undefined {
  return charger.connectors.find((connector) => connector.id === connectorId);
}

export function advanceCharger(
  charger: ChargerState,
  dtS: number,
  nowMs: number,
  random: Random,
  rates: ConnectorRates,
  open = true,
): ConnectorEffect[] {
  return charger.connectors.flatMap((connector) =>
    advanceConnector(connector, dtS, nowMs, random, rates, open),
  );
}

/** Each free connector is taken by a driver with probability `share` (a network in use at start). */
export function occupy(
  charger: ChargerState,
  share: number,
  random: Random,
  nowMs: number,
): ConnectorEffect[] {
  return charger.connectors.flatMap((connector) =>
    random.next() < share ? driverArrives(connector, random, nowMs) : [],
  );
}

export const isIdle = (charger: ChargerState) =>
  charger.connectors.every((connector) => !connector.transaction);

export interface ReserveRequest {
  /** 0: any connector of the charger (OCPP 1.6 §5.13; 2.0.1 H01 without evseId). */
  readonly connectorId: number;
  readonly reservationId: ReservationId;
  readonly idTag: string;
  readonly expiresAtMs: number;
}

/**
 * ReserveNow. A reservation id already held elsewhere on the charger is replaced (§5.13). For
 * connector 0 this charger holds the first free connector and shows it Reserved, so the hub and the
 * drivers see which one is kept; when none is free it answers for the charger as a whole.
 */
export function reserveNow(
  charger: ChargerState,
  request: ReserveRequest,
  nowMs: number,
): Outcome<ReserveStatus> {
  const reservation = {
    id: request.reservationId,
    idTag: request.idTag,
    expiresAtMs: request.expiresAtMs,
  };
  let target: Connector | undefined;
  if (request.connectorId === 0) {
    if (charger.configuration.get('ReserveConnectorZeroSupported') !== 'true') {
      return { status: 'Rejected', effects: [] };
    }
    target = charger.connectors.find(
      (connector) => reserveStatus(connector, request.reservationId) === 'Accepted',
    );
    if (!target) return { status: wholeChargerRefusal(charger), effects: [] };
  } else {
    target = findConnector(charger, request.connectorId);
    if (!target) return { status: 'Rejected', effects: [] };
  }
  const outcome = reserve(target, reservation, nowMs);
  if (outcome.status !== 'Accepted') return outcome;
  const replaced = charger.connectors.filter(
    (connector) => connector !== target && connector.reservation?.id === request.reservationId,
  );
  return {
    status: 'Accepted',
    effects: [
      ...replaced.flatMap((connector) => cancelConnectorReservation(connector, nowMs)),
      ...outcome.effects,
    ],
  };
}

/** Faulted or Unavailable when every connector is; otherwise they are busy. */
function wholeChargerRefusal(charger: ChargerState): ReserveStatus {
  for (const status of ['Faulted', 'Unavailable'] as const) {
    if (charger.connectors.every((connector) => connector.phase === status)) return status;
  }
  return 'Occupied';
}

export function cancelReservation(
  charger: ChargerState,
  reservationId: ReservationId,
  nowMs: number,
): Outcome<'Accepted' | 'Rejected'> {
  const holder = charger.connectors.find(
    (connector) => connector.reservation?.id === reservationId,
  );
  if (!holder) return { status: 'Rejected', effects: [] };
  return { status: 'Accepted', effects: cancelConnectorReservation(holder, nowMs) };
}

/**
 * Remote start. Without a connector the charger picks one: the connector reserved for this idTag
 * first, then a car waiting to be identified, then a free connector.
 */
export function remoteStart(
  charger: ChargerState,
  request: { connectorId?: number; idTag: string; remoteStartId?: number },
  random: Random,
  nowMs: number,
): Outcome<'Accepted' | 'Rejected'> {
  const { idTag } = request;
  const connector =
    request.connectorId !== undefined
      ? findConnector(charger, request.connectorId)
      : (charger.connectors.find((c) => c.phase === 'Reserved' && c.reservation?.idTag === idTag) ??
        charger.connectors.find((c) => c.phase === 'Preparing' && !c.transaction) ??
        charger.connectors.find((c) => canServeRemoteStart(c, idTag)));
  if (!connector) return { status: 'Rejected', effects: [] };
  return remoteStartOn(connector, idTag, request.remoteStartId, random, nowMs);
}

export function remoteStop(
  charger: ChargerState,
  transactionId: string,
  random: Random,
  nowMs: number,
): Outcome<'Accepted' | 'Rejected'> {
  const connector = charger.connectors.find((c) => c.transaction?.id === transactionId);
  if (!connector) return { status: 'Rejected', effects: [] };
  return { status: 'Accepted', effects: endSession(connector, 'Remote', random, nowMs) };
}

/** ChangeAvailability; connector 0 is the whole charger (OCPP 1.6 §5.2, 2.0.1 G04 without EVSE). */
export function changeAvailability(
  charger: ChargerState,
  connectorId: number,
  operative: boolean,
  nowMs: number,
): Outcome<'Accepted' | 'Scheduled' | 'Rejected'> {
  const targets =
    connectorId === 0 ? charger.connectors : [findConnector(charger, connectorId)].filter(Boolean);
  if (targets.length === 0) return { status: 'Rejected', effects: [] };
  const outcomes = (targets as Connector[]).map((connector) =>
    changeConnectorAvailability(connector, operative, nowMs),
  );
  return {
    status: outcomes.some((outcome) => outcome.status === 'Scheduled') ? 'Scheduled' : 'Accepted',
    effects: outcomes.flatMap((outcome) => outcome.effects),
  };
}

export type UnlockStatus =
  'Unlocked' | 'UnlockFailed' | 'UnknownConnector' | 'OngoingAuthorizedTransaction';

/**
 * UnlockConnector. OCPP 1.6 §5.18: a running transaction is stopped first (Reason UnlockCommand).
 * OCPP 2.0.1 F05: the station refuses while an authorized transaction runs. A connector whose lock
 * is what broke cannot be unlocked.
 */
export function unlockConnector(
  charger: ChargerState,
  connectorId: number,
  stopsTransaction: boolean,
  random: Random,
  nowMs: number,
): Outcome<UnlockStatus> {
  const connector = findConnector(charger, connectorId);
  if (!connector) return { status: 'UnknownConnector', effects: [] };
  if (connector.errorCode === 'ConnectorLockFailure')
    return { status: 'UnlockFailed', effects: [] };
  if (!connector.transaction) return { status: 'Unlocked', effects: [] };
  if (!stopsTransaction) return { status: 'OngoingAuthorizedTransaction', effects: [] };
  return {
    status: 'Unlocked',
    effects: endSession(connector, 'UnlockCommand', random, nowMs, 'Resting'),
  };
}

/**
 * The charger goes down (reset, power cut): every transaction ends with this reason and the cars
 * leave. Reservations survive, as chargers keep them in non-volatile memory.
 */
export function shutDown(
  charger: ChargerState,
  reason: StopReason,
  random: Random,
  nowMs: number,
): ConnectorEffect[] {
  charger.resetWhenIdle = false;
  return charger.connectors
    .filter(inSession)
    .flatMap((connector) => endSession(connector, reason, random, nowMs, 'Resting'));
}
