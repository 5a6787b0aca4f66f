/** How fast one viewer's taps are credited: a token bucket per viewer and room. */
export interface CheerCapRate {
  /** Taps credited per second at most. */
  tapsPerSecond: number;
  /** Taps credited at once at most (a burst after a pause). */
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * The per-viewer cheer cap (docs/milestones.md, "Cheers"): each (room, viewer) has a token bucket of
 * `burst` taps refilled at `tapsPerSecond`; a batch is credited with as many taps as the bucket holds and the
 * rest are dropped. Takes the domain clock at each call (tests inject one). Idle buckets (full again) are
 * forgotten, so memory follows the viewers cheering now, not every viewer ever seen.
 */
export class CheerCap {
  private readonly buckets = new Map<string, Bucket>();
  private sweptAt = -Infinity;

  constructor(private readonly rate: CheerCapRate) {}

  /** Takes up to `taps` from the bucket of `key` at `now`; answers how many were credited (0 … taps). */
  take(key: string, taps: number, now: number): number {
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.rate.burst, updatedAt: now };
    this.refill(bucket, now);
    const credited = Math.max(0, Math.min(taps, Math.floor(bucket.tokens)));
    bucket.tokens -= credited;
    this.buckets.set(key, bucket);
    return credited;
  }

  /** Gives back taps taken by a batch that was not stored (its write failed). */
  refund(key: string, taps: number): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.rate.burst, bucket.tokens + taps);
  }

  /** How many buckets are kept (tests, metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private refill(bucket: Bucket, now: number): void {
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(this.rate.burst, bucket.tokens + (elapsed / 1000) * this.rate.tapsPerSecond);
    bucket.updatedAt = Math.max(bucket.updatedAt, now);
  }

  /** At most once a minute: forgets buckets that have refilled completely (they behave like new ones). */
  private sweep(now: number): void {
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    for (const [key, bucket] of this.buckets) {
      this.refill(bucket, now);
      if (bucket.tokens >= this.rate.burst) this.buckets.delete(key);
    }
  }
}

const SWEEP_EVERY_MS = 60_000;
