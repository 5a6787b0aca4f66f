import type { DocRecord, StoreWrite } from '../../store/store.js';

/** Store collection of coupon cursors (one document per channel and coupon reward with a list of codes). */
export const COUPON_POOL_COLLECTION = 'coupon-pool';

/** A coupon pool's stored cursor: the index in the reward's `codes` of the next code to give. */
export interface CouponPoolDoc {
  channel: string;
  reward: string;
  next: number;
}

/** One code taken from a pool: the cursor write to commit with the reward, and how to put it back if that fails. */
export interface TakenCode {
  code: string;
  write: StoreWrite;
  undo(): void;
}

/**
 * The coupon codes a host uploaded, each given once (docs/milestones.md, "Reward rules"). A cursor per channel and
 * reward walks the list; it is stored in the same commit as the reward that got the code. The codes already given
 * (from the issued rewards) are skipped too, so a list the host replaces never hands out a code twice.
 */
export class CouponPools {
  private readonly cursors = new Map<string, number>();
  private readonly given = new Map<string, Set<string>>();

  /** Rebuilds the cursors from their documents (issued codes come through {@link noteGiven}). */
  load(docs: readonly DocRecord[]): void {
    for (const doc of docs) {
      if (doc.collection !== COUPON_POOL_COLLECTION) continue;
      const pool = doc.value as CouponPoolDoc;
      this.cursors.set(poolKey(pool.channel, pool.reward), pool.next);
    }
  }

  /** Remembers a code as given (an issued reward loaded at start). */
  noteGiven(channel: string, reward: string, code: string): void {
    this.givenOf(channel, reward).add(code);
  }

  /** The next code of `codes` nobody has, or undefined when the list has run out. */
  take(channel: string, reward: string, codes: readonly string[]): TakenCode | undefined {
    const key = poolKey(channel, reward);
    const given = this.givenOf(channel, reward);
    let index = this.cursors.get(key) ?? 0;
    while (index < codes.length && given.has(codes[index]!)) index += 1;
    if (index >= codes.length) return undefined;
    const code = codes[index]!;
    given.add(code);
    this.cursors.set(key, index + 1);
    const value: CouponPoolDoc = { channel, reward, next: index + 1 };
    return {
      code,
      write: { type: 'doc', record: { collection: COUPON_POOL_COLLECTION, id: key, value } },
      undo: () => {
        given.delete(code);
        this.cursors.set(key, Math.min(this.cursors.get(key) ?? 0, index));
      },
    };
  }

  /** A new list for a reward: its cursor starts over (codes already given are still skipped); the write to store. */
  restart(channel: string, reward: string): StoreWrite {
    const key = poolKey(channel, reward);
    this.cursors.set(key, 0);
    const value: CouponPoolDoc = { channel, reward, next: 0 };
    return { type: 'doc', record: { collection: COUPON_POOL_COLLECTION, id: key, value } };
  }

  private givenOf(channel: string, reward: string): Set<string> {
    const key = poolKey(channel, reward);
    let set = this.given.get(key);
    if (!set) this.given.set(key, (set = new Set()));
    return set;
  }
}

function poolKey(channel: string, reward: string): string {
  return `${channel}/${reward}`;
}
