import {
  fail,
  validate,
  IDEMPOTENCY_RETENTION_MS,
  ok,
  type ActReceipt,
  type ActRequest,
  type InteractionSpec,
  type InteractionView,
  type PersonalState,
  type Result,
  type RoomSnapshot,
  type RoomUpdate,
  type ViewerId,
} from '@oncue/protocol';
import type { IdempotencyLimits } from './idempotency-cache.js';
import type { LiveEntry, LiveInteraction, LiveState, LiveStateHooks } from './live-state.js';
import { MemoryLiveState } from './memory-live-state.js';
import { type Audience, type KindRegistry, type ParticipationContext, type StepRequest } from '../kinds/interaction-kind.js';
import { isAcceptingAt, transition, type TransitionTarget } from './interaction-lifecycle.js';
import type { Logger } from '../logger.js';
import { randomId } from '../random-id.js';
import type { InteractionRecord, Store, StoreSnapshot, StoreWrite } from '../store/store.js';
import { TallyCoalescer } from './tally-coalescer.js';
import type { RoomExtension, ValidInteraction, ValidInteractionEffect } from '../milestones/room-extension.js';
import { realTimers, type Timers } from '../timers.js';

/** What {@link RoomServiceOptions.publishPersonal} sends: per viewer with an entry, and once for all the others. */
export interface PersonalSends {
  viewers: ReadonlyMap<ViewerId, PersonalState>;
  /** The state of a viewer with no entry (the same for each of them), if the kind has one. */
  others?: PersonalState;
}

/** One coalesced change of a room, as each audience sees it (same version). */
export interface RoomBroadcast {
  viewers: RoomUpdate;
  hosts: RoomUpdate;
}

export interface RoomServiceOptions {
  store: Store;
  kinds: KindRegistry;
  /** Domain clock (ms since the epoch): timestamps, deadlines, version epoch. */
  now: () => number;
  tallyIntervalMs: number;
  logger: Logger;
  /** Sends a room's coalesced change to its viewers and hosts. */
  publish: (room: string, broadcast: RoomBroadcast) => void;
  /**
   * Sends viewers of a room their own state of an interaction (after a step of a kind with personal
   * state, e.g. a quiz question closed): to each viewer with an entry on its own channel, and the
   * state of a viewer without one to the room's other viewers.
   */
  publishPersonal?: (room: string, interaction: string, sends: PersonalSends) => void;
  /** Timers for deadlines and coalescing (tests inject fake ones). */
  timers?: Timers;
  /** How long an idempotency key's answer is kept (default {@link IDEMPOTENCY_RETENTION_MS}). */
  idempotencyRetentionMs?: number;
  /** How many idempotency answers are kept in memory (default `DEFAULT_IDEMPOTENCY_LIMITS`: 100 per viewer, 200,000 in all). */
  idempotencyLimits?: Partial<IdempotencyLimits>;
  /** Rooms where only integrator-signed viewers take part (as if every interaction there were `signedOnly`). */
  signedOnlyRooms?: readonly string[];
  /** Where the live state is kept (default: this process's memory, {@link MemoryLiveState}). */
  liveState?: (hooks: LiveStateHooks) => LiveState;
  /** What lives beside the kinds: room features (`_cheers`, `_rewards`), valid-interaction effects, room counters (docs/milestones.md). */
  extension?: RoomExtension;
}

/**
 * The rooms and their interactions, whatever the transport: socket events and
 * REST calls both end here. State lives in a {@link LiveState} (by default this
 * process's memory: tallies included, rebuilt from entries on load); every change is written to the {@link Store} and
 * answered only once it is durable; broadcasts go through a
 * {@link TallyCoalescer}.
 *
 * Room versions: a room's first version in a run is
 * `max(last persisted version, now())`, then +1 per broadcast. The persisted
 * value is written (without waiting) after each broadcast and on stop; the
 * clock-based epoch covers a crash before that write landed. Since a room
 * broadcasts at most once per tally interval (plus rare status changes), its
 * versions cannot outrun the clock, so they never go backwards across restarts.
 * Clients see a gap after a restart and resync, which is what they should do.
 */
