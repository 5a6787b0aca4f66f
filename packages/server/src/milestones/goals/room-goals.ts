import { fail, GoalSpecSchema, MAX_GOAL_SECONDS, ok, validate, type GoalMetric, type GoalView, type Result, type ViewerId } from '@oncue/protocol';
import type { Audience } from '../../kinds/interaction-kind.js';
import type { Logger } from '../../logger.js';
import { randomId } from '../../random-id.js';
import type { RoomService } from '../../rooms/room-service.js';
import type { DocRecord, Store, StoreWrite } from '../../store/store.js';
import { realTimers, type Timers } from '../../timers.js';
import { allEffects, type ValidInteraction, type ValidInteractionEffect } from '../room-extension.js';
import { GOAL_COLLECTION, GOAL_VIEWER_COLLECTION, goalView, type GoalRecord } from './goal-record.js';

/** Active goals a room may have at once. */
export const MAX_ACTIVE_GOALS = 20;
/** Goals a room may have in all (every update carries them). */
export const MAX_GOALS_PER_ROOM = 100;
/** How long after a failed action (the store or the interaction's kind failed) it is tried again, ms. */
const ACTION_RETRY_MS = 5_000;

export interface RoomGoalsOptions {
  store: Store;
  now: () => number;
  logger: Logger;
  timers?: Timers;
  service: () => RoomService;
}

/**
 * The rooms' goals (docs/milestones.md, "Room goals"): what counts (cheer taps, valid interactions, distinct
 * participants), a target, an optional deadline and what reaching it does, **exactly once**:
 * - every increment is applied in memory synchronously, before its write, so of concurrent increments exactly one
 *   crosses the target; that one's store write records `reachedAt` with the increment itself;
 * - the action (launch a draft, reveal a coupon code or a message) runs once that write is durable, and
 *   `actionDoneAt` is written after it; a goal stored reached without it runs its action at the next start
 *   (a launch is idempotent: opening an open interaction changes nothing).
 */
export class RoomGoals {
  private readonly goals = new Map<string, GoalRecord>();
  private readonly byRoom = new Map<string, GoalRecord[]>();
  /** Viewers counted by each participants goal. */
  private readonly participants = new Map<string, Set<ViewerId>>();
  /** Creations by (room, key): in flight, or the goal made. */
  private readonly byKey = new Map<string, Promise<Result<GoalView>> | string>();
  private readonly expiryTimers = new Map<string, unknown>();
  /** Goals whose action is running now (never twice at once). */
  private readonly running = new Set<string>();
  private readonly timers: Timers;
  private stopped = false;

  constructor(private readonly options: RoomGoalsOptions) {
    this.timers = options.timers ?? realTimers;
  }

  /** Whether the room has goals (any status). */
  has(room: string): boolean {
    return (this.byRoom.get(room)?.length ?? 0) > 0;
  }

  /** The rooms with goals. */
  rooms(): Iterable<string> {
    return this.byRoom.keys();
  }

  /** A room's goals as `audience` sees them, oldest first; viewers do not see cancelled ones. */
  views(room: string, audience: Audience): GoalView[] {
    const goals = this.byRoom.get(room) ?? [];
    return goals.filter((goal) => audience === 'host' || goal.status !== 'cancelled').map((goal) => goalView(goal, audience));
  }

  /** Host views of a room's goals (`unknown_room` when the room does not exist). */
  list(room: string): Result<GoalView[]> {
    if (!this.options.service().hasRoom(room)) return fail('unknown_room', `no room ${room}`);
    return ok(this.views(room, 'host'));
  }

  /** One goal as hosts see it. */
  get(room: string, id: string): Result<GoalView> {
    const goal = this.find(room, id);
    return goal.ok ? ok(goalView(goal.value, 'host')) : goal;
  }

  /**
   * Sets a goal from a {@link GoalSpecSchema} body, creating the room if needed; with a key, at most once per
   * room and key (a repeat answers the goal made, as it is now). Answers the host view.
   */
  create(room: string, input: unknown, key?: string): Promise<Result<GoalView>> {
    if (key === undefined) return this.createNow(room, input);
    const id = `${room}\u0000${key}`;
    const known = this.byKey.get(id);
    if (typeof known === 'string') {
      const goal = this.goals.get(known);
      if (goal) return Promise.resolve(ok(goalView(goal, 'host')));
    } else if (known) {
      return known;
    }
    const started = this.createNow(room, input, key);
    this.byKey.set(id, started);
    return started.then(
      (result) => {
        if (result.ok) this.byKey.set(id, result.value.id);
        else this.byKey.delete(id);
        return result;
      },
      (err: unknown) => {
        this.byKey.delete(id);
        throw err;
      },
    );
  }

