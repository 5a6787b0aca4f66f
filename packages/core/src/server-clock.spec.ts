import { describe, expect, it } from 'vitest';
import { ServerClock } from './server-clock.js';

describe('ServerClock', () => {
  it('reads local time until it has a sample', () => {
    const clock = new ServerClock(() => 1_000);
    expect(clock.now()).toBe(1_000);
    expect(clock.offsetMs).toBe(0);
  });

  it('keeps the least delayed of recent samples', () => {
    let local = 10_000;
    const clock = new ServerClock(() => local);
    clock.sample(15_000); // offset 5000 minus an unknown delay
    local = 10_100;
    clock.sample(15_020); // arrived 80 ms late
    expect(clock.offsetMs).toBe(5_000);
    expect(clock.now()).toBe(15_100);
  });

  it('adds half the round trip when it is known', () => {
    const clock = new ServerClock(() => 1_000);
    clock.sample(2_000, 40);
    expect(clock.offsetMs).toBe(1_020);
  });

  it('follows a local clock jump once old samples leave the window', () => {
    let local = 0;
    const clock = new ServerClock(() => local);
    clock.sample(1_000);
    local = 3_600_000; // the local clock jumps one hour ahead
    for (let i = 0; i < 16; i++) clock.sample(1_000);
    expect(clock.offsetMs).toBe(1_000 - 3_600_000);
  });
});
