import { rm } from 'node:fs/promises';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Job, Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { JobQueues } from '../jobs/job-queues';
import { LiveEvents } from '../live/live-events';
import { ImportRunner } from './import-runner';
import { ImportSession } from './import-session.repository';
import { type ImportRecord, ImportsRepository } from './imports.repository';
import { IMPORT_QUEUE, type ImportJobData } from './imports.service';

/** A RUNNING import whose hub has not saved progress for this long has lost its hub. */
const STALE_AFTER_SECONDS = 120;

const LOST =
  'The hub stopped during this import (restart or crash). Batches committed before that are kept (see the counts); run the import again to complete it.';

/**
 * The `imports` queue's worker: one import at a time per hub. A job delivered again after its hub
 * died (BullMQ's stalled-job check) finds its import RUNNING and ends it as FAILED rather than
 * starting over; on shutdown the running import stops at the next batch boundary, FAILED too.
 */
@Injectable()
export class ImportsProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ImportsProcessor.name);
  private readonly shutdown = new AbortController();
  private readonly runner: ImportRunner;
  private worker?: Worker<ImportJobData>;

  constructor(
    private readonly imports: ImportsRepository,
    private readonly jobs: JobQueues,
    live: LiveEvents,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.runner = new ImportRunner({
      imports,
      openSession: (importId) => ImportSession.open(config.DATABASE_URL, importId),
      publish: (progress) => live.publish('import.progress', progress),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const record of await this.imports.stale(STALE_AFTER_SECONDS)) {
      await this.end(record, LOST);
    }
    this.worker = this.jobs.worker<ImportJobData>(IMPORT_QUEUE, (job) => this.process(job), {
      concurrency: 1,
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    await this.worker?.close();
  }

  private async process(job: Job<ImportJobData>): Promise<void> {
    const claimed = await this.imports.claim(job.data.importId);
    if (!claimed) {
      const record = await this.imports.find(job.data.importId);
      if (record?.status === 'RUNNING') await this.end(record, LOST);
      return;
    }
    try {
      const outcome = await this.runner.run(claimed, this.shutdown.signal);
      this.logger.log({ import: outcome }, `import ${claimed.id} ${outcome.status}`);
    } finally {
      if (claimed.filePath) await rm(claimed.filePath, { force: true });
    }
  }

  private async end(record: ImportRecord, reason: string): Promise<void> {
    await this.imports.fail(record.id, reason);
    if (record.filePath && record.source === 'UPLOAD') await rm(record.filePath, { force: true });
  }
}
