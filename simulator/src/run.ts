import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createRandom, type OcppProtocol } from '@wattsup/contracts';
import { type MqttChargerSpec } from './mqtt/mqtt-chargers';
import type { SimulatorOptions } from './options';
import { type Assignment, playFleet } from './play';
import { HubApi } from './provisioning/hub-api';
import { type ProvisionedCharger, provisionChargers } from './provisioning/provision';
import { syntheticChargers } from './provisioning/synthetic';
import { type Scenario, loadScenario } from './scenario';
import { type FleetStats, addStats, metricsText, newFleetStats, summaryLine } from './stats';
import type { WorkerMessage, WorkerRequest } from './worker';

/** OCPP sockets per worker process, well under the 20,000 open files a process may hold here. */
const SOCKETS_PER_WORKER = 8_000;

export interface RunSummary {
  seed: number;
  chargers: Record<OcppProtocol | 'mqtt', number>;
  vehicles: number;
  workers: number;
  simulatedSeconds: number;
  realSeconds: number;
  stats: FleetStats;
}

/** Splits the fleet into `parts` assignments of about the same size. */
export function splitFleet(
  ocpp: readonly ProvisionedCharger[],
  mqtt: readonly (MqttChargerSpec | ProvisionedCharger)[],
  vehicles: number,
  parts: number,
): Assignment[] {
  const slice = <T>(items: readonly T[], part: number) =>
    items.slice(
      Math.floor((items.length * part) / parts),
      Math.floor((items.length * (part + 1)) / parts),
    );
  return Array.from({ length: parts }, (_, part) => {
    const first = Math.floor((vehicles * part) / parts);
    const next = Math.floor((vehicles * (part + 1)) / parts);
    return {
      ocpp: slice(ocpp, part),
      mqtt: slice(mqtt, part),
      vehicles: { first, count: next - first },
    };
  });
}

/**
 * The whole run: registers the chargers (once, here), plays them in this process or spread over
 * worker processes, prints the summary line, serves /metrics, and stops everything on the signal.
 */
export async function runSimulation(
  options: SimulatorOptions,
  io: {
    log: (line: string) => void;
    /** The summary lines, never dropped however busy `log` is. */
    summary: (line: string) => void;
    signal: AbortSignal;
  },
): Promise<RunSummary> {
  // A scenario with a mistake stops the run before anything is registered or connected.
  const scenario: Scenario = options.scenario ? loadScenario(options.scenario) : { events: [] };
  const { ocppSpecs, mqttSpecs } = await chargersToPlay(options, io.log);
  const workers = options.workers ?? Math.max(1, Math.ceil(ocppSpecs.length / SOCKETS_PER_WORKER));
  const chargers = {
    'ocpp1.6': ocppSpecs.filter((spec) => spec.protocol === 'ocpp1.6').length,
    'ocpp2.0.1': ocppSpecs.filter((spec) => spec.protocol === 'ocpp2.0.1').length,
    mqtt: mqttSpecs.length,
  };
  const total = ocppSpecs.length + mqttSpecs.length;
  io.summary(
    `playing ${chargers['ocpp1.6']} OCPP 1.6 + ${chargers['ocpp2.0.1']} OCPP 2.0.1 + ` +
      `${chargers.mqtt} MQTT chargers and ${options.vehicles} vehicles against ${options.hub} ` +
      `at ${options.speed}× (seed ${options.seed}${workers > 1 ? `, ${workers} processes` : ''})`,
  );
  const assignments = splitFleet(ocppSpecs, mqttSpecs, options.vehicles, workers);
  const perWorker = assignments.map(() => newFleetStats());
  const stats = () => perWorker.reduce(addStats, newFleetStats());
  const metrics =
    options.metricsPort !== undefined ? serveMetrics(options.metricsPort, stats) : null;

  const startedAt = Date.now();
  let previous = { at: startedAt, stats: stats() };
  const summary =
    options.summary > 0
      ? setInterval(() => {
          const now = { at: Date.now(), stats: stats() };
          const elapsedS = (now.at - previous.at) / 1000;
          io.summary(summaryLine(now.stats, previous.stats, elapsedS, total, options.vehicles));
          previous = now;
        }, options.summary * 1000)
      : undefined;
  try {
    const outcomes =
      workers === 1
        ? [await playFleet(assignments[0], options, scenario, { ...io, stats: perWorker[0] })]
        : await Promise.all(
            assignments.map((assignment, index) =>
              playInWorker({ assignment, options, scenario }, perWorker[index], io),
            ),
          );
    return {
      seed: options.seed,
      chargers,
      vehicles: outcomes.reduce((sum, outcome) => sum + outcome.vehicles, 0),
      workers,
      simulatedSeconds: Math.max(...outcomes.map((outcome) => outcome.simulatedSeconds)),
      realSeconds: Math.round((Date.now() - startedAt) / 1000),
      stats: stats(),
    };
  } finally {
    clearInterval(summary);
    await new Promise((resolve) => (metrics ? metrics.close(resolve) : resolve(undefined)));
  }
}

/** One worker process (dist/worker.js) playing its assignment, its counters copied into `stats`. */
function playInWorker(
  request: WorkerRequest,
  stats: FleetStats,
  io: { log: (line: string) => void; signal: AbortSignal },
) {
  const child = fork(join(__dirname, 'worker.js'), [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const stop = () => child.send({ type: 'stop' });
  io.signal.addEventListener('abort', stop, { once: true });
  return new Promise<{ simulatedSeconds: number; vehicles: number }>((resolve, reject) => {
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'stats') Object.assign(stats, message.stats);
      if (message.type === 'log') io.log(message.line);
      if (message.type === 'done') {
        Object.assign(stats, message.stats);
        resolve(message.summary);
      }
      if (message.type === 'failed') reject(new Error(message.error));
    });
    child.once('exit', (code) => {
      io.signal.removeEventListener('abort', stop);
      reject(new Error(`a simulator worker exited (${code})`));
    });
    child.send(request);
  });
}

function serveMetrics(port: number, stats: () => FleetStats): Server {
  return createServer((request, response) => {
    if (request.url !== '/metrics') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    response.end(metricsText(stats()));
  }).listen(port);
}

/** Registered in the hub when there is an admin account, else MQTT chargers of no station. */
async function chargersToPlay(
  options: SimulatorOptions,
  log: (line: string) => void,
): Promise<{
  ocppSpecs: ProvisionedCharger[];
  mqttSpecs: (MqttChargerSpec | ProvisionedCharger)[];
}> {
  if (!options.adminEmail || !options.adminPassword) {
    return {
      ocppSpecs: [],
      mqttSpecs: syntheticChargers(createRandom(options.seed), options.chargers),
    };
  }
  const api = new HubApi(options.hub);
  await api.login(options.adminEmail, options.adminPassword);
  const provisioned = await provisionChargers(api, {
    area: options.area,
    chargers: options.chargers,
    protocols: options.protocols,
    seed: options.seed,
    secret: options.chargerSecret ?? options.adminPassword,
    log,
  });
  return {
    ocppSpecs: provisioned.filter((charger) => charger.protocol !== 'mqtt'),
    mqttSpecs: provisioned.filter((charger) => charger.protocol === 'mqtt'),
  };
}
