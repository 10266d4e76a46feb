import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobQueues } from '../jobs/job-queues';

const QUEUE = 'reservation-expiry';
/** Concurrent expiry jobs per hub; each one runs (or joins) a set-based sweep. */
const CONCURRENCY = 50;

interface ExpiryJob {
  reservationId: string;
  dueAt: string;
}

/**
 * One BullMQ delayed job per ACTIVE reservation, due when its hold ends. The job id is derived
 * from the reservation id, so scheduling twice (two instances, a reconciler pass) adds one job.
 */
@Injectable()
export class ReservationTimers {
  private readonly queue: Queue<ExpiryJob>;

  constructor(private readonly jobs: JobQueues) {
    this.queue = jobs.queue<ExpiryJob>(QUEUE);
  }

  static jobId(reservationId: string): string {
    return `expire-${reservationId}`;
  }

  async schedule(reservationId: string, dueAt: Date): Promise<void> {
    await this.queue.add(
      'expire',
      { reservationId, dueAt: dueAt.toISOString() },
      {
        jobId: ReservationTimers.jobId(reservationId),
        delay: Math.max(0, dueAt.getTime() - Date.now()),
        removeOnComplete: true,
        removeOnFail: 1000,
        attempts: 5,
        backoff: { type: 'exponential', delay: 500 },
      },
    );
  }

  /**
   * The reservations among `reservationIds` whose timer is missing, in one Redis round trip: the
   * reconciler asks about thousands at once, and one job read each would flood the hub just when
   * many holds fall due together.
   */
  async unscheduled(reservationIds: readonly string[]): Promise<string[]> {
    const scheduled = await this.jobs.jobsExist(QUEUE, reservationIds.map(ReservationTimers.jobId));
    return reservationIds.filter((_, index) => !scheduled[index]);
  }

  /** Drops the timer of a reservation that ended otherwise; a missing job is fine. */
  async unschedule(reservationId: string): Promise<void> {
    await this.queue.remove(ReservationTimers.jobId(reservationId));
  }

  /** Runs `expireDue` with each job's due time as it falls due. */
  start(expireDue: (dueAt: Date) => Promise<void>): void {
    this.jobs.worker<ExpiryJob>(QUEUE, (job) => expireDue(new Date(job.data.dueAt)), {
      concurrency: CONCURRENCY,
    });
  }
}
