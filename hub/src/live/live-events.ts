import { Global, Injectable, Module } from '@nestjs/common';
import type { LiveEventMap, LiveEventType, LiveFrame } from '@wattsup/contracts';
import { Observable, Subject } from 'rxjs';

/**
 * The hub's in-process stream of live events (`terminal.status`, `reservation.updated`,
 * `import.progress`, `charger.connection`, `vehicle.updated`, `support.updated`). Services
 * publish here without knowing who listens; the `/live` socket (and, across hub instances, Redis
 * pub/sub) subscribe to it.
 */
@Injectable()
export class LiveEvents {
  private readonly frames = new Subject<LiveFrame>();

  /** `at` is when the source event happened, not when it was published. */
  publish<K extends LiveEventType>(type: K, data: LiveEventMap[K], at: Date = new Date()): void {
    this.frames.next({ type, at: at.toISOString(), data } as LiveFrame);
  }

  /** This instance's own events; LiveBridge.frames adds those of the other instances. */
  get stream(): Observable<LiveFrame> {
    return this.frames.asObservable();
  }
}

@Global()
@Module({ providers: [LiveEvents], exports: [LiveEvents] })
export class LiveEventsModule {}
