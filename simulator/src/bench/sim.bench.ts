// npm run bench:sim [-- --chargers 15000 --vehicles 4000 --measure 30]
// A fresh database with a generated IRVE file imported, our broker and the compiled hub in their
// own processes, then the simulator as a user runs it (its own process and workers) at real-time
// speed: every charger connected and booted, then its CPU, memory and message rate measured over a
// window. Last line: one JSON object with the figures (connectSeconds counts from the end of the
// registration through the admin API, provisionSeconds).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { startBrokerProcess, startHubProcess } from '../support/hub-process';

const { values } = parseArgs({
  options: {
    chargers: { type: 'string', default: '15000' },
    vehicles: { type: 'string', default: '4000' },
    /** Vehicles whose driver signs in and reserves (each sign-in is a slow password hash). */
    drivers: { type: 'string', default: '20' },
    measure: { type: 'string', default: '30' },
    /** Seconds the chargers get to connect after registration; then the measure starts anyway. */
    'connect-timeout': { type: 'string', default: '300' },
  },
});
const args = z
  .object({
    chargers: z.coerce.number().int().min(1),
    vehicles: z.coerce.number().int().min(0),
    drivers: z.coerce.number().int().min(0),
    measure: z.coerce.number().positive(),
    connectTimeout: z.coerce.number().positive(),
  })
  .parse({ ...values, connectTimeout: values['connect-timeout'] });

const log = (message: string) => console.error(`[bench:sim] ${message}`);
const CLOCK_TICKS_PER_SECOND = 100;

/** The process and its descendants (the simulator's workers). */
function processTree(pid: number): number[] {
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return (
          readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(pid)
        );
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
  return [pid, ...children.flatMap(processTree)];
}

/** CPU seconds (user + system) and resident megabytes of the whole tree. */
function usage(pid: number): { cpuS: number; rssMb: number } {
  let ticks = 0;
  let rssKb = 0;
  for (const member of processTree(pid)) {
    try {
      const fields = readFileSync(`/proc/${member}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      rssKb += Number(
        /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${member}/status`, 'utf8'))?.[1] ?? 0,
      );
    } catch {
      // exited between listing and reading
    }
  }
  return { cpuS: ticks / CLOCK_TICKS_PER_SECOND, rssMb: rssKb / 1024 };
}

async function metric(port: number, name: string): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
    (response) => response.text(),
    () => '',
  );
  return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
}

async function main(): Promise<void> {
  // Two terminals per charger at most, and some stations' terminals bound in pairs: room to spare.
  const irveRows = Math.ceil(args.chargers * 2.2);
  log(`fresh database with ${irveRows} generated IRVE rows, broker, hub…`);
  const broker = await startBrokerProcess();
  const hub = await startHubProcess({
    irveRows,
    env: {
      MQTT_URL: `mqtt://${broker.hub.username}:${broker.hub.password}@${broker.url.slice(7)}`,
      AUTH_RATE_LIMIT_PER_IP: String(args.drivers * 4 + 100),
      NODE_ENV: 'production',
    },
  });
  const metricsPort = 9400 + Math.floor(Math.random() * 500);
  let sim: ChildProcess | null = null;
  try {
    sim = spawn(
      process.execPath,
      [
        join(__dirname, '..', 'main.js'),
        ...['--hub', hub.url, '--area', 'france', '--chargers', String(args.chargers)],
        ...['--vehicles', String(args.vehicles), '--drivers', String(args.drivers)],
        ...['--broker', broker.url, '--broker-user', broker.gateway.username],
        ...['--protocols', 'ocpp1.6=70,ocpp2.0.1=30', '--speed', '1', '--summary', '15'],
        ...['--metrics-port', String(metricsPort)],
      ],
      {
        env: {
          ...process.env,
          SIM_ADMIN_EMAIL: hub.adminEmail,
          SIM_ADMIN_PASSWORD: hub.adminPassword,
          SIM_BROKER_PASSWORD: broker.gateway.password,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    // The metrics endpoint opens once the chargers are registered; then they connect.
    const started = Date.now();
    let provisionSeconds: number | null = null;
    for (;;) {
      if (sim.exitCode !== null) throw new Error(`the simulator exited (${sim.exitCode})`);
      const up = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then(
        (response) => response.ok,
        () => false,
      );
      if (up && provisionSeconds === null) {
        provisionSeconds = Math.round((Date.now() - started) / 1000);
        log(`${args.chargers} chargers registered in ${provisionSeconds} s; connecting…`);
      }
      if (up && (await metric(metricsPort, 'wattsup_sim_connected')) >= args.chargers) break;
      const connecting =
        provisionSeconds !== null ? Date.now() - started - provisionSeconds * 1000 : 0;
      if (connecting > args.connectTimeout * 1000) {
        log(`not every charger connected after ${args.connectTimeout} s: measuring anyway`);
        break;
      }
      await sleep(1000);
    }
    const connectSeconds = Math.round((Date.now() - started) / 1000) - (provisionSeconds ?? 0);
    const connected = await metric(metricsPort, 'wattsup_sim_connected');
    log(`${connected} chargers connected after ${connectSeconds} s; measuring ${args.measure} s…`);
    await sleep(5000); // vehicles' first telemetry, the first meter values
    const before = {
      at: Date.now(),
      ...usage(sim.pid!),
      sent: await metric(metricsPort, 'wattsup_sim_sent_total'),
    };
    await sleep(args.measure * 1000);
    const after = {
      at: Date.now(),
      ...usage(sim.pid!),
      sent: await metric(metricsPort, 'wattsup_sim_sent_total'),
    };
    const wallS = (after.at - before.at) / 1000;
    const figures = {
      chargers: args.chargers,
      vehicles: args.vehicles,
      connected,
      provisionSeconds,
      connectSeconds,
      msgsPerSec: Math.round((after.sent - before.sent) / wallS),
      simCpuPct: Math.round(((after.cpuS - before.cpuS) / wallS) * 1000) / 10,
      simRssMb: Math.round(after.rssMb),
    };
    const exited = new Promise((resolve) => sim!.once('exit', resolve));
    sim.kill('SIGINT');
    await exited;
    console.log(JSON.stringify(figures));
  } finally {
    if (sim && sim.exitCode === null) sim.kill('SIGKILL');
    await hub.stop();
    await broker.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:sim] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
