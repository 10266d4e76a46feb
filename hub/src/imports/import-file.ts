import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ImportProgress } from '@wattsup/contracts';
import { ImportRunner } from './import-runner';
import { ImportSession } from './import-session.repository';
import { ImportsRepository } from './imports.repository';

export interface ImportFileOptions {
  em: EntityManager;
  databaseUrl: string;
  path: string;
  prune: boolean;
  batchSize: number;
  publish(progress: ImportProgress): void;
  signal: AbortSignal;
}

/** Imports a local file in this process, recorded like an upload (`hub import`, benchmarks). */
export async function importFile(options: ImportFileOptions): Promise<ImportProgress> {
  const path = resolve(options.path);
  const imports = new ImportsRepository(options.em);
  const { id } = await imports.create({
    source: 'CLI',
    fileName: basename(path),
    fileBytes: (await stat(path)).size,
    filePath: path,
    prune: options.prune,
    batchSize: options.batchSize,
    createdBy: null,
  });
  const claimed = await imports.claim(id);
  if (!claimed) throw new Error(`import ${id} could not be started`);
  const runner = new ImportRunner({
    imports,
    openSession: (importId) => ImportSession.open(options.databaseUrl, importId),
    publish: options.publish,
  });
  return runner.run(claimed, options.signal);
}
