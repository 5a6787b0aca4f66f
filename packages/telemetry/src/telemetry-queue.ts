import { readItem, writeItem, type KeyValueStorage } from '@oncue/core';
import type { TelemetryEvent } from '@oncue/protocol';

/**
 * One sink's events not yet delivered, oldest first, at most `limit` (the
 * oldest are dropped beyond it). Kept in `storage` (localStorage by default),
 * so they survive a reload and a new session; every change re-reads the stored
 * list first, so two tabs add to it rather than overwrite each other (an event
 * both tabs send is de-duplicated by its id downstream).
 */
export class TelemetryQueue {
  private memory: TelemetryEvent[] = [];

  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly key: string,
    private readonly limit: number,
  ) {}

  /** The queued events, oldest first. */
  list(): TelemetryEvent[] {
    if (!this.storage) return this.memory;
    const raw = readItem(this.storage, this.key);
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter((e): e is TelemetryEvent => typeof e?.id === 'string' && typeof e?.type === 'string') : [];
    } catch {
      return [];
    }
  }

  add(events: TelemetryEvent[]): void {
    this.save([...this.list(), ...events]);
  }

  /** Removes delivered (or dropped) events by id. */
  remove(ids: ReadonlySet<string>): void {
    const list = this.list();
    const kept = list.filter((e) => !ids.has(e.id));
    if (kept.length !== list.length) this.save(kept);
  }

  /** Forgets every queued event, in storage too. */
  clear(): void {
    this.save([]);
  }

  private save(list: TelemetryEvent[]): void {
    const bounded = list.length > this.limit ? list.slice(-this.limit) : list;
    if (this.storage) writeItem(this.storage, this.key, bounded.length ? JSON.stringify(bounded) : null);
    else this.memory = bounded;
  }
}