  /** Cancels an active goal (its action will not run); a cancelled one answers as it is; a reached or expired one `already_closed`. */
  async cancel(room: string, id: string): Promise<Result<GoalView>> {
    const found = this.find(room, id);
    if (!found.ok) return found;
    const goal = found.value;
    if (goal.status === 'cancelled') return ok(goalView(goal, 'host'));
    if (goal.status !== 'active') return fail('already_closed', `goal ${id} is ${goal.status}`);
    const now = this.options.now();
    goal.status = 'cancelled';
    goal.cancelledAt = now;
    this.disarm(goal.id);
    try {
      await this.options.store.apply([goalWrite(goal)]);
    } catch (err) {
      if (goal.status === 'cancelled' && goal.cancelledAt === now) {
        goal.status = 'active';
        delete goal.cancelledAt;
        this.arm(goal);
      }
      this.options.logger.error(`could not store the cancel of goal ${id}`, err);
      return fail('internal', 'could not store the change; retry');
    }
    this.options.service().markMilestonesDirty(room, { immediate: true });
    return ok(goalView(goal, 'host'));
  }

  /** The goals' share of counting `taps` cheer taps in a room (commit its writes with the batch). */
  cheered(room: string, taps: number, at: number): ValidInteractionEffect | undefined {
    return this.increment(room, at, 'cheers', (goal) => goal.progress + taps);
  }

  /** The goals' share of a valid interaction: the interactions goals count it, the participants goals its viewer (once). */
  validInteraction(event: ValidInteraction): ValidInteractionEffect | undefined {
    const interactions = this.increment(event.room, event.at, 'interactions', (goal) => goal.progress + 1);
    const participants = this.increment(event.room, event.at, 'participants', (goal, added) => {
      const seen = this.participantsOf(goal.id);
      if (seen.has(event.viewer)) return undefined;
      seen.add(event.viewer);
      added.push({
        undo: () => seen.delete(event.viewer),
        write: {
          type: 'doc',
          record: { collection: GOAL_VIEWER_COLLECTION, id: `${goal.id}:${event.viewer}`, value: { goal: goal.id, viewer: event.viewer } },
        },
      });
      return seen.size;
    });
    return allEffects([interactions, participants]);
  }

  /** Rebuilds the goals from the stored documents: expires the overdue, arms the deadlines, runs reached goals' pending actions. */
  async load(docs: readonly DocRecord[]): Promise<void> {
    for (const doc of docs) {
      if (doc.collection === GOAL_COLLECTION) this.add(doc.value as GoalRecord);
    }
    for (const doc of docs) {
      if (doc.collection !== GOAL_VIEWER_COLLECTION) continue;
      const { goal, viewer } = doc.value as { goal: string; viewer: ViewerId };
      if (this.goals.has(goal)) this.participantsOf(goal).add(viewer);
    }
    const now = this.options.now();
    const pending: Promise<void>[] = [];
    for (const goal of this.goals.values()) {
      this.options.service().openRoom(goal.room);
      if (goal.status === 'active' && goal.deadline !== undefined && goal.deadline <= now) pending.push(this.expire(goal));
      else if (goal.status === 'active') this.arm(goal);
      else if (goal.status === 'reached' && goal.actionDoneAt === undefined) pending.push(this.runAction(goal));
    }
    await Promise.all(pending);
  }

  /** Disarms every deadline and retry (the server stops); nothing changes after. */
  stop(): void {
    this.stopped = true;
    for (const id of [...this.expiryTimers.keys()]) this.disarm(id);
  }

