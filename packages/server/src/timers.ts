/** Timer functions, injectable so that time-driven parts can be tested without real waiting. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Longest delay `setTimeout` honours (about 24.8 days); longer ones are re-armed. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
