import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportProgress, ImportView } from '@wattsup/contracts';
import { generateIrveFile } from '../src/imports/generator/gen-irve';
import type { GeneratedIrveExpectation } from '../src/imports/generator/irve-generator';
import { importFile } from '../src/imports/import-file';
import { toImportView } from '../src/imports/import-view';
import { ImportsRepository } from '../src/imports/imports.repository';
import { browserSession } from './support/http';
import type { TestApp } from './support/test-app';

export const FIXTURES = join(__dirname, 'fixtures', 'irve');
export const OFFICIAL_EXAMPLE = join(FIXTURES, 'exemple-valide-statique.csv');

export async function adminSession(url: string) {
  const agent = browserSession(url);
  await agent
    .post('/api/v1/auth/login')
    .send({ email: 'admin@wattsup.test', password: 'admin-password-1' })
    .expect(200);
  return agent;
}

/** Polls `GET /admin/imports/{id}` until the import has ended. */
export async function waitForImport(
  agent: ReturnType<typeof browserSession>,
  id: string,
  timeoutMs = 25000,
): Promise<ImportView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await agent.get(`/api/v1/admin/imports/${id}`).expect(200);
    const view = body as ImportView;
    if (view.status === 'COMPLETED' || view.status === 'FAILED') return view;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${view.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Imports a file in the test process (the `hub import` path) and returns the stored view. */
export async function importLocally(
  hub: TestApp,
  path: string,
  options: {
    prune?: boolean;
    batchSize?: number;
    signal?: AbortSignal;
    publish?: (p: ImportProgress) => void;
  } = {},
): Promise<ImportView> {
  const outcome = await importFile({
    em: hub.orm.em.fork(),
    databaseUrl: hub.config.DATABASE_URL,
    path,
    prune: options.prune ?? false,
    batchSize: options.batchSize ?? 5000,
    signal: options.signal ?? new AbortController().signal,
    publish: options.publish ?? (() => undefined),
  });
  const record = await new ImportsRepository(hub.orm.em.fork()).find(outcome.importId);
  if (!record) throw new Error('import not recorded');
  return toImportView(record);
}

export function sql<T = Record<string, unknown>>(
  hub: TestApp,
  query: string,
  params: unknown[] = [],
) {
  return hub.orm.em.fork().getConnection().execute<T[]>(query, params);
}

/** A scratch folder for generated files, removed by `cleanup`. */
export async function scratch() {
  const dir = await mkdtemp(join(tmpdir(), 'wattsup-imports-'));
  return {
    dir,
    path: (name: string) => join(dir, name),
    generate: (name: string, options: { rows: number; seed: number; dirty: number }) =>
      generateIrveFile({ ...options, out: join(dir, name) }).then(
        (expectation): { path: string; expectation: GeneratedIrveExpectation } => ({
          path: join(dir, name),
          expectation,
        }),
      ),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