  private async createNow(room: string, input: unknown, key?: string): Promise<Result<GoalView>> {
    const spec = validate(GoalSpecSchema, input);
    if (!spec.ok) return spec;
    const { title, metric, target, deadline, action } = spec.value;
    const now = this.options.now();
    if (deadline !== undefined && deadline <= now) return fail('bad_request', 'deadline: must be in the future');
    if (deadline !== undefined && deadline > now + MAX_GOAL_SECONDS * 1000)
      return fail('bad_request', `deadline: must be within ${MAX_GOAL_SECONDS / 86_400} days`);
    if (action.type === 'launch') {
      const target = this.options
        .service()
        .interactionsIn(room)
        .find((live) => live.record.id === action.interaction);
      if (target?.record.status !== 'draft') {
        return fail(
          'bad_request',
          `action.interaction: ${target ? `interaction ${action.interaction} is ${target.record.status}, not a draft` : `no interaction ${action.interaction} in room ${room}`}`,
        );
      }
    }
    const existing = this.byRoom.get(room) ?? [];
    if (existing.filter((g) => g.status === 'active').length >= MAX_ACTIVE_GOALS) {
      return fail('bad_request', `a room has at most ${MAX_ACTIVE_GOALS} active goals; cancel one first`);
    }
    if (existing.length >= MAX_GOALS_PER_ROOM) return fail('bad_request', `a room has at most ${MAX_GOALS_PER_ROOM} goals; use a new room for the next stream`);
    const goal: GoalRecord = { id: randomId(), room, metric, target, action, status: 'active', createdAt: now, progress: 0 };
    if (title !== undefined) goal.title = title;
    if (deadline !== undefined) goal.deadline = deadline;
    if (key !== undefined) goal.key = key;
    this.options.service().openRoom(room);
    this.add(goal);
    this.arm(goal);
    try {
      await this.options.store.apply([goalWrite(goal)]);
    } catch (err) {
      this.remove(goal);
      this.options.logger.error(`could not store a goal in room ${room}`, err);
      return fail('internal', 'could not store the goal; retry with the same key');
    }
    this.options.service().markMilestonesDirty(room, { immediate: true });
    return ok(goalView(goal, 'host'));
  }

  /**
   * Moves each active goal of `metric` in the room to `next(goal)` (undefined: unchanged), capped at its
   * target; the one that reaches it is marked reached here, synchronously. Answers the writes (the goals as
   * they are now) to commit with the increment, how to undo it, and what to do once it is durable.
   */
  private increment(
    room: string,
    at: number,
    metric: GoalMetric,
    next: (goal: GoalRecord, added: { undo(): void; write: StoreWrite }[]) => number | undefined,
  ): ValidInteractionEffect | undefined {
    const goals = this.byRoom.get(room);
    if (!goals) return undefined;
    const writes: StoreWrite[] = [];
    const undos: (() => void)[] = [];
    const reached: GoalRecord[] = [];
    for (const goal of goals) {
      if (goal.metric !== metric || goal.status !== 'active' || at < goal.createdAt) continue;
      if (goal.deadline !== undefined && at >= goal.deadline) continue;
      const added: { undo(): void; write: StoreWrite }[] = [];
      const raw = next(goal, added);
      if (raw === undefined) continue;
      const progress = Math.min(goal.target, raw);
      const delta = progress - goal.progress;
      goal.progress = progress;
      const reaches = progress >= goal.target;
      if (reaches) {
        goal.status = 'reached';
        goal.reachedAt = at;
        this.disarm(goal.id);
        reached.push(goal);
      }
      writes.push(...added.map((a) => a.write), goalWrite(goal));
      undos.push(() => {
        for (const a of added) a.undo();
        goal.progress -= delta;
        if (reaches && goal.status === 'reached' && goal.reachedAt === at && goal.actionDoneAt === undefined) {
          goal.status = 'active';
          delete goal.reachedAt;
          this.arm(goal);
        }
      });
    }
    if (writes.length === 0) return undefined;
    return {
      writes,
      undo: () => {
        for (const undo of undos.reverse()) undo();
      },
      done: () => {
        const service = this.options.service();
        if (reached.length === 0) return service.markMilestonesDirty(room);
        // The moment it is reached goes out at once; then the action (a launch sends its own update).
        service.markMilestonesDirty(room, { immediate: true });
        for (const goal of reached) void this.runAction(goal);
      },
    };
  }

