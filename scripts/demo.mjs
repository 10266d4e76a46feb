// `npm run demo`: services, build, migrations, demo data, then the broker and the hub (which
// serves the web app), and prints the URL to open. Ctrl+C stops everything it started.
import { execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureServices } from './services.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (message) => console.log(`[demo] ${message}`);

const portIsFree = (port) =>
  new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => server.close(() => resolve(true)))
      .listen(port, '0.0.0.0');
  });

async function firstFreePort(preferred, label) {
  for (let port = preferred; port < preferred + 20; port += 1) {
    if (await portIsFree(port)) {
      if (port !== preferred) log(`port ${preferred} is taken, ${label} uses ${port}`);
      return port;
    }
  }
  throw new Error(`no free port near ${preferred} for ${label}`);
}

const run = (command, env) => execSync(command, { cwd: root, stdio: 'inherit', env });

async function waitForHealth(url, child) {
  for (let i = 0; i < 120; i += 1) {
    if (child.exitCode !== null)
      throw new Error('the hub exited during start-up (see its log above)');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the hub did not become healthy at ${url}`);
}

/**
 * A small simulated fleet on the demo stations of Paris, so that the map is alive at first sight:
 * chargers change status, cars drive, reserve and charge. SIM_CHARGERS=0 leaves it out. The demo
 * keeps running if the simulator stops.
 */
function startSimulatedFleet(httpPort, mqttPort, mqttPassword, env, children) {
  const chargers = Number(process.env.SIM_CHARGERS ?? 40);
  if (!(chargers > 0)) return;
  const args = ['simulator/dist/main.js', '--hub', `http://127.0.0.1:${httpPort}`];
  args.push('--area', 'paris', '--chargers', String(chargers), '--vehicles', '8', '--speed', '20');
  args.push('--broker', `mqtt://127.0.0.1:${mqttPort}`, '--broker-user', 'simulator');
  args.push('--summary', '60');
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...env,
      SIM_ADMIN_EMAIL: env.ADMIN_EMAIL,
      SIM_ADMIN_PASSWORD: env.ADMIN_PASSWORD,
      SIM_BROKER_PASSWORD: mqttPassword,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) log(`the simulator stopped (${code}); the demo goes on`);
  });
  children.push(child);
  log(`simulating ${chargers} chargers and 8 cars around Paris (SIM_CHARGERS=0 to leave them out)`);
}

async function main() {
  const { databaseUrl, redisUrl } = await ensureServices();
  const httpPort = Number(process.env.HTTP_PORT ?? 3000);
  if (!(await portIsFree(httpPort)))
    throw new Error(`port ${httpPort} is taken: stop what uses it or set HTTP_PORT`);
  const mqttPort = await firstFreePort(Number(process.env.MQTT_PORT ?? 1883), 'the MQTT broker');
  const hubMqttPassword = randomBytes(12).toString('hex');
  const simulatorMqttPassword = randomBytes(12).toString('hex');
  const mqttAuthToken = randomBytes(24).toString('hex');
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    HTTP_PORT: String(httpPort),
    MQTT_PORT: String(mqttPort),
    MQTT_URL: `mqtt://hub:${hubMqttPassword}@127.0.0.1:${mqttPort}`,
    BROKER_HUB_USER: 'hub',
    BROKER_USERS: `hub:${hubMqttPassword},simulator:${simulatorMqttPassword}`,
    BROKER_GATEWAY_USERS: 'simulator',
    // Chargers and cars log in with the credentials the hub issued them.
    MQTT_AUTH_TOKEN: mqttAuthToken,
    BROKER_AUTH_URL: `http://127.0.0.1:${httpPort}/api/v1/internal/mqtt/authenticate`,
    BROKER_AUTH_TOKEN: mqttAuthToken,
    // The simulated drivers all sign in from this machine.
    AUTH_RATE_LIMIT_PER_IP: process.env.AUTH_RATE_LIMIT_PER_IP ?? '1000',
    // Our broker has no shared subscriptions, and the demo runs one hub.
    MQTT_SHARED_GROUP: process.env.MQTT_SHARED_GROUP ?? '',
    // Requests at info level would bury the demo's own messages.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
    ADMIN_EMAIL: process.env.ADMIN_EMAIL ?? 'admin@wattsup.local',
    ADMIN_PASSWORD: process.env.ADMIN_PASSWORD ?? 'wattsup-admin',
  };

  log('building the workspaces…');
  run('npm run build --silent', env);
  run('node hub/dist/cli.js migrate', env);
  run('node hub/dist/cli.js seed --demo', env);

  const children = [];
  const start = (name, script) => {
    const child = spawn(process.execPath, [script], { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        log(`${name} stopped (${signal ?? code}); stopping the demo`);
        stop(1);
      }
    });
    children.push(child);
    return child;
  };
  let stopping = false;
  const stop = (code = 0) => {
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 3000).unref();
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  start('broker', 'broker/dist/main.js');
  const hub = start('hub', 'hub/dist/main.js');
  await waitForHealth(`http://127.0.0.1:${httpPort}/health`, hub);
  startSimulatedFleet(httpPort, mqttPort, simulatorMqttPassword, env, children);

  console.log(`
  Watts Up is running.

    Open     http://localhost:${httpPort}/
    API      http://localhost:${httpPort}/api/docs
    MQTT     mqtt://localhost:${mqttPort}
    Admin    ${env.ADMIN_EMAIL} / ${process.env.ADMIN_PASSWORD ? '(your ADMIN_PASSWORD)' : env.ADMIN_PASSWORD}

  Ctrl+C stops it.
`);
}

main().catch((error) => {
  console.error(`[demo] ${error.message}`);
  process.exit(1);
});