export class RoomService {
  private readonly store: Store;
  private readonly kinds: KindRegistry;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly publish: RoomServiceOptions['publish'];
  private readonly publishPersonal: RoomServiceOptions['publishPersonal'];
  private readonly state: LiveState;
  private readonly retentionMs: number;
  private readonly signedOnlyRooms: ReadonlySet<string>;
  private readonly timers: Timers;
  private expiryTimer: unknown;
  private readonly coalescer: TallyCoalescer;
  /** Steps being settled (async kinds), by interaction id. */
  private readonly stepping = new Map<string, Promise<void>>();
  private stopping = false;
  private readonly extension: RoomExtension | undefined;

  constructor(options: RoomServiceOptions) {
    this.store = options.store;
    this.kinds = options.kinds;
    this.now = options.now;
    this.logger = options.logger;
    this.publish = options.publish;
    this.publishPersonal = options.publishPersonal;
    this.retentionMs = options.idempotencyRetentionMs ?? IDEMPOTENCY_RETENTION_MS;
    this.signedOnlyRooms = new Set(options.signedOnlyRooms ?? []);
    this.extension = options.extension;
    this.timers = options.timers ?? realTimers;
    this.coalescer = new TallyCoalescer({
      intervalMs: options.tallyIntervalMs,
      flush: (room, ids) => this.broadcast(room, ids),
      timers: options.timers,
      onError: (err) => this.logger.error('broadcast failed', err),
    });
    const hooks: LiveStateHooks = {
      now: this.now,
      timers: this.timers,
      idempotencyLimits: options.idempotencyLimits,
      onDue: (id) => {
        if (id.startsWith(STEP_PREFIX)) return this.stepDue(id.slice(STEP_PREFIX.length));
        const live = this.state.interaction(id);
        if (!live || live.record.status !== 'open') return;
        this.setStatus(live.record.room, id, 'closed').then(
          (result) => {
            if (!result.ok && result.error.code !== 'already_closed') this.logger.warn(`auto-close of ${id} failed: ${result.error.message}`);
          },
          (err: unknown) => this.logger.error(`auto-close of ${id} failed`, err),
        );
      },
    };
    this.state = options.liveState ? options.liveState(hooks) : new MemoryLiveState(hooks);
  }

  /** Rebuilds the state from a store snapshot; closes overdue interactions and arms the other deadlines. */
  async load(snapshot: StoreSnapshot): Promise<void> {
    for (const r of snapshot.rooms) this.state.setVersionFloor(r.room, r.version);
    for (const record of snapshot.interactions) {
      const handler = this.kinds.get(record.kind);
      if (!handler) {
        this.logger.warn(`skipping interaction ${record.id}: kind ${record.kind} is not supported by this server`);
        continue;
      }
      this.state.add(record, handler);
    }
    for (const p of snapshot.participations) {
      if (this.state.interaction(p.interaction)) this.state.setEntry(p.interaction, p.viewer, { value: p.value, at: p.at });
    }
    this.state.loadOnce(snapshot.idempotency, this.now() - this.retentionMs);
    this.scheduleExpiry();

    const overdue: Promise<unknown>[] = [];
    const now = this.now();
    for (const live of [...this.state.all()]) {
      const { record } = live;
      if (record.status !== 'open') continue;
      if (record.closesAt !== undefined && record.closesAt <= now) {
        overdue.push(this.setStatus(record.room, record.id, 'closed'));
        continue;
      }
      const step = live.handler.stepDeadline?.(record);
      if (step !== undefined && step <= now) overdue.push(this.step(record.room, record.id, { mode: 'due', dueBy: now }));
      this.armDeadlines(live);
    }
    await Promise.all(overdue);
    await this.extension?.load?.(snapshot.docs ?? []);
  }

  /** Creates a room with no interactions yet (a host set a goal first); nothing when it exists. */
  openRoom(room: string): void {
    this.state.openRoom(room);
  }

