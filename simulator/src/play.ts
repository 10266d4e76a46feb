import { setTimeout as sleep } from 'node:timers/promises';
import type { Bbox, OcppProtocol } from '@wattsup/contracts';
import { type ConnectorRates, happens } from './charger/connector.machine';
import { MqttChargers, type MqttChargerSpec } from './mqtt/mqtt-chargers';
import { OcppCharger } from './ocpp/ocpp-charger';
import type { SimulatorOptions } from './options';
import type { ProvisionedCharger } from './provisioning/provision';
import { shuffle } from './provisioning/protocol-mix';
import { randomFor } from './seeds';
import { type Scenario, type ScenarioEvent, dueEvents } from './scenario';
import type { FleetStats } from './stats';
import { SimulatedVehicles } from './vehicles/simulated-vehicles';
import type { ChargePoint } from './vehicles/vehicle-driver';

/** Real time between two moves of the simulated world. */
const TICK_MS = 1000;
/** New OCPP connections per tick at start-up, so that a big fleet does not arrive as a storm. */
const CONNECTIONS_PER_TICK = 250;
/** A reservation holder turns up within about a quarter of an hour. */
const RESERVED_ARRIVALS_PER_HOUR = 4;

/** What one process plays: its share of the chargers and of the vehicles. */
export interface Assignment {
  readonly ocpp: readonly ProvisionedCharger[];
  readonly mqtt: readonly (MqttChargerSpec | ProvisionedCharger)[];
  /** Vehicles `first` … `first + count - 1` of the whole fleet (their accounts are numbered so). */
  readonly vehicles: { readonly first: number; readonly count: number };
}

export interface PlayIo {
  readonly log: (line: string) => void;
  readonly signal: AbortSignal;
  /** Counters of this process, updated in place. */
  readonly stats: FleetStats;
}

export interface PlaySummary {
  simulatedSeconds: number;
  vehicles: number;
}

interface SimulatedCharger {
  readonly identity: string;
  readonly position: { lon: number; lat: number } | null;
  readonly ocpp: OcppCharger | null;
}

const inBbox = (position: { lon: number; lat: number } | null, bbox: Bbox) =>
  position !== null &&
  position.lon >= bbox.minLon &&
  position.lon <= bbox.maxLon &&
  position.lat >= bbox.minLat &&
  position.lat <= bbox.maxLat;

const positionOf = (spec: MqttChargerSpec | ProvisionedCharger) =>
  'lon' in spec ? { lon: spec.lon, lat: spec.lat } : null;

/**
 * Plays an assignment until `options.duration` or the abort signal: connects the chargers a few
 * hundred at a time, moves the world every second, plays the scenario, and closes every socket at
 * the end.
 */
