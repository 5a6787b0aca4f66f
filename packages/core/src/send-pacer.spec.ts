import { describe, expect, it } from 'vitest';
import { SendPacer } from './send-pacer.js';

describe('SendPacer', () => {
  it('lets a burst go at once, then spaces the rest at the rate', () => {
    let now = 0;
    const pacer = new SendPacer({ ratePerSecond: 10, burst: 3 }, () => now);
    expect([pacer.reserve(), pacer.reserve(), pacer.reserve()]).toEqual([0, 0, 0]);
    expect([pacer.reserve(), pacer.reserve(), pacer.reserve()]).toEqual([100, 200, 300]);
    now = 1_000;
    // A second later the debt of 3 is paid and 7 tokens came back, capped at the burst.
    expect([pacer.reserve(), pacer.reserve(), pacer.reserve(), pacer.reserve()]).toEqual([0, 0, 0, 100]);
  });

  it('never lets more than the burst plus the rate through in any second', () => {
    let now = 0;
    const pacer = new SendPacer({ ratePerSecond: 15, burst: 30 }, () => now);
    const sendTimes = Array.from({ length: 200 }, () => now + pacer.reserve());
    for (let start = 0; start < 15_000; start += 50) {
      expect(sendTimes.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(30 + 15);
    }
  });
});
