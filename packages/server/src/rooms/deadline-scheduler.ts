import { MAX_TIMER_DELAY_MS, realTimers, type Timers } from '../timers.js';

export interface DeadlineSchedulerOptions {
  /** The domain clock deadlines are expressed in (ms since the epoch). */
  now: () => number;
  /** Called once a deadline has passed (by that clock). */
  onDue: (id: string) => void;
  timers?: Timers;
}

/**
 * One timer per deadline (auto-closing interactions). When a timer fires
 * before the clock has reached the deadline — a delay longer than
 * `setTimeout` allows, or an injected clock — it is armed again for the rest.
 */
export class DeadlineScheduler {
  private readonly timers: Timers;
  private readonly pending = new Map<string, unknown>();

  constructor(private readonly options: DeadlineSchedulerOptions) {
    this.timers = options.timers ?? realTimers;
  }

  /** Arms (or re-arms) `id` for `at`. */
  schedule(id: string, at: number): void {
    this.cancel(id);
    const delay = Math.min(MAX_TIMER_DELAY_MS, Math.max(0, at - this.options.now()));
    this.pending.set(
      id,
      this.timers.setTimeout(() => {
        this.pending.delete(id);
        if (this.options.now() < at) this.schedule(id, at);
        else this.options.onDue(id);
      }, delay),
    );
  }

  cancel(id: string): void {
    const handle = this.pending.get(id);
    if (handle === undefined) return;
    this.timers.clearTimeout(handle);
    this.pending.delete(id);
  }

  has(id: string): boolean {
    return this.pending.has(id);
  }

  clear(): void {
    for (const handle of this.pending.values()) this.timers.clearTimeout(handle);
    this.pending.clear();
  }
}
