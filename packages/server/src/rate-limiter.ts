export interface TokenBucketRate {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: the largest burst. */
  burst: number;
}

export interface TokenBucketOptions extends TokenBucketRate {
  now?: () => number;
}

/** Token bucket: allows `burst` actions at once, then `ratePerSecond` on average. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private readonly now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    this.now = options.now ?? (() => performance.now());
    this.tokens = options.burst;
    this.updatedAt = this.now();
  }

  /** Takes one token; `false` when the bucket is empty (the action should be refused). */
  take(): boolean {
    const now = this.now();
    const refill = ((now - this.updatedAt) / 1000) * this.options.ratePerSecond;
    this.tokens = Math.min(this.options.burst, this.tokens + Math.max(0, refill));
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Default vote rate per socket: generous for people, a wall for scripts. */
export const VOTE_RATE: TokenBucketRate = { ratePerSecond: 20, burst: 40 };
