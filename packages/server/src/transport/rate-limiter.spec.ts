import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limiter.js';

describe('TokenBucket', () => {
  it('allows a burst, then refuses, then refills at its rate', () => {
    let now = 0;
    const bucket = new TokenBucket({ ratePerSecond: 20, burst: 40, now: () => now });
    const burst = Array.from({ length: 50 }, () => bucket.take());
    expect(burst.filter(Boolean)).toHaveLength(40);
    now += 100; // 2 tokens
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
    now += 60_000;
    expect(Array.from({ length: 45 }, () => bucket.take()).filter(Boolean)).toHaveLength(40);
  });
});
