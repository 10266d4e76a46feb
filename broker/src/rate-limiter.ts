/**
 * Paces each client to `perSecond` messages a second on average, `burst` at once (the generic
 * cell rate algorithm: one "theoretical arrival time" per client). A message over the rate is not
 * refused but delayed, and the broker reads nothing more from that client meanwhile, so a flood
 * slows its sender to the rate, over TCP, and no one else.
 */
export class MessageRateLimiter {
  private readonly arrivals = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly toleranceMs: number;

  constructor(perSecond: number, burst: number) {
    this.intervalMs = 1000 / perSecond;
    this.toleranceMs = (burst - 1) * this.intervalMs;
  }

  /** How long the next message of `clientId`, arriving now, must wait (0: none). */
  delayMs(clientId: string, nowMs: number): number {
    const arrival = Math.max(this.arrivals.get(clientId) ?? nowMs, nowMs);
    this.arrivals.set(clientId, arrival + this.intervalMs);
    return Math.max(0, arrival - this.toleranceMs - nowMs);
  }

  forget(clientId: string): void {
    this.arrivals.delete(clientId);
  }
}
