import { atom, type ReadableAtom } from 'nanostores';
import { readItem, writeItem, type KeyValueStorage } from './key-value-storage.js';
import { pendingActionFrom, type PendingAction } from './pending-action.js';
import { OUTBOX_MAX_AGE_MS } from '@oncue/protocol';

/** Most actions kept; a new action is refused while the outbox holds this many (none is evicted). */
export const OUTBOX_LIMIT = 50;
/** Actions older than this are dropped when read: the server keeps idempotency answers only a little longer. */
export { OUTBOX_MAX_AGE_MS };

/**
 * Actions not yet answered by the server, persisted so that they survive
 * reconnects and page reloads. Every change re-reads the stored list and
 * writes it back (add or remove one key), so two tabs sharing the storage do
 * not erase each other's entries; a key both tabs send is de-duplicated by the
 * server.
 */
export class Outbox {
  private readonly $list = atom<PendingAction[]>([]);
  /** The actions this outbox knows of, oldest first. */
  readonly $pending: ReadableAtom<PendingAction[]> = this.$list;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly storageKey: string,
    private readonly now: () => number = Date.now,
  ) {
    this.$list.set(this.read());
  }

  /**
   * Writes an action (before it is sent). Returns `false`, and writes nothing, when the outbox
   * (this tab's list or the stored one other tabs share) already holds {@link OUTBOX_LIMIT} actions:
   * the caller refuses the new action rather than anything older being dropped unanswered.
   */
  add(action: PendingAction): boolean {
    const stored = this.read().filter((entry) => entry.key !== action.key);
    const mine = this.$list.get().filter((entry) => entry.key !== action.key);
    if (stored.length >= OUTBOX_LIMIT || mine.length >= OUTBOX_LIMIT) return false;
    this.write([...stored, action]);
    this.$list.set(this.bound([...mine, action]));
    return true;
  }

  /** Drops an action once the server answered it. */
  remove(key: string): void {
    const stored = this.read();
    if (stored.some((entry) => entry.key === key)) this.write(stored.filter((entry) => entry.key !== key));
    const list = this.$list.get();
    if (list.some((entry) => entry.key === key)) this.$list.set(list.filter((entry) => entry.key !== key));
  }

  has(key: string): boolean {
    return this.$list.get().some((entry) => entry.key === key);
  }

  private read(): PendingAction[] {
    const raw = readItem(this.storage, this.storageKey);
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? this.bound(parsed.map(pendingActionFrom).filter((entry) => entry !== undefined)) : [];
    } catch {
      return [];
    }
  }

  private write(list: PendingAction[]): void {
    const bounded = this.bound(list);
    writeItem(this.storage, this.storageKey, bounded.length ? JSON.stringify(bounded) : null);
  }

  private bound(list: PendingAction[]): PendingAction[] {
    const oldest = this.now() - OUTBOX_MAX_AGE_MS;
    const fresh = list.filter((entry) => entry.createdAt >= oldest);
    return fresh.length > OUTBOX_LIMIT ? fresh.slice(-OUTBOX_LIMIT) : fresh;
  }
}
