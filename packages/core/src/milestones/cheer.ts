import { CHEER_BATCH_MS, CHEERS_FEATURE, MAX_CHEER_BATCH, type ActReceipt, type CheerPayload, type Result } from '@oncue/protocol';
import { atom, type ReadableAtom } from 'nanostores';
import type { RoomConnection } from '../room-connection.js';

/** What {@link cheer} needs of a connection. */
export type CheerConnection = Pick<RoomConnection, 'act' | '$room'>;

/**
 * A viewer's cheer taps on one connection, batched (docs/milestones.md): a tap adds to {@link $pending} at once
 * (what a widget shows on top of the room's count), and at most one batch every {@link CHEER_BATCH_MS} goes out
 * with the taps since the last one (`act` on `_cheers`, action `cheer`, at most {@link MAX_CHEER_BATCH} taps: more
 * wait for the next batch). One batch is on its way at a time; it goes through the outbox with an idempotency key,
 * so a batch resent after a lost answer counts once. Taps of a batch the server refuses are dropped (the server
 * drops the excess of a viewer tapping faster than a person can without a word, too).
 */
export class CheerBatcher {
  private readonly $taps = atom(0);
  /** Taps made and not yet acknowledged by the server (waiting for their batch, or in the batch on its way). */
  readonly $pending: ReadableAtom<number> = this.$taps;
  /** Taps not yet in a batch. */
  private waiting = 0;
  private sending = false;
  private lastSent = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly conn: CheerConnection,
    private readonly now: () => number = Date.now,
  ) {
    // A page closing with taps not yet in a batch writes them to the outbox now: what is not sent before the page
    // goes is sent, with the same key, when the viewer comes back (the outbox keeps it for a day).
    if (typeof addEventListener === 'function') addEventListener('pagehide', () => this.sendAllNow());
  }

  /**
   * Puts every waiting tap into batches at once, whether or not a batch is on its way, without waiting for the pace
   * (done on `pagehide`: each batch is in the outbox when this returns, so it is delivered even if the page goes).
   */
  sendAllNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.waiting > 0) {
      const count = Math.min(this.waiting, MAX_CHEER_BATCH);
      this.waiting -= count;
      const payload: CheerPayload = { count };
      void this.conn.act(CHEERS_FEATURE, 'cheer', payload).then(() => this.$taps.set(Math.max(0, this.$taps.get() - count)));
    }
  }

  /** Adds `taps` (a whole number, at least 1) to the next batch. */
  tap(taps = 1): void {
    if (!Number.isInteger(taps) || taps < 1) return;
    this.waiting += taps;
    this.$taps.set(this.$taps.get() + taps);
    this.schedule();
  }

  /** Sends the waiting taps now, unless a batch is on its way; resolves with that batch's answer. */
  flush(): Promise<Result<ActReceipt> | undefined> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sending || this.waiting === 0) return Promise.resolve(undefined);
    const count = Math.min(this.waiting, MAX_CHEER_BATCH);
    this.waiting -= count;
    this.sending = true;
    this.lastSent = this.now();
    const payload: CheerPayload = { count };
    return this.conn.act(CHEERS_FEATURE, 'cheer', payload).then((result) => {
      this.sending = false;
      this.$taps.set(Math.max(0, this.$taps.get() - count));
      this.schedule();
      return result;
    });
  }

  private schedule(): void {
    if (this.timer !== undefined || this.sending || this.waiting === 0) return;
    const wait = Math.max(0, this.lastSent + CHEER_BATCH_MS - this.now());
    this.timer = setTimeout(() => void this.flush(), wait);
  }
}

/** One batcher per room link (handles of one shared connection share its `$room`). */
const batchers = new WeakMap<object, CheerBatcher>();

/**
 * The cheer batcher of a connection (the same one for every handle of a shared connection): `cheer(conn).tap()`
 * on each tap of a heart button, `cheer(conn).$pending` for the taps not yet counted by the server.
 */
export function cheer(conn: CheerConnection): CheerBatcher {
  let batcher = batchers.get(conn.$room);
  if (!batcher) batchers.set(conn.$room, (batcher = new CheerBatcher(conn)));
  return batcher;
}
