import { describe, expect, it } from 'vitest';
import { fakeClock } from '../../test/fake-clock.js';
import { TallyCoalescer } from './tally-coalescer.js';

function setup(intervalMs = 100) {
  const clock = fakeClock(1_000);
  const flushes: { at: number; room: string; ids: string[] }[] = [];
  const coalescer = new TallyCoalescer({
    intervalMs,
    now: clock.now,
    timers: clock.timers,
    flush: (room, ids) => flushes.push({ at: clock.now(), room, ids: [...ids] }),
  });
  return { clock, flushes, coalescer };
}

describe('TallyCoalescer', () => {
  it('sends the first change after a quiet period on the next timer turn', () => {
    const { clock, flushes, coalescer } = setup();
    coalescer.markDirty('r', 'a');
    expect(flushes).toEqual([]);
    clock.advance(0);
    expect(flushes).toEqual([{ at: 1_000, room: 'r', ids: ['a'] }]);
  });

  it('flushes a room at most once per interval however many changes arrive', () => {
    const { clock, flushes, coalescer } = setup();
    for (let ms = 0; ms < 1_000; ms++) {
      coalescer.markDirty('r', ms % 2 ? 'a' : 'b');
      clock.advance(1);
    }
    clock.advance(200);
    expect(flushes.length).toBeLessThanOrEqual(11);
    expect(flushes.length).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < flushes.length; i++) expect(flushes[i]!.at - flushes[i - 1]!.at).toBeGreaterThanOrEqual(100);
    expect(flushes.at(-1)!.ids.sort()).toEqual(['a', 'b']);
  });

  it('sends every interaction that changed since the last flush, once', () => {
    const { clock, flushes, coalescer } = setup();
    coalescer.markDirty('r', 'a');
    clock.advance(0);
    coalescer.markDirty('r', 'a');
    coalescer.markDirty('r', 'b');
    coalescer.markDirty('r', 'a');
    clock.advance(99);
    expect(flushes).toHaveLength(1);
    clock.advance(1);
    expect(flushes).toHaveLength(2);
    expect(flushes[1]).toEqual({ at: 1_100, room: 'r', ids: ['a', 'b'] });
  });

  it('paces rooms independently', () => {
    const { clock, flushes, coalescer } = setup();
    coalescer.markDirty('r1', 'a');
    clock.advance(0);
    coalescer.markDirty('r1', 'a');
    coalescer.markDirty('r2', 'x');
    clock.advance(0);
    expect(flushes.map((f) => f.room)).toEqual(['r1', 'r2']);
    clock.advance(100);
    expect(flushes.map((f) => f.room)).toEqual(['r1', 'r2', 'r1']);
  });

  it('flushes at once, with everything pending, for an immediate change', () => {
    const { clock, flushes, coalescer } = setup();
    coalescer.markDirty('r', 'a');
    clock.advance(0);
    coalescer.markDirty('r', 'b');
    coalescer.markDirty('r', 'c', { immediate: true });
    expect(flushes[1]).toEqual({ at: 1_000, room: 'r', ids: ['b', 'c'] });
    expect(clock.pending()).toBe(0);
  });

  it('does nothing after dispose', () => {
    const { clock, flushes, coalescer } = setup();
    coalescer.markDirty('r', 'a');
    coalescer.dispose();
    coalescer.markDirty('r', 'b');
    clock.advance(1_000);
    expect(flushes).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it('keeps going when a flush throws', () => {
    const clock = fakeClock();
    const errors: unknown[] = [];
    let calls = 0;
    const coalescer = new TallyCoalescer({
      intervalMs: 10,
      now: clock.now,
      timers: clock.timers,
      onError: (err) => errors.push(err),
      flush: () => {
        calls++;
        throw new Error('boom');
      },
    });
    coalescer.markDirty('r', 'a');
    clock.advance(0);
    coalescer.markDirty('r', 'a');
    clock.advance(10);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(2);
  });
});
