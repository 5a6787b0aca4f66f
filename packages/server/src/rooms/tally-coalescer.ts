import { realTimers, type Timers } from '../timers.js';

export interface TallyCoalescerOptions {
  /** Shortest time between two flushes of one room (status changes may jump it). */
  intervalMs: number;
  /** Sends one room's update; `interactions` are the ids that changed since its last flush. */
  flush: (room: string, interactions: ReadonlySet<string>) => void;
  /** Monotonic clock in ms (default `performance.now`). Pacing is about traffic, not about the domain clock. */
  now?: () => number;
  timers?: Timers;
  onError?: (err: unknown) => void;
}

interface RoomState {
  dirty: Set<string>;
  timer: unknown;
  lastFlushAt: number;
}

/**
 * Turns many changes into few broadcasts: changes mark an interaction dirty,
 * and each room is flushed at most once per `intervalMs` with every
 * interaction that changed in between — never one broadcast per vote.
 *
 * The first change after a quiet period goes out on the next timer turn
 * (leading edge, so a lone vote shows at once); changes arriving while the
 * room is inside its interval wait for the end of it. `immediate` (status
 * changes: open, close) flushes the room now, with everything pending.
 */
export class TallyCoalescer {
  private readonly rooms = new Map<string, RoomState>();
  private readonly intervalMs: number;
  private readonly flushRoomTo: TallyCoalescerOptions['flush'];
  private readonly now: () => number;
  private readonly timers: Timers;
  private readonly onError: (err: unknown) => void;
  private disposed = false;

  constructor(options: TallyCoalescerOptions) {
    this.intervalMs = Math.max(0, options.intervalMs);
    this.flushRoomTo = options.flush;
    this.now = options.now ?? (() => performance.now());
    this.timers = options.timers ?? realTimers;
    this.onError = options.onError ?? (() => {});
  }

  markDirty(room: string, interaction: string, options?: { immediate?: boolean }): void {
    if (this.disposed) return;
    let state = this.rooms.get(room);
    if (!state) {
      state = { dirty: new Set(), timer: undefined, lastFlushAt: -Infinity };
      this.rooms.set(room, state);
    }
    state.dirty.add(interaction);
    if (options?.immediate) {
      this.flush(room);
    } else if (state.timer === undefined) {
      const delay = Math.max(0, state.lastFlushAt + this.intervalMs - this.now());
      state.timer = this.timers.setTimeout(() => {
        state.timer = undefined;
        this.flush(room);
      }, delay);
    }
  }

  /** Whether `room` has changes waiting. */
  isPending(room: string): boolean {
    return (this.rooms.get(room)?.dirty.size ?? 0) > 0;
  }

  /** Flushes one room now, if it has changes. */
  flush(room: string): void {
    const state = this.rooms.get(room);
    if (!state) return;
    if (state.timer !== undefined) {
      this.timers.clearTimeout(state.timer);
      state.timer = undefined;
    }
    if (state.dirty.size === 0) return;
    const dirty = state.dirty;
    state.dirty = new Set();
    state.lastFlushAt = this.now();
    try {
      this.flushRoomTo(room, dirty);
    } catch (err) {
      this.onError(err);
    }
  }

  /** Flushes every room with pending changes. */
  flushAll(): void {
    for (const room of [...this.rooms.keys()]) this.flush(room);
  }

  /** Cancels every timer and drops pending changes; later marks are ignored. */
  dispose(): void {
    this.disposed = true;
    for (const state of this.rooms.values()) if (state.timer !== undefined) this.timers.clearTimeout(state.timer);
    this.rooms.clear();
  }
}
