/** A token bucket's shape: `burst` at once, then `ratePerSecond` on average. */
export interface SendRate {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/**
 * Paces the sends of one connection under a rate (a token bucket that may go
 * into debt): each send reserves a token and learns how long to wait for it,
 * so a flush of many queued actions leaves in paced batches instead of one
 * burst the server would partly refuse.
 */
export class SendPacer {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly rate: SendRate,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = rate.burst;
    this.updatedAt = now();
  }

  /** Reserves one send; returns how many milliseconds to wait before making it (0: now). */
  reserve(): number {
    const now = this.now();
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.rate.ratePerSecond);
    this.updatedAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.rate.ratePerSecond) * 1000);
  }
}