  /** A room's interactions in creation order (empty for an unknown room). */
  interactionsIn(room: string): readonly LiveInteraction[] {
    return this.state.interactionsOf(room) ?? [];
  }

  /** The effects of one valid interaction (room features count theirs through here too; docs/milestones.md). */
  validInteraction(event: ValidInteraction): ValidInteractionEffect | undefined {
    return this.extension?.validInteraction?.(event);
  }

  /** Sends the room's counters and goals with the room's next coalesced update (`immediate`: at once, e.g. a goal reached). */
  markMilestonesDirty(room: string, options?: { immediate?: boolean }): void {
    if (this.state.hasRoom(room)) this.coalescer.markDirty(room, MILESTONES_ID, options);
  }

  /** A room exists once an interaction has been created in it. */
  hasRoom(room: string): boolean {
    return this.state.hasRoom(room);
  }

  /** Full state of a room for one viewer (version 0 while the room does not exist yet). */
  snapshot(roomId: string, viewer: ViewerId | undefined, audience: Audience): RoomSnapshot {
    const interactions: InteractionView[] = [];
    const mine: Record<string, unknown> = {};
    const personal: Record<string, PersonalState> = {};
    for (const live of this.state.interactionsOf(roomId) ?? []) {
      if (audience === 'viewer' && live.record.status === 'draft') continue;
      interactions.push(this.view(live, audience));
      const entry = viewer === undefined ? undefined : live.entries.get(viewer);
      if (entry && live.handler.mine) mine[live.record.id] = live.handler.mine(entry.value);
      const own = viewer === undefined ? undefined : this.personalOf(live, viewer);
      if (own !== undefined) personal[live.record.id] = own;
    }
    const snapshot: RoomSnapshot = { room: roomId, version: this.state.version(roomId), interactions, mine, serverTime: this.now() };
    if (Object.keys(personal).length > 0) snapshot.personal = personal;
    const extra = this.extension?.snapshot?.(roomId, viewer, audience);
    if (extra?.milestones) snapshot.milestones = extra.milestones;
    if (extra?.progress) snapshot.progress = extra.progress;
    return snapshot;
  }

  /** Host view of one interaction. */
  get(roomId: string, id: string): Result<InteractionView> {
    const found = this.find(roomId, id);
    return found.ok ? ok(this.view(found.value, 'host')) : found;
  }

  /** Host views of a room's interactions, in creation order. */
  list(roomId: string): Result<InteractionView[]> {
    const interactions = this.state.interactionsOf(roomId);
    if (!interactions) return fail('unknown_room', `no room ${roomId}`);
    return ok(interactions.map((live) => this.view(live, 'host')));
  }

  /** The REST representation of a view, by its kind. */
  restView(view: InteractionView): Record<string, unknown> {
    return this.kinds.get(view.kind)?.restView(view) ?? { ...view };
  }

  /** What anyone may read of an interaction without a token (its kind's `publicView`), or `unknown_interaction` when its kind has none. */
  publicView(roomId: string, id: string): Result<Record<string, unknown>> {
    const found = this.find(roomId, id);
    if (!found.ok) return found;
    const { handler } = found.value;
    if (!handler.publicView) return fail('unknown_interaction', `interactions of kind ${found.value.record.kind} have no public view`);
    return ok(handler.publicView(this.view(found.value, 'host')));
  }

  /** A file a host can download (its kind's `exports[name]`), or undefined when the kind has no such file. */
  exportFile(roomId: string, id: string, name: string): Result<{ contentType: string; body: string } | undefined> {
    const found = this.find(roomId, id);
    if (!found.ok) return found;
    const file = found.value.handler.exports?.[name];
    return ok(file && { contentType: file.contentType, body: file.render(this.view(found.value, 'host')) });
  }

  /**
   * Creates an interaction (opened unless the spec says `draft`); with a key,
   * at most once per room and key. Answers the host view.
   */
  create(roomId: string, spec: InteractionSpec, key?: string): Promise<Result<InteractionView>> {
    if (key === undefined) return this.createNow(roomId, spec);
    const scope = `host:${roomId}`;
    return this.state.runOnce(scope, key, () => this.createNow(roomId, spec, { scope, key }));
  }

