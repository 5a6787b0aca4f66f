import { ok, type Result } from '@oncue/protocol';
import type { IdempotencyRecord, StoreWrite } from './store.js';

/**
 * Exactly-once actions. Each action made with a key runs once per
 * `(scope, key)`: a repeat while it runs shares its outcome (in-flight
 * de-duplication); a repeat after it succeeded answers the stored result and
 * changes nothing. Only successes are kept: a refused action changed nothing,
 * so trying it again is safe.
 *
 * The action itself must persist {@link IdempotencyCache.recordWrite} in the
 * same atomic write as its effect, so that effect and record survive a
 * restart together; {@link IdempotencyCache.load} brings them back.
 */
export class IdempotencyCache {
  /** In completion order, so the oldest come first. */
  private readonly done = new Map<string, { result: unknown; at: number }>();
  private readonly inflight = new Map<string, Promise<Result<unknown>>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Brings back the records made at or after `since` (older ones have expired). */
  load(records: readonly IdempotencyRecord[], since = -Infinity): void {
    for (const r of [...records].sort((a, b) => a.at - b.at)) {
      if (r.at >= since) this.done.set(entryKey(r.scope, r.key), { result: r.result, at: r.at });
    }
  }

  /** Forgets the answers recorded before `cutoff`; returns how many. */
  forgetBefore(cutoff: number): number {
    let forgotten = 0;
    for (const [id, entry] of this.done) {
      if (entry.at >= cutoff) break;
      this.done.delete(id);
      forgotten++;
    }
    return forgotten;
  }

  run<T>(scope: string, key: string, action: () => Promise<Result<T>>): Promise<Result<T>> {
    const id = entryKey(scope, key);
    const done = this.done.get(id);
    if (done) return Promise.resolve(ok(done.result as T));
    const running = this.inflight.get(id);
    if (running) return running as Promise<Result<T>>;
    let started: Promise<Result<T>>;
    try {
      started = action();
    } catch (err) {
      started = Promise.reject(err);
    }
    const promise = started.then(
      (result) => {
        this.inflight.delete(id);
        if (result.ok) this.done.set(id, { result: result.value, at: this.now() });
        return result;
      },
      (err: unknown) => {
        this.inflight.delete(id);
        throw err;
      },
    );
    this.inflight.set(id, promise);
    return promise;
  }

  recordWrite(scope: string, key: string, result: unknown, at: number): StoreWrite {
    return { type: 'idempotency', record: { scope, key, result, at } };
  }

  get size(): number {
    return this.done.size;
  }
}

function entryKey(scope: string, key: string): string {
  return `${scope}\u0000${key}`;
}
