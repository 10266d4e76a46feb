import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import request from 'supertest';

const BROKER_MAIN = join(__dirname, '..', '..', 'broker', 'dist', 'main.js');

/** The Mosquitto every development machine and CI runs (anonymous clients allowed on loopback). */
export const MOSQUITTO_URL = process.env.MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';

export const BROKER_ACCOUNTS = {
  hub: { username: 'hub', password: 'hub-test-secret' },
  gateway: { username: 'gateway', password: 'gateway-test-secret' },
};

export interface TestBroker {
  /** URL for the hub's MQTT_URL, with its service account. */
  hubUrl: string;
  /** URL and options for a client publishing for any device (the gateway account). */
  url: string;
  gatewayOptions: IClientOptions;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Our broker (broker/dist, built by `npm run build`), as its own process on a free port. */
export async function startOurBroker(
  options: { port?: number; env?: Record<string, string> } = {},
): Promise<TestBroker> {
  if (!existsSync(BROKER_MAIN))
    throw new Error('broker/dist is missing: run `npm run build` first');
  const port = options.port ?? (await freePort());
  const { hub, gateway } = BROKER_ACCOUNTS;
  const child: ChildProcess = spawn(process.execPath, [BROKER_MAIN], {
    env: {
      ...process.env,
      MQTT_HOST: '127.0.0.1',
      MQTT_PORT: String(port),
      BROKER_USERS: `${hub.username}:${hub.password},${gateway.username}:${gateway.password}`,
      BROKER_HUB_USER: hub.username,
      BROKER_GATEWAY_USERS: gateway.username,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('mqtt listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`broker exited with ${code}: ${output}`)));
  });
  child.stdout!.resume();
  return {
    hubUrl: `mqtt://${hub.username}:${hub.password}@127.0.0.1:${port}`,
    url: `mqtt://127.0.0.1:${port}`,
    gatewayOptions: { username: gateway.username, password: gateway.password },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The local Mosquitto, anonymous. */
export async function localMosquitto(): Promise<TestBroker> {
  return { hubUrl: MOSQUITTO_URL, url: MOSQUITTO_URL, gatewayOptions: {}, stop: async () => {} };
}

export async function connectDevice(broker: TestBroker, clientId: string): Promise<MqttClient> {
  return mqtt.connectAsync(broker.url, {
    ...broker.gatewayOptions,
    clientId,
    reconnectPeriod: 0,
    connectTimeout: 5000,
  });
}

/** A counter's value from the hub's /metrics text (0 when the series does not exist yet). */
export async function metric(
  hubUrl: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = (await request(hubUrl).get('/metrics').expect(200)).text;
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => wanted.every((label) => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
