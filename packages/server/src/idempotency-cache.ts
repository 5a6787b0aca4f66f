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
  private readonly done = new Map<string, unknown>();
  private readonly inflight = new Map<string, Promise<Result<unknown>>>();

  load(records: readonly IdempotencyRecord[]): void {
    for (const r of records) this.done.set(entryKey(r.scope, r.key), r.result);
  }

  run<T>(scope: string, key: string, action: () => Promise<Result<T>>): Promise<Result<T>> {
    const id = entryKey(scope, key);
    if (this.done.has(id)) return Promise.resolve(ok(this.done.get(id) as T));
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
        if (result.ok) this.done.set(id, result.value);
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
