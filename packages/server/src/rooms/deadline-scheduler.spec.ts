import { describe, expect, it } from 'vitest';
import { DeadlineScheduler } from './deadline-scheduler.js';
import { fakeClock } from '../../test/fake-clock.js';

describe('DeadlineScheduler', () => {
  it('calls back when the deadline is reached, not before', () => {
    const clock = fakeClock(10_000);
    const due: string[] = [];
    const scheduler = new DeadlineScheduler({ now: clock.now, timers: clock.timers, onDue: (id) => due.push(id) });
    scheduler.schedule('a', 15_000);
    scheduler.schedule('b', 12_000);
    clock.advance(1_999);
    expect(due).toEqual([]);
    clock.advance(1);
    expect(due).toEqual(['b']);
    clock.advance(3_000);
    expect(due).toEqual(['b', 'a']);
    expect(scheduler.has('a')).toBe(false);
  });

  it('fires at once for a deadline already passed', () => {
    const clock = fakeClock(10_000);
    const due: string[] = [];
    new DeadlineScheduler({ now: clock.now, timers: clock.timers, onDue: (id) => due.push(id) }).schedule('late', 5_000);
    clock.advance(0);
    expect(due).toEqual(['late']);
  });

  it('re-arms when its timer fires before the clock reaches the deadline', () => {
    let now = 0;
    const clock = fakeClock(0);
    const due: string[] = [];
    // The domain clock lags the timers: the first firing is too early.
    const scheduler = new DeadlineScheduler({ now: () => now, timers: clock.timers, onDue: (id) => due.push(id) });
    scheduler.schedule('a', 1_000);
    clock.advance(1_000);
    expect(due).toEqual([]);
    expect(scheduler.has('a')).toBe(true);
    now = 1_000;
    clock.advance(1_000);
    expect(due).toEqual(['a']);
  });

  it('cancels and replaces deadlines', () => {
    const clock = fakeClock(0);
    const due: string[] = [];
    const scheduler = new DeadlineScheduler({ now: clock.now, timers: clock.timers, onDue: (id) => due.push(id) });
    scheduler.schedule('a', 100);
    scheduler.schedule('a', 300);
    scheduler.schedule('b', 200);
    scheduler.cancel('b');
    clock.advance(250);
    expect(due).toEqual([]);
    clock.advance(50);
    expect(due).toEqual(['a']);
    scheduler.schedule('c', 400);
    scheduler.clear();
    clock.advance(1_000);
    expect(due).toEqual(['a']);
  });
});
