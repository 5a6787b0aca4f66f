import type { Result, ViewerId } from '@oncue/protocol';
import type { AnyKindHandler } from '../kinds/interaction-kind.js';
import type { IdempotencyRecord, InteractionRecord, StoreWrite } from '../store/store.js';
import { DeadlineScheduler } from './deadline-scheduler.js';
import { IdempotencyCache } from './idempotency-cache.js';
import type { LiveEntry, LiveInteraction, LiveState, LiveStateHooks } from './live-state.js';

/** The mutable record behind a {@link LiveInteraction} (only this class writes it). */
interface Held {
  record: InteractionRecord;
  handler: AnyKindHandler;
  entries: Map<ViewerId, LiveEntry>;
  tally: unknown;
}

interface HeldRoom {
  version: number;
  /** In creation order. */
  interactions: Map<string, Held>;
}

/**
 * The default {@link LiveState}: this process's memory. One process owns its rooms; a restart
 * rebuilds them from the store. Deadlines are timers ({@link DeadlineScheduler}), exactly-once
 * records an {@link IdempotencyCache}.
 */
export class MemoryLiveState implements LiveState {
  private readonly byRoom = new Map<string, HeldRoom>();
  private readonly byId = new Map<string, Held>();
  private readonly versionFloors = new Map<string, number>();
  private readonly once: IdempotencyCache;
  private readonly deadlines: DeadlineScheduler;

  constructor(private readonly hooks: LiveStateHooks) {
    this.once = new IdempotencyCache(hooks.now, hooks.idempotencyLimits);
    this.deadlines = new DeadlineScheduler({ now: hooks.now, timers: hooks.timers, onDue: hooks.onDue });
  }

  interaction(id: string): LiveInteraction | undefined {
    return this.byId.get(id);
  }

  hasRoom(room: string): boolean {
    return this.byRoom.has(room);
  }

  interactionsOf(room: string): readonly LiveInteraction[] | undefined {
    const held = this.byRoom.get(room);
    return held && [...held.interactions.values()];
  }

  all(): Iterable<LiveInteraction> {
    return this.byId.values();
  }

  rooms(): Iterable<string> {
    return this.byRoom.keys();
  }

  openRoom(id: string): void {
    this.heldRoom(id);
  }

  private heldRoom(id: string): HeldRoom {
    let room = this.byRoom.get(id);
    if (!room) {
      // A room's first version in a run starts above the persisted one and the clock (see RoomService).
      room = { version: Math.max(this.versionFloors.get(id) ?? 0, Math.floor(this.hooks.now())), interactions: new Map() };
      this.byRoom.set(id, room);
    }
    return room;
  }

  add(record: InteractionRecord, handler: AnyKindHandler): LiveInteraction {
    const room = this.heldRoom(record.room);
    const held: Held = { record, handler, entries: new Map(), tally: handler.emptyTally(record.config) };
    room.interactions.set(record.id, held);
    this.byId.set(record.id, held);
    return held;
  }

  remove(id: string): void {
    const held = this.byId.get(id);
    if (!held) return;
    this.byId.delete(id);
    const room = this.byRoom.get(held.record.room);
    room?.interactions.delete(id);
    if (room && room.interactions.size === 0) {
      this.versionFloors.set(held.record.room, room.version);
      this.byRoom.delete(held.record.room);
    }
  }

  setRecord(id: string, record: InteractionRecord): void {
    const held = this.byId.get(id);
    if (held) held.record = record;
  }

  setEntry(id: string, viewer: ViewerId, entry: LiveEntry | undefined): void {
    const held = this.byId.get(id);
    if (!held) return;
    const previous = held.entries.get(viewer);
    held.handler.count(held.tally, previous?.value, entry?.value);
    if (entry) held.entries.set(viewer, entry);
    else held.entries.delete(viewer);
  }

  version(room: string): number {
    return this.byRoom.get(room)?.version ?? 0;
  }

  nextVersion(room: string): number {
    const held = this.byRoom.get(room);
    if (!held) return 0;
    return ++held.version;
  }

  setVersionFloor(room: string, version: number): void {
    this.versionFloors.set(room, version);
  }

  runOnce<T>(scope: string, key: string, action: () => Promise<Result<T>>): Promise<Result<T>> {
    return this.once.run(scope, key, action);
  }

  recordOnce(scope: string, key: string, value: unknown, at: number): StoreWrite {
    return this.once.recordWrite(scope, key, value, at);
  }

  loadOnce(records: readonly IdempotencyRecord[], since: number): void {
    this.once.load(records, since);
  }

  forgetOnceBefore(cutoff: number): number {
    return this.once.forgetBefore(cutoff);
  }

  arm(deadline: string, at: number | undefined): void {
    if (at === undefined) this.deadlines.cancel(deadline);
    else this.deadlines.schedule(deadline, at);
  }

  disarmAll(): void {
    this.deadlines.clear();
  }
}
