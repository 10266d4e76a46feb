import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Job, Queue, Worker, type WorkerOptions } from 'bullmq';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config';

/**
 * BullMQ queues and workers of the hub over one Redis connection. Keys live under
 * `REDIS_KEY_PREFIX` + `bull`, so hubs (and test runs) sharing a Redis never see each other's jobs.
 */
@Injectable()
export class JobQueues implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly prefix: string;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly logger = new Logger(JobQueues.name);
  private closing = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // BullMQ requires maxRetriesPerRequest: null on connections its workers block on.
    this.connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    this.prefix = `${config.REDIS_KEY_PREFIX}bull`;
  }

  queue<Data>(name: string): Queue<Data> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      queue.on('error', (error) => this.reportError(`queue ${name}`, error));
      this.queues.set(name, queue);
    }
    return queue as Queue<Data>;
  }

  /** Whether each of `jobIds` has a job in queue `name`, in one Redis round trip. */
  async jobsExist(name: string, jobIds: readonly string[]): Promise<boolean[]> {
    if (jobIds.length === 0) return [];
    const queue = this.queue(name);
    const answers = await this.connection
      .pipeline(jobIds.map((jobId) => ['exists', queue.toKey(jobId)]))
      .exec();
    return jobIds.map((_, index) => {
      const [error, exists] = answers?.[index] ?? [new Error('no answer from Redis'), 0];
      if (error) throw error;
      return exists === 1;
    });
  }

  /** A worker for `name`; it is closed with the hub unless its owner closes it first. */
  worker<Data>(
    name: string,
    process: (job: Job<Data>) => Promise<unknown>,
    options: Omit<WorkerOptions, 'connection' | 'prefix'> = {},
  ): Worker<Data> {
    const worker = new Worker<Data>(name, process, {
      ...options,
      connection: this.connection,
      prefix: this.prefix,
    });
    // Without a listener an 'error' event (Redis gone, or closing under a blocked call) is fatal.
    worker.on('error', (error) => this.reportError(`worker ${name}`, error));
    this.workers.push(worker);
    return worker;
  }

  private reportError(source: string, error: Error): void {
    if (!this.closing) this.logger.warn(`${source}: ${error.message}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}

@Global()
@Module({ providers: [JobQueues], exports: [JobQueues] })
export class JobsModule {}