  /** Runs a reached goal's action once, then records `actionDoneAt`; a failure of the store or the kind is tried again later. */
  private async runAction(goal: GoalRecord): Promise<void> {
    if (this.stopped || goal.actionDoneAt !== undefined || this.running.has(goal.id)) return;
    this.running.add(goal.id);
    let retry = false;
    try {
      let error: string | undefined;
      if (goal.action.type === 'launch') {
        const opened = await this.options.service().setStatus(goal.room, goal.action.interaction, 'open');
        if (!opened.ok && opened.error.code === 'internal') {
          retry = true;
          this.options.logger.warn(`goal ${goal.id} could not launch ${goal.action.interaction} yet: ${opened.error.message}`);
          return;
        }
        if (!opened.ok) error = `${opened.error.code}: ${opened.error.message}`;
      }
      const done: GoalRecord = { ...goal, actionDoneAt: this.options.now() };
      if (error !== undefined) done.actionError = error;
      await this.options.store.apply([{ type: 'doc', record: { collection: GOAL_COLLECTION, id: goal.id, value: done } }]);
      goal.actionDoneAt = done.actionDoneAt;
      if (error !== undefined) {
        goal.actionError = error;
        this.options.logger.warn(`goal ${goal.id} reached, but its action could not run: ${error}`);
      }
    } catch (err) {
      retry = true;
      this.options.logger.error(`the action of goal ${goal.id} failed`, err);
    } finally {
      this.running.delete(goal.id);
    }
    if (retry) unref(this.timers.setTimeout(() => void this.runAction(goal), ACTION_RETRY_MS));
  }

  /** Marks an active goal whose deadline passed as expired (at its deadline). */
  private async expire(goal: GoalRecord): Promise<void> {
    if (this.stopped || goal.status !== 'active') return;
    goal.status = 'expired';
    goal.expiredAt = goal.deadline ?? this.options.now();
    this.disarm(goal.id);
    try {
      await this.options.store.apply([goalWrite(goal)]);
    } catch (err) {
      // It stays expired here; the next start expires it again from its deadline.
      this.options.logger.error(`could not store the expiry of goal ${goal.id}`, err);
    }
    this.options.service().markMilestonesDirty(goal.room, { immediate: true });
  }

  private arm(goal: GoalRecord): void {
    if (this.stopped || goal.status !== 'active' || goal.deadline === undefined) return;
    this.disarm(goal.id);
    const delay = Math.max(0, goal.deadline - this.options.now());
    const handle = this.timers.setTimeout(() => {
      this.expiryTimers.delete(goal.id);
      const now = this.options.now();
      // A clock behind the timer (an injected one): wait for the deadline by that clock.
      if (goal.deadline !== undefined && now < goal.deadline) return this.arm(goal);
      void this.expire(goal);
    }, delay);
    unref(handle);
    this.expiryTimers.set(goal.id, handle);
  }

  private disarm(id: string): void {
    const handle = this.expiryTimers.get(id);
    if (handle === undefined) return;
    this.timers.clearTimeout(handle);
    this.expiryTimers.delete(id);
  }

  private add(goal: GoalRecord): void {
    this.goals.set(goal.id, goal);
    let list = this.byRoom.get(goal.room);
    if (!list) this.byRoom.set(goal.room, (list = []));
    list.push(goal);
    if (goal.key !== undefined) this.byKey.set(`${goal.room}\u0000${goal.key}`, goal.id);
  }

  private remove(goal: GoalRecord): void {
    this.disarm(goal.id);
    this.goals.delete(goal.id);
    const list = this.byRoom.get(goal.room);
    const at = list?.indexOf(goal) ?? -1;
    if (list && at >= 0) list.splice(at, 1);
    if (list?.length === 0) this.byRoom.delete(goal.room);
    this.participants.delete(goal.id);
  }

  private find(room: string, id: string): Result<GoalRecord> {
    const goal = this.goals.get(id);
    if (!goal || goal.room !== room) return fail('unknown_goal', `no goal ${id} in room ${room}`);
    return ok(goal);
  }

  private participantsOf(goal: string): Set<ViewerId> {
    let seen = this.participants.get(goal);
    if (!seen) this.participants.set(goal, (seen = new Set()));
    return seen;
  }
}

/** The store write of a goal as it is now (a copy: the store may serialise it later). */
function goalWrite(goal: GoalRecord): StoreWrite {
  return { type: 'doc', record: { collection: GOAL_COLLECTION, id: goal.id, value: { ...goal } } };
}

/** Lets the process exit with a timer armed (a real Node timer; injected ones have no `unref`). */
function unref(handle: unknown): void {
  (handle as { unref?: () => void } | undefined)?.unref?.();
}
