import { RPCClient } from 'ocpp-rpc';
import type { LiveFrame } from '@wattsup/contracts';
import { LiveEvents } from '../../src/live/live-events';
import { writeStations } from '../../src/seed/station-writer';
import type { GeneratedStation } from '../../src/seed/station-generator';
import { browserSession } from './http';
import type { TestApp } from './test-app';

export type OcppTestProtocol = 'ocpp1.6' | 'ocpp2.0.1';

/** A station with `count` 22 kW Type 2 terminals, returned with its id and terminal ids in order. */
export async function stationWithTerminals(hub: TestApp, irveId: string, count: number) {
  const station: GeneratedStation = {
    irveId,
    name: `Station ${irveId}`,
    operator: 'Op',
    brand: 'Brand',
    address: 'Somewhere',
    inseeCode: '31555',
    lon: 1.44,
    lat: 43.6,
    implantation: 'Voirie',
    openingHours: '24/7',
    pmrAccessibility: 'Accessibilité inconnue',
    accessCondition: 'Accès libre',
    pricing: null,
    free: false,
    terminals: Array.from({ length: count }, (_, index) => ({
      pdcId: `${irveId.replace('*P', '*E')}${index + 1}`,
      powerKw: 22,
      plugs: ['TYPE_2'],
      status: 'UNKNOWN',
    })),
  };
  const em = hub.orm.em.fork();
  await writeStations(em, [station]);
  const [row] = await em
    .getConnection()
    .execute<{ id: string }[]>('select id from stations where irve_id = ?', [irveId]);
  const terminals = await em
    .getConnection()
    .execute<{ id: string }[]>('select id from terminals where station_id = ? order by pdc_id', [
      row.id,
    ]);
  return { stationId: row.id, terminalIds: terminals.map((terminal) => terminal.id) };
}

export async function adminSession(hub: TestApp) {
  const agent = browserSession(hub.url);
  await agent
    .post('/api/v1/auth/login')
    .send({ email: hub.config.ADMIN_EMAIL, password: hub.config.ADMIN_PASSWORD })
    .expect(200);
  return agent;
}

export function chargerClient(
  hub: TestApp,
  identity: string,
  password: string | null,
  protocol: OcppTestProtocol,
  options: { reconnect?: boolean; callTimeoutMs?: number } = {},
) {
  // ocpp-rpc's typings mark every option required; the library itself defaults them.
  return new RPCClient({
    endpoint: `${hub.url.replace('http', 'ws')}/ocpp`,
    identity,
    password,
    protocols: [protocol],
    strictMode: true,
    reconnect: options.reconnect ?? false,
    callTimeoutMs: options.callTimeoutMs ?? 5000,
  } as ConstructorParameters<typeof RPCClient>[0]);
}

/** Collects live events so tests can wait for one. */
export function liveEvents(hub: TestApp) {
  const frames: LiveFrame[] = [];
  const subscription = hub.app.get(LiveEvents).stream.subscribe((frame) => frames.push(frame));
  return {
    frames,
    stop: () => subscription.unsubscribe(),
    async next(predicate: (frame: LiveFrame) => boolean, timeoutMs = 5000): Promise<LiveFrame> {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        const found = frames.find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('no matching live event');
    },
  };
}

export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw lastError;
}

/**
 * Makes the test charger answer each hub command with a canned reply, like a real charger, and
 * returns the actions it received, in order.
 */
export function answerCommands(client: RPCClient, answers: Record<string, object>): string[] {
  const received: string[] = [];
  for (const [action, answer] of Object.entries(answers)) {
    client.handle(action, async () => {
      received.push(action);
      return answer as Record<string, unknown>;
    });
  }
  return received;
}
