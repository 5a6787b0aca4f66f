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
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** How long until a token is there, ms (0 when one is there now): the retry hint of a refusal. */
  retryAfterMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.options.ratePerSecond) * 1000);
  }

  /** Whether the bucket has refilled completely (an idle bucket that can be forgotten). */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.options.burst;
  }

  private refill(): void {
    const now = this.now();
    const refill = ((now - this.updatedAt) / 1000) * this.options.ratePerSecond;
    this.tokens = Math.min(this.options.burst, this.tokens + Math.max(0, refill));
    this.updatedAt = now;
  }
}

/** Default vote rate per socket: generous for people, a wall for scripts. */
export const VOTE_RATE: TokenBucketRate = { ratePerSecond: 20, burst: 40 };
