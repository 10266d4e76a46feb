import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { TestApp } from './test-app';

const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface HubProcess {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * A second hub, as its own OS process (the compiled hub), sharing the first one's database and
 * Redis key space: what two instances behind a load balancer look like.
 */
export async function startSecondHubProcess(
  first: TestApp,
  env: Record<string, string> = {},
): Promise<HubProcess> {
  if (!existsSync(MAIN)) throw new Error('hub/dist is missing: run `npm run build` first');
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: first.config.DATABASE_URL,
      REDIS_URL: first.config.REDIS_URL,
      REDIS_KEY_PREFIX: first.config.REDIS_KEY_PREFIX,
      JWT_SECRET: first.config.JWT_SECRET,
      HTTP_PORT: String(port),
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`second hub exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/health`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
