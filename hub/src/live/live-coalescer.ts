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

/**
 * Collects frames for one window. A replaced frame moves to the end, so a drained window keeps the
 * order in which the surviving states arrived (a station summary carried by a later frame is
 * never followed by an older one).
 */
export class Coalescer {
  private pending = new Map<string, LiveFrame>();

  get size(): number {
    return this.pending.size;
  }

  add(frame: LiveFrame): void {
    const key = coalesceKey(frame);
    this.pending.delete(key);
    this.pending.set(key, frame);
  }

  drain(): LiveFrame[] {
    const frames = [...this.pending.values()];
    this.pending = new Map();
    return frames;
  }
}