  /** Opens or closes an interaction. Answers the host view. */
  async setStatus(roomId: string, id: string, to: TransitionTarget): Promise<Result<InteractionView>> {
    if (this.stopping) return stoppingError();
    const found = this.find(roomId, id);
    if (!found.ok) return found;
    const live = found.value;
    const now = this.now();
    const moved = transition(live.record, to, now);
    if (!moved.ok) return moved;
    const previous = live.record;
    if (moved.value === previous) return ok(this.view(live, 'host'));
    // The new status holds at once (a closed interaction takes no more entries) while the kind settles (a lottery draws).
    this.state.setRecord(id, moved.value);
    let next: InteractionRecord;
    try {
      next = live.handler.onTransition ? await live.handler.onTransition(moved.value, now, live.entries) : moved.value;
    } catch (err) {
      if (this.recordOf(id) === moved.value) this.state.setRecord(id, previous);
      this.logger.error(`could not ${to === 'open' ? 'open' : 'close'} ${id}`, err);
      return fail('internal', 'could not change the status; retry');
    }
    this.state.setRecord(id, next);
    try {
      await this.store.apply([{ type: 'interaction', record: next }]);
    } catch (err) {
      if (this.recordOf(id) === next) this.state.setRecord(id, previous);
      this.logger.error(`could not store the ${to} of ${id}`, err);
      return fail('internal', 'could not store the change; retry');
    }
    this.armDeadlines(live);
    // Personal state first: a viewer's own result is there when the view that reveals it arrives.
    if (next.status === 'closed') this.sendPersonal(live);
    this.coalescer.markDirty(roomId, id, { immediate: true });
    return ok(this.view(live, 'host'));
  }

  /**
   * Takes one step of an interaction with steps (a quiz question; see
   * {@link StepRequest}); a step past the last closes the interaction. By a
   * host (`next`, `end`; with a key, at most once per room and key), or by
   * the step's deadline (`due` with `dueBy`: only if the current step is due
   * by then). Answers the host view.
   */
  step(roomId: string, id: string, request: StepRequest & { dueBy?: number } = { mode: 'next' }, key?: string): Promise<Result<InteractionView>> {
    if (key === undefined) return this.stepNow(roomId, id, request);
    const scope = `host:${roomId}`;
    return this.state.runOnce(scope, key, () => this.stepNow(roomId, id, request, { scope, key }));
  }

  private async stepNow(
    roomId: string,
    id: string,
    request: StepRequest & { dueBy?: number },
    idempotency?: { scope: string; key: string },
  ): Promise<Result<InteractionView>> {
    if (this.stopping) return stoppingError();
    const found = this.find(roomId, id);
    if (!found.ok) return found;
    const live = found.value;
    const { handler } = live;
    if (!handler.advance) return fail('bad_request', `interactions of kind ${live.record.kind} have no steps`);
    if (request.mode === 'cancel' && !handler.cancellable) return fail('bad_request', `interactions of kind ${live.record.kind} cannot be cancelled`);
    const previous = live.record;
    if (request.dueBy !== undefined) {
      const due = handler.stepDeadline?.(previous);
      if (previous.status !== 'open' || due === undefined || due > request.dueBy) return ok(this.view(live, 'host'));
    }
    const now = this.now();
    const stepping = this.stepping.get(id);
    if (stepping) return stepping.then(() => this.stepNow(roomId, id, request, idempotency));
    let next: InteractionRecord;
    const settled = (async (): Promise<Result<InteractionRecord>> => {
      const stepped = await handler.advance!(previous, now, request, live.entries);
      if (!stepped.ok) return stepped;
      if (!stepped.value.finished) return ok(stepped.value.record);
      const closed = transition(stepped.value.record, 'closed', now);
      if (!closed.ok) return closed;
      return ok(handler.onTransition ? await handler.onTransition(closed.value, now, live.entries) : closed.value);
    })();
    // One step at a time per interaction: a step decided while another settles would start from a stale record.
    this.stepping.set(
      id,
      settled.then(
        () => undefined,
        () => undefined,
      ),
    );
    try {
      const result = await settled;
      if (!result.ok) return result;
      next = result.value;
    } catch (err) {
      this.logger.error(`could not step ${id}`, err);
      return fail('internal', 'could not take the next step; retry');
    } finally {
      this.stepping.delete(id);
    }
    if (next === previous) return ok(this.view(live, 'host'));
    this.state.setRecord(id, next);
    const view = this.view(live, 'host');
    const writes: StoreWrite[] = [{ type: 'interaction', record: next }];
    if (idempotency) writes.push(this.state.recordOnce(idempotency.scope, idempotency.key, view, now));
    try {
      await this.store.apply(writes);
    } catch (err) {
      if (this.recordOf(id) === next) this.state.setRecord(id, previous);
      this.logger.error(`could not store the next step of ${id}`, err);
      return fail('internal', 'could not store the change; retry');
    }
    this.armDeadlines(live);
    this.sendPersonal(live);
    this.coalescer.markDirty(roomId, id, { immediate: true });
    return ok(view);
  }

