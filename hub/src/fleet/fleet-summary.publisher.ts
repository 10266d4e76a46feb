import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnModuleInit,
} from '@nestjs/common';
import { filter, type Subscription } from 'rxjs';
import { LiveEvents } from '../live/live-events';
import { WatchedTopics } from '../live/watched-topics';
import { changesFleet } from './fleet-summary';
import { FleetService } from './fleet.service';

/** At most one `fleet.summary` per this interval from each hub instance. */
export const FLEET_SUMMARY_INTERVAL_MS = 1000;

/**
 * Sends `fleet.summary` (admin topic `fleet-summary`) after this instance's events changed the
 * fleet, at most once per FLEET_SUMMARY_INTERVAL_MS: the first change starts a window, everything
 * within it is answered by one fresh read at its end. The counts cannot be rebuilt from the events
 * themselves: `terminal.status` does not say what a terminal was before, and a dashboard cannot
 * follow 170k terminals. Each instance answers for its own events; Redis carries the summaries
 * to the admins of the others. Nothing is read while no admin, on any instance, watches.
 */
@Injectable()
export class FleetSummaryPublisher implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(FleetSummaryPublisher.name);
  private events?: Subscription;
  private timer?: NodeJS.Timeout;
  private publishing: Promise<void> | null = null;

  constructor(
    private readonly live: LiveEvents,
    private readonly fleet: FleetService,
    private readonly watchedTopics: WatchedTopics,
  ) {}

  onModuleInit(): void {
    this.events = this.live.stream.pipe(filter(changesFleet)).subscribe(() => this.changed());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.events?.unsubscribe();
    clearTimeout(this.timer);
    await this.publishing;
  }

  private changed(): void {
    this.timer ??= setTimeout(() => {
      // Changes from now on start the next window: this read may not see them.
      this.timer = undefined;
      this.publishing = this.publish().finally(() => (this.publishing = null));
    }, FLEET_SUMMARY_INTERVAL_MS);
  }

  private async publish(): Promise<void> {
    try {
      if (!(await this.watchedTopics.watched('fleet-summary'))) return;
      const summary = await this.fleet.fresh();
      this.live.publish('fleet.summary', summary, new Date(summary.at));
    } catch (error) {
      this.logger.warn(`fleet summary not sent: ${String(error)}`);
    }
  }
}
