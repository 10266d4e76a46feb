import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectorStatusMessage, createRandom, topics } from '@wattsup/contracts';
import mqtt, { MqttClient } from 'mqtt';
import { ReportedStatus, VirtualConnector, createFleet, tickFleet } from './fleet';

export interface StatusSimulation {
  readonly brokerUrl: string;
  readonly brokerUser?: string;
  readonly brokerPassword?: string;
  readonly seed: number;
  readonly chargers: number;
  readonly durationMs: number;
  /** Time between two moves of the fleet. */
  readonly tickMs: number;
}

export interface SimulationSummary {
  readonly seed: number;
  readonly chargers: number;
  readonly connectors: number;
  /** Moves of the fleet after the first full report. */
  readonly ticks: number;
  readonly durationMs: number;
  readonly published: number;
  /** Status of every connector at the end. */
  readonly finalStatuses: Record<ReportedStatus, number>;
}

/**
 * Connects to the broker, publishes every connector's status, then each status change, tick after
 * tick, for the duration. The same seed gives the same fleet and the same changes.
 */
export async function simulateStatuses(simulation: StatusSimulation): Promise<SimulationSummary> {
  const random = createRandom(simulation.seed);
  const fleet = createFleet(random, simulation.chargers);
  const ticks = Math.floor(simulation.durationMs / simulation.tickMs);
  const startedAt = Date.now();
  const client = await mqtt.connectAsync(simulation.brokerUrl, {
    clientId: `wattsup-simulator-${randomUUID()}`,
    username: simulation.brokerUser,
    password: simulation.brokerPassword,
    // A run is short and reproducible: a lost connection fails it rather than silently skewing it.
    reconnectPeriod: 0,
  });
  let lastError: Error | undefined;
  client.on('error', (error) => (lastError = error));
  // Also fires after the final endAsync(), when nothing races against it any more.
  const connectionLost = new Promise<never>((_, reject) =>
    client.once('close', () => {
      const cause = lastError ? `: ${lastError.message}` : '';
      reject(new Error(`lost the connection to the MQTT broker${cause}`));
    }),
  );
  connectionLost.catch(() => undefined); // observed by the races below

  let published = 0;
  const publish = async (connectors: VirtualConnector[]) => {
    await Promise.race([
      Promise.all(connectors.map((connector) => publishStatus(client, connector))),
      connectionLost,
    ]);
    published += connectors.length;
  };
  try {
    await publish(fleet);
    for (let tick = 0; tick < ticks; tick++) {
      await Promise.race([sleep(simulation.tickMs), connectionLost]);
      await publish(tickFleet(random, fleet));
    }
  } finally {
    // A dropped connection cannot wait for its in-flight acknowledgements: end it at once.
    await client.endAsync(!client.connected);
  }
  return {
    seed: simulation.seed,
    chargers: simulation.chargers,
    connectors: fleet.length,
    ticks,
    durationMs: Date.now() - startedAt,
    published,
    finalStatuses: countStatuses(fleet),
  };
}

function publishStatus(client: MqttClient, connector: VirtualConnector) {
  const message: ConnectorStatusMessage = {
    status: connector.status,
    ts: new Date().toISOString(),
  };
  return client.publishAsync(
    topics.connectorStatus(connector.chargerId, connector.connectorId),
    JSON.stringify(message),
    { qos: 1 },
  );
}

function countStatuses(fleet: readonly VirtualConnector[]): Record<ReportedStatus, number> {
  const counts: Record<ReportedStatus, number> = {
    AVAILABLE: 0,
    OCCUPIED: 0,
    UNAVAILABLE: 0,
    FAULTED: 0,
  };
  for (const connector of fleet) counts[connector.status]++;
  return counts;
}