  /**
   * Any viewer action (`act`: a poll's `vote`, a quiz's `answer`, a lottery's `enter`, `claim`, …), its envelope
   * validated, at most once per viewer and key: the interaction's kind must declare the action (else
   * `bad_request`), its payload must pass the action's schema (else `bad_request` naming the field), and the
   * action is taken only in its phase. Resolves once the new entry (and its idempotency record) is durable,
   * with the receipt.
   */
  act(roomId: string, viewer: ViewerId, request: ActRequest, link: ViewerLink = {}): Promise<Result<ActReceipt>> {
    const scope = `viewer:${viewer}`;
    const feature = this.extension?.features?.get(request.interaction);
    if (feature) {
      return this.state.runOnce(scope, request.key, async () => {
        if (this.stopping) return stoppingError();
        if (!this.state.hasRoom(roomId)) return fail('unknown_room', `no room ${roomId}`);
        const now = this.now();
        return feature.act({ room: roomId, viewer, request, link, now, once: (receipt) => this.state.recordOnce(scope, request.key, receipt, now) });
      });
    }
    return this.state.runOnce(scope, request.key, () => this.actNow(roomId, viewer, request, scope, link));
  }

  /**
   * Stops taking actions, waits for pending writes (their answers still go
   * out), sends the last coalesced changes and persists room versions.
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.state.disarmAll();
    this.extension?.stop?.();
    this.timers.clearTimeout(this.expiryTimer);
    await this.store.flush();
    this.coalescer.flushAll();
    this.coalescer.dispose();
    const writes: StoreWrite[] = [...this.state.rooms()].map((room) => ({ type: 'room', record: { room, version: this.state.version(room) } }));
    if (writes.length > 0) await this.store.apply(writes);
    await this.store.flush();
  }

  private async createNow(roomId: string, spec: InteractionSpec, idempotency?: { scope: string; key: string }): Promise<Result<InteractionView>> {
    if (this.stopping) return stoppingError();
    const handler = this.kinds.get(spec.kind);
    if (!handler) return fail('unsupported_kind', `interaction kind ${spec.kind} is not supported`);
    const { config, durationSeconds, draft } = handler.configure(spec);
    for (const { field, interaction } of handler.references?.(config) ?? []) {
      if (this.state.interaction(interaction)?.record.room !== roomId) return fail('bad_request', `${field}: no interaction ${interaction} in room ${roomId}`);
    }
    const now = this.now();
    let record: InteractionRecord = { id: randomId(), room: roomId, kind: spec.kind, status: 'draft', createdAt: now, config };
    if (durationSeconds !== undefined) record.durationSeconds = durationSeconds;
    if ((spec as { signedOnly?: boolean }).signedOnly) record.signedOnly = true;
    if (!draft) {
      const opened = transition(record, 'open', now);
      if (!opened.ok) return opened;
      record = handler.onTransition ? await handler.onTransition(opened.value, now, new Map()) : opened.value;
    }
    const live = this.state.add(record, handler);
    const view = this.view(live, 'host');
    const writes: StoreWrite[] = [{ type: 'interaction', record }];
    if (idempotency) writes.push(this.state.recordOnce(idempotency.scope, idempotency.key, view, now));
    try {
      await this.store.apply(writes);
    } catch (err) {
      this.state.remove(record.id);
      this.logger.error(`could not store a new ${spec.kind} in room ${roomId}`, err);
      return fail('internal', 'could not store the interaction; retry with the same key');
    }
    this.armDeadlines(live);
    this.coalescer.markDirty(roomId, record.id, { immediate: true });
    return ok(view);
  }

  /**
   * The `act` path, per action: everything up to the store write runs synchronously (a refusal answers a
   * settled promise), and the write's promise is the one continuation. No `async` frame, no spread objects:
   * this runs for every viewer action, and what it allocates is most of what the ingest's GC collects.
   */
  private actNow(roomId: string, viewer: ViewerId, request: ActRequest, scope: string, link: ViewerLink): Promise<Result<ActReceipt>> {
    try {
      return this.actDecided(roomId, viewer, request, scope, link);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private actDecided(roomId: string, viewer: ViewerId, request: ActRequest, scope: string, link: ViewerLink): Promise<Result<ActReceipt>> {
    if (this.stopping) return Promise.resolve(stoppingError());
    const { action } = request;
    const found = this.find(roomId, request.interaction);
    if (!found.ok) return Promise.resolve(found);
    const live = found.value;
    const { handler, record } = live;
    const declared = Object.hasOwn(handler.actions, action) ? handler.actions[action] : undefined;
    if (!declared) return Promise.resolve(fail('bad_request', `action: a ${record.kind} takes ${Object.keys(handler.actions).join(' or ')}, not ${action}`));
    // Absent is `{}`; a refusal names the field under `payload`.
    const payload = validate(declared.payload, request.payload ?? {}, 'payload');
    if (!payload.ok) return Promise.resolve(payload);
    if ((record.signedOnly || this.signedOnlyRooms.has(roomId)) && link.signed !== true) {
      return Promise.resolve(fail('signed_viewer_required', `interaction ${request.interaction} takes part only from viewers signed in by the site`));
    }
    const { phase } = declared;
    const now = this.now();
    if (phase === 'open' && !isAcceptingAt(record, now)) {
      return Promise.resolve(fail('not_open', `interaction ${request.interaction} is ${record.status === 'open' ? 'closing' : record.status}`));
    }
    if (phase === 'closed' && (record.status !== 'closed' || record.state === undefined)) {
      return Promise.resolve(fail('not_open', `${action} is possible once interaction ${request.interaction} is over`));
    }
    const previous = live.entries.get(viewer);
    const linkDelayMs = Math.max(0, link.linkDelayMs ?? 0);
    const lateGraceMs = Math.max(linkDelayMs, link.lateGraceMs ?? 0);
    const qualifiedIn = (other: string): boolean => {
      const target = this.state.interaction(other);
      const entry = target?.record.room === roomId ? target.entries.get(viewer) : undefined;
      if (!target || !entry) return false;
      return target.handler.qualified ? target.handler.qualified(target.record.config, entry.value) : true;
    };
    const context: ParticipationContext = { record, viewer, action, now, linkDelayMs, lateGraceMs, qualifiedIn, entries: live.entries };
    if (link.name !== undefined) context.viewerName = link.name;
    const decided = handler.participate(record.config, previous?.value, payload.value, context);
    if (!decided.ok) return Promise.resolve(decided);

    const id = record.id;
    const entry: LiveEntry = { value: decided.value, at: now };
    this.state.setEntry(id, viewer, entry);
    const receipt: ActReceipt = handler.receipt
      ? { interaction: id, action, at: now, ...handler.receipt(entry.value, { record, action, at: now }) }
      : handler.mine
        ? { interaction: id, action, at: now, mine: handler.mine(entry.value) }
        : { interaction: id, action, at: now };
    // A viewer's first entry in an open interaction is a valid interaction (docs/milestones.md): its effects commit with it.
    const effect =
      previous === undefined && phase === 'open'
        ? this.validInteraction({
            room: roomId,
            viewer,
            interaction: id,
            kind: record.kind,
            at: now,
            ...(link.address === undefined ? {} : { address: link.address }),
            ...(link.name === undefined ? {} : { name: link.name }),
            ...(link.signed === true ? { signed: true } : {}),
          })
        : undefined;
    const writes: StoreWrite[] = [
      { type: 'participation', record: { interaction: id, viewer, value: entry.value, at: now } },
      this.state.recordOnce(scope, request.key, receipt, now),
    ];
    if (effect?.writes) for (const write of effect.writes) writes.push(write);
    return this.store.apply(writes).then(
      (): Result<ActReceipt> => {
        this.coalescer.markDirty(roomId, id);
        effect?.done?.();
        return ok(receipt);
      },
      (err: unknown): Result<ActReceipt> => {
        effect?.undo();
        if (live.entries.get(viewer) === entry) this.state.setEntry(id, viewer, previous);
        this.logger.error(`could not store a ${action} in ${request.interaction}`, err);
        return fail('internal', `could not store the ${action}; retry with the same key`);
      },
    );
  }

  /**
   * Forgets idempotency answers older than the retention window, in memory and
   * in the store, so that memory and the data file do not grow with every
   * action ever made. No client retries that late (see IDEMPOTENCY_RETENTION_MS).
   */
  async expireIdempotencyKeys(): Promise<number> {
    const cutoff = this.now() - this.retentionMs;
    const forgotten = this.state.forgetOnceBefore(cutoff);
    await this.store.apply([{ type: 'forget-idempotency', before: cutoff }]);
    return forgotten;
  }

  /** Runs {@link expireIdempotencyKeys} a few times per retention window (at most hourly). */
  private scheduleExpiry(): void {
    const every = Math.max(1000, Math.min(60 * 60 * 1000, this.retentionMs / 4));
    this.expiryTimer = this.timers.setTimeout(() => {
      if (this.stopping) return;
      this.expireIdempotencyKeys().then(
        () => this.scheduleExpiry(),
        (err: unknown) => {
          this.logger.error('could not expire idempotency keys', err);
          this.scheduleExpiry();
        },
      );
    }, every);
  }

  private find(roomId: string, id: string): Result<LiveInteraction> {
    if (!this.state.hasRoom(roomId)) return fail('unknown_room', `no room ${roomId}`);
    const live = this.state.interaction(id);
    if (!live || live.record.room !== roomId) return fail('unknown_interaction', `no interaction ${id} in room ${roomId}`);
    return ok(live);
  }

  /** The current record of an interaction (it changes while a status change or step settles). */
  private recordOf(id: string): InteractionRecord | undefined {
    return this.state.interaction(id)?.record;
  }

  private view(live: LiveInteraction, audience: Audience): InteractionView {
    return live.handler.view(this.viewContext(live, audience));
  }

  private viewContext(live: LiveInteraction, audience: Audience) {
    return { record: live.record, config: live.record.config, tally: live.tally, participants: live.entries.size, audience, entries: live.entries };
  }

  private personalOf(live: LiveInteraction, viewer: ViewerId): PersonalState | undefined {
    if (!live.handler.personal || live.record.status === 'draft') return undefined;
    return live.handler.personal(this.viewContext(live, 'viewer'), viewer);
  }

  /** Tells the room's viewers their own state of `live` (kinds with personal state only). */
  private sendPersonal(live: LiveInteraction): void {
    if (!live.handler.personal || !this.publishPersonal || live.record.status === 'draft') return;
    try {
      const context = this.viewContext(live, 'viewer');
      const viewers = new Map<ViewerId, PersonalState>();
      for (const viewer of live.entries.keys()) {
        const own = live.handler.personal(context, viewer);
        if (own !== undefined) viewers.set(viewer, own);
      }
      const sends: PersonalSends = { viewers };
      // No viewer id is an entry's key: what the kind shows a viewer who has none.
      const others = live.handler.personal(context, NO_VIEWER);
      if (others !== undefined) sends.others = others;
      this.publishPersonal(live.record.room, live.record.id, sends);
    } catch (err) {
      this.logger.error(`could not send personal state of ${live.record.id}`, err);
    }
  }

  /** Arms (or cancels) the interaction's auto-close and its kind's step deadline. */
  private armDeadlines(live: LiveInteraction): void {
    const { record } = live;
    const open = record.status === 'open';
    this.state.arm(record.id, open ? record.closesAt : undefined);
    this.state.arm(STEP_PREFIX + record.id, open ? live.handler.stepDeadline?.(record) : undefined);
  }

  private stepDue(id: string): void {
    const live = this.state.interaction(id);
    if (!live || live.record.status !== 'open') return;
    this.step(live.record.room, id, { mode: 'due', dueBy: this.now() }).then(
      (result) => {
        if (!result.ok && result.error.code !== 'already_closed') this.logger.warn(`step of ${id} at its deadline failed: ${result.error.message}`);
      },
      (err: unknown) => this.logger.error(`step of ${id} at its deadline failed`, err),
    );
  }

  private broadcast(roomId: string, ids: ReadonlySet<string>): void {
    if (!this.state.hasRoom(roomId)) return;
    const version = this.state.nextVersion(roomId);
    const serverTime = this.now();
    const viewers: InteractionView[] = [];
    const hosts: InteractionView[] = [];
    const viewerUpdate: RoomUpdate = { room: roomId, version, interactions: viewers, serverTime };
    const hostUpdate: RoomUpdate = { room: roomId, version, interactions: hosts, serverTime };
    for (const id of ids) {
      if (id === MILESTONES_ID) {
        const forViewers = this.extension?.milestones?.(roomId, 'viewer');
        const forHosts = this.extension?.milestones?.(roomId, 'host');
        if (forViewers) viewerUpdate.milestones = forViewers;
        if (forHosts) hostUpdate.milestones = forHosts;
        continue;
      }
      const live = this.state.interaction(id);
      if (!live || live.record.room !== roomId) continue;
      hosts.push(this.view(live, 'host'));
      if (live.record.status !== 'draft') viewers.push(this.view(live, 'viewer'));
    }
    this.publish(roomId, { viewers: viewerUpdate, hosts: hostUpdate });
    this.store.apply([{ type: 'room', record: { room: roomId, version } }]).catch((err: unknown) => {
      if (!this.stopping) this.logger.error(`could not store the version of room ${roomId}`, err);
    });
  }
}

/** A viewer id no viewer has (ids never contain a space): asks a kind what a viewer without an entry sees. */
const NO_VIEWER = ' ' as ViewerId;

/** The coalescer's id for a room's counters and goals (interaction ids never start with `~`). */
const MILESTONES_ID = '~milestones';

/** Deadline ids of kind steps, next to the interactions' own (ids never contain `:`). */
const STEP_PREFIX = 'step:';

/** What the transport measured about a viewer's connection. */
export interface ViewerLink {
  /** The link credit: the smallest measured round trip, capped (see `MAX_LINK_DELAY_CREDIT_MS`); 0 or absent when not measured. */
  linkDelayMs?: number;
  /** How long after a deadline this viewer's answers in flight are taken (the largest measured round trip, capped); at least `linkDelayMs`. */
  lateGraceMs?: number;
  /** The display name the viewer connected with (`Handshake.name`). */
  name?: string;
  /** Whether the viewer's token was signed by the integrator (not an anonymous one the server issued). */
  signed?: boolean;
  /** The client's address (as budgets count it): the fake-volume signal groups identities by it. */
  address?: string;
}

function stoppingError<T>(): Result<T> {
  return fail('internal', 'the server is shutting down; retry with the same key');
}
