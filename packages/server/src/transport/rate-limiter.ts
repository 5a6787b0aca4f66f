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

  /** Takes `count` tokens (one by default), all or none; `false` when there are not enough (the action should be refused). */
  take(count = 1): boolean {
    this.refill();
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  /** Takes `count` tokens like {@link take}: 0 when taken, else how long until they are there, ms (at least 1): the retry hint of a refusal. */
  takeOrWaitMs(count = 1): number {
    return this.take(count) ? 0 : Math.max(1, this.retryAfterMs(count));
  }

  /** Whole seconds until `count` tokens are there (at least 1): a `Retry-After` for a refused `take(count)`. */
  secondsUntil(count = 1): number {
    return Math.max(1, Math.ceil(this.retryAfterMs(count) / 1000));
  }

  /** How long until `count` tokens (at most a burst) are there, ms (0 when they are there now). */
  retryAfterMs(count = 1): number {
    this.refill();
    const missing = Math.min(count, this.options.burst) - this.tokens;
    return missing <= 0 ? 0 : Math.ceil((missing / this.options.ratePerSecond) * 1000);
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

/** Default rate of viewer actions (`act`) per socket: generous for people, a wall for scripts. */
export const ACTION_RATE: TokenBucketRate = { ratePerSecond: 20, burst: 40 };

/** @deprecated The old name of {@link ACTION_RATE} (it limits every viewer action, not only votes). */
export const VOTE_RATE: TokenBucketRate = ACTION_RATE;
