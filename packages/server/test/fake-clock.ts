import type { Timers } from '../src/timers.js';

interface Task {
  id: number;
  at: number;
  fn: () => void;
}

/** An injectable clock and timers that move only when told to. */
export interface FakeClock {
  now: () => number;
  timers: Timers;
  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void;
  /** Timers waiting to fire. */
  pending(): number;
}

export function fakeClock(start = 0): FakeClock {
  let now = start;
  let nextId = 1;
  let tasks: Task[] = [];
  return {
    now: () => now,
    timers: {
      setTimeout(fn, ms) {
        const task = { id: nextId++, at: now + Math.max(0, ms), fn };
        tasks.push(task);
        return task.id;
      },
      clearTimeout(handle) {
        tasks = tasks.filter((t) => t.id !== handle);
      },
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = tasks.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        tasks = tasks.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = end;
    },
    pending: () => tasks.length,
  };
}
