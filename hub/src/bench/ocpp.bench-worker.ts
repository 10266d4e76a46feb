// One load process of bench:ocpp and bench:reserve: holds a share of the chargers' sockets and drives them.
import { RPCClient } from 'ocpp-rpc';

export type WorkerCommand =
  | { phase: 'connect'; endpoint: string; identities: string[]; password: string }
  | { phase: 'churn'; rate: number; durationS: number }
  | { phase: 'storm' };

export interface WorkerReport {
  phase: WorkerCommand['phase'];
  error?: string;
  sent?: number;
  failed?: number;
  statusChanges?: number;
  latencies?: number[];
}

const CONNECT_CONCURRENCY = 100;
const STATUSES = ['Available', 'Preparing', 'Charging', 'Finishing'] as const;

let clients: RPCClient[] = [];

function newClient(endpoint: string, identity: string, password: string): RPCClient {
  const client = new RPCClient({
    endpoint,
    identity,
    password,
    protocols: ['ocpp1.6'],
    strictMode: false,
    reconnect: false,
    callTimeoutMs: 30_000,
    pingIntervalMs: 300_000,
  } as ConstructorParameters<typeof RPCClient>[0]);
  // bench:reserve holds connectors: answer like a free charge point.
  client.handle('ReserveNow', async () => ({ status: 'Accepted' }));
  client.handle('CancelReservation', async () => ({ status: 'Accepted' }));
  return client;
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECT_CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function connectAll(endpoint: string, identities: string[], password: string): Promise<void> {
  clients = identities.map((identity) => newClient(endpoint, identity, password));
  await inBatches(clients, async (client) => {
    await client.connect();
    await client.call('BootNotification', { chargePointVendor: 'Bench', chargePointModel: 'Sim' });
  });
}

async function churn(rate: number, durationS: number): Promise<WorkerReport> {
  const latencies: number[] = [];
  const state = new Map<RPCClient, number>();
  let sent = 0;
  let failed = 0;
  let statusChanges = 0;
  const pending: Promise<void>[] = [];
  const total = Math.round(rate * durationS);
  const started = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const client = clients[index % clients.length];
    const step = state.get(client) ?? 0;
    state.set(client, step + 1);
    const now = new Date().toISOString();
    const call =
      step % 2 === 0
        ? client.call('StatusNotification', {
            connectorId: 1,
            errorCode: 'NoError',
            status: STATUSES[(step / 2) % STATUSES.length],
            timestamp: now,
          })
        : client.call('MeterValues', {
            connectorId: 1,
            meterValue: [{ timestamp: now, sampledValue: [{ value: String(step * 100) }] }],
          });
    // Preparing, Charging and Finishing all map to OCCUPIED: only changes of canonical status count.
    if (step % 2 === 0) {
      const status = STATUSES[(step / 2) % STATUSES.length];
      const previous =
        step === 0 ? null : STATUSES[(step / 2 - 1 + STATUSES.length) % STATUSES.length];
      const canonical = (s: string | null) =>
        s === 'Available' ? 'AVAILABLE' : s === null ? 'UNKNOWN' : 'OCCUPIED';
      if (canonical(status) !== canonical(previous)) statusChanges += 1;
    }
    sent += 1;
    const sentAt = performance.now();
    pending.push(
      call.then(
        () => void latencies.push(performance.now() - sentAt),
        () => void (failed += 1),
      ),
    );
  }
  await Promise.all(pending);
  return { phase: 'churn', sent, failed, statusChanges, latencies };
}

/** Every socket drops at once (as after a hub restart or network cut), then all reconnect and boot. */
async function storm(): Promise<void> {
  const endpoints = clients.map((client) => client);
  await Promise.all(endpoints.map((client) => client.close({ force: true })));
  await inBatches(endpoints, async (client) => {
    await client.connect();
    await client.call('BootNotification', { chargePointVendor: 'Bench', chargePointModel: 'Sim' });
  });
}

process.on('message', (command: WorkerCommand) => {
  const run = async (): Promise<WorkerReport> => {
    if (command.phase === 'connect') {
      await connectAll(command.endpoint, command.identities, command.password);
      return { phase: 'connect' };
    }
    if (command.phase === 'churn') return churn(command.rate, command.durationS);
    await storm();
    return { phase: 'storm' };
  };
  run().then(
    (report) => process.send?.(report),
    (error: Error) => process.send?.({ phase: command.phase, error: error.message }),
  );
});
