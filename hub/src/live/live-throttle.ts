import type { LiveFrame } from '@wattsup/contracts';

/** Frames about the same thing replace each other within a window; the newest one wins. */
export function coalesceKey(frame: LiveFrame): string {
  switch (frame.type) {
    case 'terminal.status':
      return `t:${frame.data.terminalId}`;
    case 'reservation.updated':
      return `r:${frame.data.reservationId}`;
    case 'import.progress':
      return `i:${frame.data.importId}`;
    case 'charger.connection':
      return `c:${frame.data.chargerId}`;
    case 'vehicle.updated':
      return `v:${frame.data.vehicleId}`;
    case 'support.updated':
      return `s:${frame.data.ticket.id}`;
    case 'fleet.summary':
      return 'fleet';
  }
}

type StationSummary = LiveFrame<'terminal.status'>['data']['station'];

/**
 * Bounds how often a client hears about one thing without delaying the usual case. The first
 * frame about a terminal (or reservation, import…) goes out at the next flush; further frames
 * about it within `windowMs` of the one sent wait for that window to end and go out as one, in
 * their newest state. Frames taken together keep the order in which their states arrived.
 *
 * A waiting terminal frame carries its station's counts from when it arrived; a frame about
 * another terminal of that station may go out before it with newer counts. So each arriving
 * station summary is copied into the frames still waiting for that station: the counts a client
 * sees never go back in time.
 */
export class LiveThrottle {
  /** When each key was last taken; in taking order, so the oldest entries come first. */
  private readonly takenAt = new Map<string, number>();
  private ready = new Map<string, LiveFrame>();
  private readonly waiting = new Map<string, LiveFrame>();
  private readonly waitingByStation = new Map<string, Set<string>>();

  constructor(private readonly windowMs: number) {}

  get readyCount(): number {
    return this.ready.size;
  }

  add(frame: LiveFrame, now: number): void {
    const key = coalesceKey(frame);
    if (frame.type === 'terminal.status')
      this.refreshWaiting(frame.data.stationId, frame.data.station);
    const taken = this.takenAt.get(key);
    if (this.waiting.has(key) || (taken !== undefined && now - taken < this.windowMs)) {
      this.hold(key, frame);
    } else {
      this.ready.delete(key);
      this.ready.set(key, frame);
    }
  }

  /** The frames to send now: the ready ones, then the waiting ones whose window has passed. */
  take(now: number): LiveFrame[] {
    for (const [key, taken] of this.takenAt) {
      if (now - taken < this.windowMs) break;
      this.takenAt.delete(key);
    }
    for (const [key, frame] of this.waiting) {
      if (this.takenAt.has(key)) continue;
      this.release(key, frame);
      this.ready.set(key, frame);
    }
    const frames = [...this.ready.values()];
    for (const key of this.ready.keys()) {
      this.takenAt.delete(key);
      this.takenAt.set(key, now);
    }
    this.ready = new Map();
    return frames;
  }

  /** Milliseconds until the first waiting frame may be taken; undefined when none waits. */
  nextDueIn(now: number): number | undefined {
    let earliest = Infinity;
    for (const key of this.waiting.keys())
      earliest = Math.min(earliest, (this.takenAt.get(key) ?? now) + this.windowMs);
    return earliest === Infinity ? undefined : Math.max(0, earliest - now);
  }

  private hold(key: string, frame: LiveFrame): void {
    this.waiting.set(key, frame);
    if (frame.type !== 'terminal.status') return;
    const keys = this.waitingByStation.get(frame.data.stationId);
    if (keys) keys.add(key);
    else this.waitingByStation.set(frame.data.stationId, new Set([key]));
  }

  private release(key: string, frame: LiveFrame): void {
    this.waiting.delete(key);
    if (frame.type !== 'terminal.status') return;
    const keys = this.waitingByStation.get(frame.data.stationId);
    keys?.delete(key);
    if (keys?.size === 0) this.waitingByStation.delete(frame.data.stationId);
  }

  private refreshWaiting(stationId: string, station: StationSummary): void {
    for (const key of this.waitingByStation.get(stationId) ?? []) {
      const frame = this.waiting.get(key) as LiveFrame<'terminal.status'>;
      this.waiting.set(key, { ...frame, data: { ...frame.data, station } });
    }
  }
}
