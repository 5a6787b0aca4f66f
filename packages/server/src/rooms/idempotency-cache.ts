import { ok, type Result } from '@oncue/protocol';
import type { IdempotencyRecord, StoreWrite } from '../store/store.js';

/** How many answers an {@link IdempotencyCache} keeps in memory. */
export interface IdempotencyLimits {
  /**
   * Latest answers kept per scope (a viewer, or a room's host): a client
   * retries only what is still in its outbox (at most 50 actions), so twice
   * that is never in the way of a real retry.
   */
  perScope: number;
  /** Answers kept in all, oldest forgotten first: a ceiling for a crowd of viewers. */
  total: number;
}

/** Defaults: 100 answers per viewer, 200,000 in all (about 40 MB at most; a vote's answer takes about 200 bytes). */
export const DEFAULT_IDEMPOTENCY_LIMITS: IdempotencyLimits = { perScope: 100, total: 200_000 };

/** A kept answer: as JSON (one string is smaller than the object it stands for), when it was made, and its scope's list. */
interface Kept {
  json: string;
  at: number;
  scope: ScopeList;
}

/** One scope's entries, oldest first; shared by those entries (one copy of the scope's name for all of them). */
interface ScopeList {
  scope: string;
  ids: string[];
}

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
 *
 * Memory is bounded in time and in size: answers expire after the retention
 * window ({@link IdempotencyCache.forgetBefore}), and at most
 * {@link IdempotencyLimits} are kept (the oldest of a scope, or of all, go
 * first). A repeat of a forgotten key runs as a new action.
 */
export class IdempotencyCache {
  /** In completion order, so the oldest come first. */
  private readonly done = new Map<string, Kept>();
  /** Each scope's entries in `done`, oldest first. */
  private readonly byScope = new Map<string, ScopeList>();
  private readonly inflight = new Map<string, Promise<Result<unknown>>>();
  private readonly limits: IdempotencyLimits;
  /** The record {@link recordWrite} made last (while an action runs): its JSON is kept with the answer, not made again. */
  private recorded: { scope: string; key: string; result: unknown; json: string | undefined } | undefined;

  constructor(
    private readonly now: () => number = Date.now,
    limits: Partial<IdempotencyLimits> = {},
  ) {
    this.limits = { ...DEFAULT_IDEMPOTENCY_LIMITS, ...limits };
  }

  /** Brings back the records made at or after `since` (older ones have expired), within the limits. */
  load(records: readonly IdempotencyRecord[], since = -Infinity): void {
    for (const r of [...records].sort((a, b) => a.at - b.at)) {
      if (r.at >= since) this.keep(r.scope, r.key, r.result, r.at);
    }
  }

  /** Forgets the answers recorded before `cutoff`; returns how many. */
  forgetBefore(cutoff: number): number {
    let forgotten = 0;
    for (const [id, entry] of this.done) {
      if (entry.at >= cutoff) break;
      this.forget(id, entry);
      forgotten++;
    }
    return forgotten;
  }

  run<T>(scope: string, key: string, action: () => Promise<Result<T>>): Promise<Result<T>> {
    const id = entryKey(scope, key);
    const done = this.done.get(id);
    if (done) return Promise.resolve(ok(JSON.parse(done.json) as T));
    const running = this.inflight.get(id);
    if (running) return running as Promise<Result<T>>;
    let started: Promise<Result<T>>;
    this.recorded = undefined;
    try {
      started = action();
    } catch (err) {
      started = Promise.reject(err);
    }
    // What the action recorded for this key while it ran synchronously (the act path does): the JSON the store
    // writes is the one kept below, if the action answers that same result.
    const recorded = this.takeRecorded(scope, key);
    const promise = started.then(
      (result) => {
        this.inflight.delete(id);
        if (result.ok) this.keepAs(id, scope, result.value, this.now(), recorded?.result === result.value ? recorded.json : undefined);
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
    const json = JSON.stringify(result) as string | undefined;
    this.recorded = { scope, key, result, json };
    return { type: 'idempotency', record: json === undefined ? { scope, key, result, at } : { scope, key, result, at, json } };
  }

  /** The record made for `(scope, key)` since {@link run} cleared it, if any; clears it. */
  private takeRecorded(scope: string, key: string): IdempotencyCache['recorded'] {
    const recorded = this.recorded;
    this.recorded = undefined;
    return recorded?.scope === scope && recorded.key === key ? recorded : undefined;
  }

  get size(): number {
    return this.done.size;
  }

  private keep(scope: string, key: string, result: unknown, at: number): void {
    this.keepAs(entryKey(scope, key), scope, result, at);
  }

  /** `id`: the entry's key as {@link entryKey} made it (a flat string of its own); `json`: `result` as JSON, if made already. */
  private keepAs(id: string, scope: string, result: unknown, at: number, json?: string): void {
    const previous = this.done.get(id);
    if (previous) this.forget(id, previous);
    let list = this.byScope.get(scope);
    if (!list) this.byScope.set(scope, (list = { scope: flat(scope), ids: [] }));
    this.done.set(id, { json: json ?? JSON.stringify(result) ?? 'null', at, scope: list });
    const { ids } = list;
    ids.push(id);
    if (ids.length > this.limits.perScope) this.forget(ids[0]!, this.done.get(ids[0]!)!);
    if (this.done.size > this.limits.total) {
      const [oldest, entry] = this.done.entries().next().value!;
      this.forget(oldest, entry);
    }
  }

  private forget(id: string, entry: Kept): void {
    this.done.delete(id);
    const { ids, scope } = entry.scope;
    const at = ids[0] === id ? 0 : ids.indexOf(id);
    if (at >= 0) ids.splice(at, 1);
    if (ids.length === 0 && this.byScope.get(scope) === entry.scope) this.byScope.delete(scope);
  }
}

/**
 * The id of `(scope, key)`: a flat string of its own (joining an array makes a new sequential string, unlike
 * `+`, which makes a rope over its parts), so a kept id keeps alive neither the message its key was cut from nor
 * the parts it was joined from. Made once per action and kept as it is.
 */
function entryKey(scope: string, key: string): string {
  return [scope, key].join('\u0000');
}

/** A copy of `s` in one flat string of its own (not a slice of, or a rope over, other strings). */
function flat(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}