export async function playFleet(
  assignment: Assignment,
  options: SimulatorOptions,
  scenario: Scenario,
  io: PlayIo,
): Promise<PlaySummary> {
  const { stats } = io;
  const baseRates: ConnectorRates = {
    arrivalsPerHour: options.arrivalRate,
    reservedArrivalsPerHour: RESERVED_ARRIVALS_PER_HOUR,
    faultsPerHour: options.faultRate,
    repairsPerHour: 60 / options.repairMinutes,
  };
  let rushHour = { factor: 1, untilS: 0 };
  let simulatedS = 0;
  const rates = (): ConnectorRates =>
    simulatedS < rushHour.untilS
      ? { ...baseRates, arrivalsPerHour: baseRates.arrivalsPerHour * rushHour.factor }
      : baseRates;

  const ocpp = assignment.ocpp.map(
    (spec) =>
      new OcppCharger(
        { ...spec, protocol: spec.protocol as OcppProtocol },
        {
          hubUrl: options.hub,
          random: randomFor(options.seed, spec.identity),
          rates,
          stats,
          log: io.log,
          initialOccupancy: options.occupancy,
        },
      ),
  );
  const mqttGroup =
    assignment.mqtt.length > 0
      ? new MqttChargers(
          assignment.mqtt,
          { url: options.broker, username: options.brokerUser, password: options.brokerPassword },
          {
            seed: options.seed,
            rates,
            stats,
            log: io.log,
            initialOccupancy: options.occupancy,
          },
        )
      : null;
  const everyone: SimulatedCharger[] = [
    ...assignment.ocpp.map((spec, index) => ({
      identity: spec.identity,
      position: positionOf(spec),
      ocpp: ocpp[index],
    })),
    ...assignment.mqtt.map((spec) => ({
      identity: spec.identity,
      position: positionOf(spec),
      ocpp: null,
    })),
  ];

  const random = randomFor(options.seed, `fleet-${assignment.vehicles.first}`);
  const startedAt = Date.now();
  await mqttGroup?.start();
  const vehicles =
    assignment.vehicles.count > 0
      ? new SimulatedVehicles({
          hubUrl: options.hub,
          area: options.area,
          seed: options.seed,
          secret: options.adminPassword ? (options.chargerSecret ?? options.adminPassword) : null,
          drivers: options.drivers ?? options.vehicles,
          chargePoints: chargePoints(assignment, ocpp, mqttGroup),
          mqtt: {
            url: options.broker,
            username: options.brokerUser,
            password: options.brokerPassword,
          },
          stats,
          log: io.log,
        })
      : null;
  await vehicles?.start(assignment.vehicles.first, assignment.vehicles.count);

  /** Scenario events on this process's share of the fleet. */
  const apply = (event: ScenarioEvent, nowMs: number) => {
    const at = `scenario t=${Math.round(event.at)}s: ${event.action}`;
    if (event.action === 'rush-hour') {
      rushHour = { factor: event.factor, untilS: simulatedS + event.duration };
      io.log(`${at}: drivers arrive ${event.factor}× as often for ${event.duration}s`);
      return;
    }
    if (event.action === 'reconnect-all') {
      for (const charger of ocpp) charger.reconnectNow();
      io.log(`${at} on ${ocpp.length} OCPP chargers`);
      return;
    }
    const inArea = everyone.filter((c) => !event.area || inBbox(c.position, event.area));
    const hit = shuffle(inArea, random).slice(0, Math.ceil(event.share * inArea.length));
    const realMs = (simulatedSeconds: number) => (simulatedSeconds / options.speed) * 1000;
    for (const charger of hit) {
      switch (event.action) {
        case 'fault':
          if (charger.ocpp) charger.ocpp.breakConnector(nowMs);
          else mqttGroup?.breakConnector(charger.identity, nowMs);
          break;
        case 'repair':
          if (charger.ocpp) charger.ocpp.repairAll(nowMs);
          else mqttGroup?.repairAll(charger.identity, nowMs);
          break;
        case 'disconnect':
          charger.ocpp?.loseConnection(event.silent, realMs(event.duration));
          break;
        case 'power-cut':
          charger.ocpp?.powerCut(realMs(event.duration), nowMs);
          break;
      }
    }
    io.log(`${at} on ${hit.length} chargers`);
  };

  let connecting = 0;
  const dtS = (TICK_MS / 1000) * options.speed;
  try {
    while (!io.signal.aborted) {
      const nowMs = Date.now();
      if (options.duration !== undefined && nowMs - startedAt >= options.duration * 1000) break;
      for (const charger of ocpp.slice(connecting, connecting + CONNECTIONS_PER_TICK)) {
        void charger.start();
      }
      connecting = Math.min(ocpp.length, connecting + CONNECTIONS_PER_TICK);

      for (const event of dueEvents(scenario, simulatedS - dtS, simulatedS)) apply(event, nowMs);
      for (const charger of ocpp) {
        charger.tick(dtS, nowMs);
        if (charger.online && happens(random, options.disconnectRate, dtS)) {
          charger.loseConnection(random.next() < 0.5, random.between(5_000, 120_000));
        }
      }
      mqttGroup?.tick(dtS, nowMs);
      vehicles?.tick(dtS, nowMs);
      simulatedS += dtS;
      await sleep(TICK_MS, undefined, { signal: io.signal }).catch(() => undefined);
    }
  } finally {
    await vehicles?.stop();
    await Promise.all([...ocpp.map((charger) => charger.stop()), mqttGroup?.stop()]);
  }
  return { simulatedSeconds: Math.round(simulatedS), vehicles: vehicles?.size ?? 0 };
}

/** Every terminal of this share of the fleet, for the simulated drivers to plug into. */
function chargePoints(
  assignment: Assignment,
  ocpp: readonly OcppCharger[],
  mqttGroup: MqttChargers | null,
): Map<string, ChargePoint> {
  const points = new Map<string, ChargePoint>();
  assignment.ocpp.forEach((spec, index) => {
    for (const { connectorId, terminalId } of spec.connectors) {
      points.set(terminalId, {
        terminalId,
        position: { lon: spec.lon, lat: spec.lat },
        connector: ocpp[index].state.connectors.find((c) => c.id === connectorId)!,
        plugIn: (car) => ocpp[index].plugIn(connectorId, car),
      });
    }
  });
  for (const spec of assignment.mqtt) {
    const state = mqttGroup?.states.find((charger) => charger.identity === spec.identity);
    if (!('lon' in spec) || !state || !mqttGroup) continue;
    for (const { connectorId, terminalId } of spec.connectors) {
      points.set(terminalId, {
        terminalId,
        position: { lon: spec.lon, lat: spec.lat },
        connector: state.connectors.find((c) => c.id === connectorId)!,
        plugIn: (car) => mqttGroup.plugIn(spec.identity, connectorId, car),
      });
    }
  }
  return points;
}
