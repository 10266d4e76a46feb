import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { MikroORM } from '@mikro-orm/postgresql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, parseConfig } from '../../src/config/config';
import { createHubApp } from '../../src/http-app';
import { createTestDatabase, type TestDatabase } from './databases';

export interface TestApp {
  app: NestExpressApplication;
  /** Base URL of the listening hub, e.g. `http://127.0.0.1:41234`. */
  url: string;
  config: AppConfig;
  database: TestDatabase;
  orm: MikroORM;
  close(): Promise<void>;
}

/** A real hub on a random port over its own fresh database and its own Redis key space. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = parseConfig({
    ...process.env,
    DATABASE_URL: database.url,
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    REDIS_KEY_PREFIX: `wattsup-test:${randomBytes(4).toString('hex')}:`,
    ADMIN_EMAIL: 'admin@wattsup.test',
    ADMIN_PASSWORD: 'admin-password-1',
    ...env,
  });
  const app = await createHubApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    config,
    database,
    orm: app.get(MikroORM),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
