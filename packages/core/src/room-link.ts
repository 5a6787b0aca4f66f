import { atom } from 'nanostores';
import { io, type Socket } from 'socket.io-client';
import { CLIENT_ACTION_RATE, OUTBOX_MAX_AGE_MS } from '@oncue/protocol';
import type {
  ActAnswer,
  ActReceipt,
  ActRequestInput,
  ClientEventName,
  ClientToServerEvents,
  GoalSpecInput,
  GoalView,
  Handshake,
  InteractionSpecInput,
  InteractionView,
  OnCueError,
  PersonalUpdate,
  Result,
  RoomSnapshot,
  RoomUpdate,
  ServerToClientEvents,
  ViewerProgress,
  Welcome,
} from '@oncue/protocol';
import type { ConnectionState } from './connection-state.js';
import { idempotencyKey } from './idempotency-key.js';
import { reportInteraction, variantOf, type InteractionReport } from './interaction-reporter.js';
import type { KeyValueStorage } from './key-value-storage.js';
import { Outbox } from './outbox.js';
import type { PendingAction } from './pending-action.js';
import { retryDelay } from './retry-delay.js';
import { SendPacer } from './send-pacer.js';
import { applySnapshot, applyUpdate, EMPTY_ROOM, withPersonal, withProgress, withReceipt, type RoomState } from './room-state.js';
import { ServerClock } from './server-clock.js';
import type { StepOptions } from './step-options.js';
import { ViewerIdentity } from './viewer-identity.js';

export interface RoomLinkOptions {
  server: string;
  room: string;
  hostToken?: string;
  name?: string | undefined;
  /** A token signed by the integrator's backend: this connection's identity (never stored, see {@link ViewerIdentity}). */
  viewerToken?: string | undefined;
  storage: KeyValueStorage;
  ackTimeoutMs: number;
  reconnectionDelayMs: number;
  reconnectionDelayMaxMs: number;
}

/** Handshake refusals that no retry can fix: `$connection` becomes `failed`. */
const FATAL_HANDSHAKE_CODES: readonly string[] = ['unauthorized', 'bad_request', 'bad_viewer_token'];
/** How long to wait for the snapshot the server pushes on connect before asking for one. */
const SNAPSHOT_GRACE_MS = 2000;
/** Host actions are retried (same key) on the next connection after a lost answer, this many sends in all. */
const HOST_ACTION_SENDS = 3;
/**
 * Answers that say "not now" rather than "no": the action stays in the outbox and is sent again with the
 * same key (the server de-duplicates by key), after the server's `retryAfterMs` hint or a jittered backoff.
 */
const RETRYABLE_CODES: readonly string[] = ['internal', 'rate_limited'];
/** Longest wait a server's retry hint may impose on one retry. */
const MAX_RETRY_HINT_MS = 5 * 60 * 1000;
/** Most `act`s sent in one frame (the server takes up to 50). */
const ACTS_PER_FRAME = 30;
/** Longest backoff between retries of one action (the curve starts at the reconnection delay). */
const MAX_ACTION_BACKOFF_MS = 30_000;

type OnCueSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** The value an event's ack carries. */
type AckValue<E extends ClientEventName> = NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends (result: Result<infer T>) => void ? T : never;
/** The socket seen as a plain emitter, for the one generic `ask()`. */
interface PlainEmitter {
  timeout(ms: number): { emit(event: string, payload: unknown, ack: (err: Error | null, result?: unknown) => void): void };
}

/**
 * One live connection to one room: the socket, the room stores, the outbox.
 * Shared by every handle `connect()` returns for the same (server, room,
 * hostToken, storage), and closed by `close()` when the last handle goes.
 *
 * Delivery: viewer actions (`act`, every kind's) go through the persistent {@link Outbox} and are emitted
 * ONLY while the socket is connected. socket.io-client would otherwise buffer
 * an emit made while disconnected (`sendBuffer`) and flush it on reconnect,
 * which, alongside the outbox resending the same entry, would send it twice.
 * An `act` goes without a socket.io ack callback (the `act`s of one turn
 * after the first in one frame): the server answers the actions of one
 * socket settled in the same turn together, in one `acked` event, and each
 * is settled here by its key (a timeout per action still counts as a lost
 * answer).
 * With one mechanism (the outbox) every retry is explicit: after a lost
 * answer (ack timeout, or the disconnect that fails every pending answer) the
 * entry stays and is re-sent with the same key once connected again; the
 * server de-duplicates by (viewer, key), so a vote whose answer was lost
 * still counts once. An answer that says "not now" (`internal`, `rate_limited`)
 * or an ack timeout keeps the entry too: it is re-sent after the server's
 * `retryAfterMs` or a jittered backoff, for as long as the outbox keeps it
 * (`OUTBOX_MAX_AGE_MS`). Sends are paced ({@link CLIENT_ACTION_RATE}) so a
 * reconnect flush stays under the server's burst. A full outbox refuses a new
 * action at once (`outbox_full`); nothing is evicted unanswered.
 */
export class RoomLink {
  readonly $connection = atom<ConnectionState>('connecting');
  readonly $room = atom<RoomState>(EMPTY_ROOM);
  readonly $viewer = atom<string | undefined>(undefined);
  /** Why the connection failed for good (a refused handshake); undefined otherwise. */
  readonly $failure = atom<OnCueError | undefined>(undefined);
  readonly outbox: Outbox;
  readonly clock = new ServerClock();

  private readonly socket: OnCueSocket;
  private readonly identity: ViewerIdentity;
  /** Callers of outbox actions waiting for the server's answer, by key. */
  private readonly waiters = new Map<string, Array<(result: Result<ActReceipt>) => void>>();
  /** Sends of `act` waiting for their answer in an `acked` event, by key (resolved with `undefined`: no answer). */
  private readonly answering = new Map<string, (result: Result<ActReceipt> | undefined) => void>();
  /** The `act`s of this turn after its first, sent together at its end ({@link sendInFrame}); undefined before the first. */
  private frame: ActRequestInput[] | undefined;
  /** Keys emitted on the current connection and not answered yet, with the send's number. */
  private readonly inFlight = new Map<string, number>();
  /** Keys waiting for their paced send or for a retry's delay (they are not sent again meanwhile). */
  private readonly waiting = new Set<string>();
  /** Retries made so far, by key (the backoff's attempt number). */
  private readonly retries = new Map<string, number>();
  private readonly pacer = new SendPacer(CLIENT_ACTION_RATE);
  /** Work waiting for the next connection (or for the end: they check `closed`/`failure`). */
  private readonly onNextConnect = new Set<() => void>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly unsubscribes: Array<() => void> = [];
  private sends = 0;
  private wasOpen = false;
  /** A snapshot was applied on the current connection. */
  private snapshotThisConnection = false;
  private syncing: Promise<void> | undefined;
  /** Highest update version seen (to resync again if a snapshot came back older). */
  private highestSeen = 0;
  private retryAttempt = 0;
  private tokenDropped = false;
  private failure: OnCueError | undefined;
  private closed = false;

  constructor(private readonly options: RoomLinkOptions) {
    this.identity = new ViewerIdentity(options.storage, options.server);
    // A signed viewer's actions wait in an outbox of their own: a page without the token (another viewer) must not send them.
    const signedViewer = options.viewerToken ? `:${options.viewerToken.split('.')[1] ?? ''}` : '';
    this.outbox = new Outbox(options.storage, `oncue:outbox:${options.server}:${options.room}${signedViewer}`);
    this.socket = io(options.server, {
      // WebSocket only: no long-polling upgrade dance (one fewer round trip and
      // no sticky sessions needed behind a load balancer). Proxies that block
      // WebSocket are not supported.
      transports: ['websocket'],
      // We share connections ourselves (per room); socket.io's per-URL manager
      // cache would otherwise try to multiplex two rooms on one namespace.
      forceNew: true,
      reconnectionDelay: options.reconnectionDelayMs,
      reconnectionDelayMax: options.reconnectionDelayMaxMs,
      randomizationFactor: 0.5,
      // A function: read again on every (re)connection, so a token stored by
      // the last `welcome` (or forgotten after a refusal) is what is sent.
      auth: (send) => send(this.handshake()),
    }) as OnCueSocket;

    this.listen('connect', () => this.onConnect());
    this.listen('disconnect', (reason: Socket.DisconnectReason) => this.onDisconnect(reason));
    this.listen('connect_error', (err: Error & { data?: { code?: unknown; message?: unknown } }) => this.onConnectError(err));
    this.listen('welcome', (welcome: Welcome) => this.onWelcome(welcome));
    this.listen('snapshot', (snapshot: RoomSnapshot) => this.onSnapshot(snapshot));
    this.listen('update', (update: RoomUpdate) => this.onUpdate(update));
    this.listen('personal', (update: PersonalUpdate) => this.onPersonal(update));
    this.listen('progress', (progress: ViewerProgress) => this.onProgress(progress));
    this.listen('acked', (answers: ActAnswer[]) => this.onAcked(answers));
    // Round-trip probe: answering at once lets the server credit this viewer's link delay (quiz timing).
    this.listen('clock', (_probe: unknown, ack?: () => void) => ack?.());
  }

  get server(): string {
    return this.options.server;
  }

  get room(): string {
    return this.options.room;
  }

  get role(): 'viewer' | 'host' {
    return this.options.hostToken ? 'host' : 'viewer';
  }

  get storage(): KeyValueStorage {
    return this.options.storage;
  }

  /* ------------------------------------------------------------- actions */

  /** Any viewer action of any kind, through the outbox (see the class comment); `payload` is copied as JSON. */
  act(interaction: string, action: string, payload: unknown = {}): Promise<Result<ActReceipt>> {
    let copy: unknown;
    try {
      copy = payload === undefined ? {} : JSON.parse(JSON.stringify(payload));
    } catch {
      return Promise.resolve({ ok: false, error: { code: 'bad_request', message: 'payload: not JSON' } });
    }
    return this.enqueue({ key: idempotencyKey(), interaction, action, payload: copy, createdAt: Date.now() });
  }

  createInteraction(spec: InteractionSpecInput): Promise<Result<InteractionView>> {
    return this.hostAction('host:create', { spec, key: idempotencyKey() });
  }

  openInteraction(id: string): Promise<Result<InteractionView>> {
    return this.hostAction('host:open', { interaction: id });
  }

  closeInteraction(id: string): Promise<Result<InteractionView>> {
    return this.hostAction('host:close', { interaction: id });
  }

  nextStep(id: string, options: StepOptions = {}): Promise<Result<InteractionView>> {
    return this.hostAction('host:next', { interaction: id, ...options, key: idempotencyKey() });
  }

  /** Sets a room goal (`host:goal`, with an idempotency key: a resend after a lost answer sets one goal). */
  createGoal(goal: GoalSpecInput): Promise<Result<GoalView>> {
    return this.hostAction('host:goal', { goal, key: idempotencyKey() });
  }

  /** Cancels an active goal (`host:goal-cancel`): its action will not fire. */
  cancelGoal(goal: string): Promise<Result<GoalView>> {
    return this.hostAction('host:goal-cancel', { goal });
  }

  /** Asks for a snapshot now (one request at a time); resolves once it is applied or lost. */
  resync(): Promise<void> {
    if (!this.socket.connected) return Promise.resolve();
    return (this.syncing ??= this.requestSnapshot().finally(() => (this.syncing = undefined)));
  }

  /** Closes the socket and releases every listener and timer. Pending actions stay in the outbox. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.socket.disconnect();
    for (const answer of [...this.answering.values()]) answer(undefined);
    // Callers still waiting get an answer; their actions stay in the outbox for the next connection to the room.
    for (const waiting of this.waiters.values()) for (const resolve of waiting) resolve(released());
    this.waiters.clear();
    this.drainNextConnect();
  }

  /* -------------------------------------------------------------- events */

  private onConnect(): void {
    this.retryAttempt = 0;
    this.$connection.set('open');
    this.snapshotThisConnection = false;
    if (this.wasOpen) {
      this.report({ type: 'connection', state: 'restored' });
      // After a reconnect always ask explicitly, even if the server recovered
      // the session (connection-state recovery) and pushes nothing.
      void this.resync();
    } else {
      // The server pushes a snapshot on connect; ask only if it does not come.
      this.later(() => {
        if (!this.snapshotThisConnection) void this.resync();
      }, SNAPSHOT_GRACE_MS);
    }
    this.wasOpen = true;
    // After the sync request, so that the snapshot answer cannot overwrite
    // `mine` with a state older than these actions' receipts.
    for (const action of this.outbox.$pending.get()) this.send(action);
    this.drainNextConnect();
  }

  private onDisconnect(reason: Socket.DisconnectReason): void {
    // Answers to sends of the lost connection will not come: the next connection re-sends them (same keys).
    for (const answer of [...this.answering.values()]) answer(undefined);
    if (this.closed || this.failure) return;
    this.$connection.set(this.wasOpen ? 'reconnecting' : 'connecting');
    if (this.wasOpen) this.report({ type: 'connection', state: 'reconnecting' });
    // socket.io-client reconnects by itself after a transport loss, not after
    // the server ended the session.
    if (reason === 'io server disconnect') this.retryLater();
  }

  private onConnectError(err: Error & { data?: { code?: unknown; message?: unknown } }): void {
    if (this.closed || this.failure) return;
    const code = typeof err.data?.code === 'string' ? err.data.code : undefined;
    const refusedViewer = code === 'bad_viewer_token' || (code === 'unauthorized' && this.role === 'viewer');
    if (refusedViewer && !this.options.viewerToken && this.identity.token && !this.tokenDropped) {
      // A stored token (the server issued it) the server no longer accepts (its secret
      // changed): become a new viewer rather than being locked out for good.
      this.tokenDropped = true;
      this.identity.forget();
      this.retryLater(0);
      return;
    }
    if (code && FATAL_HANDSHAKE_CODES.includes(code)) {
      const message = typeof err.data?.message === 'string' ? err.data.message : err.message;
      this.fail({ code: code as OnCueError['code'], message });
      return;
    }
    // A transport error: socket.io-client's manager retries with backoff.
    // A refusal by the server's middleware for a passing reason: we retry.
    // Either way, a page that never got through says so instead of "connecting" forever.
    if (!this.wasOpen) this.$connection.set('unreachable');
    if (!this.socket.active) this.retryLater();
  }

  private onWelcome(welcome: Welcome): void {
    this.clock.sample(welcome.serverTime);
    // Only an anonymous connection keeps what the server issued; a signed token is never stored.
    if (welcome.viewerToken && !this.options.viewerToken) this.identity.save(welcome.viewerToken);
    this.$viewer.set(welcome.viewer);
  }

  private onSnapshot(snapshot: RoomSnapshot): void {
    if (snapshot.room !== this.options.room) return;
    this.clock.sample(snapshot.serverTime);
    this.acceptSnapshot(snapshot);
  }

  private onUpdate(update: RoomUpdate): void {
    if (update.room !== this.options.room) return;
    this.clock.sample(update.serverTime);
    this.highestSeen = Math.max(this.highestSeen, update.version);
    const outcome = applyUpdate(this.$room.get(), update);
    if (outcome.kind === 'applied') this.$room.set(outcome.state);
    else if (outcome.kind === 'gap') void this.resync();
  }

  private onPersonal(update: PersonalUpdate): void {
    if (!this.$room.get().synced) return; // the snapshot to come carries it
    this.clock.sample(update.serverTime);
    this.$room.set(withPersonal(this.$room.get(), update.interaction, update.personal));
  }

  private onProgress(progress: ViewerProgress): void {
    if (!this.$room.get().synced) return; // the snapshot to come carries it
    this.$room.set(withProgress(this.$room.get(), progress));
  }

  /* ------------------------------------------------------------ internals */

  /** Writes an action to the outbox (before it is emitted: a crash or reload in between still delivers it) and sends it. */
  private enqueue(action: PendingAction): Promise<Result<ActReceipt>> {
    if (this.failure) return Promise.resolve({ ok: false, error: this.failure });
    if (this.closed) return Promise.resolve(released());
    if (!this.outbox.add(action)) {
      const error: OnCueError = { code: 'outbox_full', message: 'too many actions are waiting for the server; try again once they are answered' };
      this.report({ type: 'rejected', interaction: action.interaction, code: error.code });
      return Promise.resolve({ ok: false, error });
    }
    this.report({ type: 'submit', interaction: action.interaction });
    const answer = new Promise<Result<ActReceipt>>((resolve) => {
      this.waiters.set(action.key, [...(this.waiters.get(action.key) ?? []), resolve]);
    });
    this.send(action);
    return answer;
  }

  private handshake(): Handshake {
    const handshake: Handshake = { room: this.options.room };
    const viewerToken = this.options.viewerToken ?? this.identity.token;
    if (viewerToken) handshake.viewerToken = viewerToken;
    if (this.options.hostToken) handshake.hostToken = this.options.hostToken;
    if (this.options.name) handshake.name = this.options.name;
    return handshake;
  }

  private acceptSnapshot(snapshot: RoomSnapshot): void {
    this.snapshotThisConnection = true;
    this.$room.set(applySnapshot(snapshot));
    // An update newer than this snapshot was seen meanwhile: catch up.
    if (this.highestSeen > snapshot.version) {
      this.highestSeen = 0;
      void Promise.resolve().then(() => this.resync());
    }
  }

  private async requestSnapshot(): Promise<void> {
    const sentAt = Date.now();
    const result = await this.ask('sync', { since: this.$room.get().version });
    if (result?.ok && !this.closed) {
      this.clock.sample(result.value.serverTime, Date.now() - sentAt);
      this.acceptSnapshot(result.value);
    }
  }

  /** Sends one outbox entry at the pacer's pace, unless disconnected (it waits for the next connection), waiting or in flight. */
  private send(action: PendingAction): void {
    if (!this.socket.connected || this.inFlight.has(action.key) || this.waiting.has(action.key)) return;
    const delayMs = this.pacer.reserve();
    if (delayMs === 0) this.emit(action);
    else this.wait(action, delayMs, () => this.emit(action));
  }

  /** Emits one outbox entry now, unless disconnected, already answered or in flight. */
  private emit(action: PendingAction): void {
    if (this.closed || !this.socket.connected || this.inFlight.has(action.key) || !this.outbox.has(action.key)) return;
    const sendId = ++this.sends;
    this.inFlight.set(action.key, sendId);
    const { interaction, action: name, payload, key } = action;
    void this.askBatched({ interaction, action: name, payload, key }).then((result) => {
      if (this.inFlight.get(action.key) === sendId) this.inFlight.delete(action.key);
      if (this.closed || !this.outbox.has(action.key)) return;
      if (result && !(isRetryable(result) && Date.now() - action.createdAt < OUTBOX_MAX_AGE_MS)) return this.settle(action, result);
      // No answer, or "not now". Disconnected: the next connection re-sends it.
      // Still connected: send again (same key) after the server's hint or a backoff.
      if (!result && !this.socket.connected) return;
      this.wait(action, this.retryDelayOf(action, result), () => this.send(action));
    });
  }

  /**
   * Emits an `act` without an ack callback and resolves with its answer from the server's batched `acked`
   * event (settled by key), or `undefined` when none came: the ack timeout, or the disconnect.
   */
  private askBatched(request: ActRequestInput & { key: string }): Promise<Result<ActReceipt> | undefined> {
    return new Promise((resolve) => {
      const { key } = request;
      // A key still waiting from an earlier send is answered "no answer" first (its caller re-sends it if need be).
      this.answering.get(key)?.(undefined);
      const timer = setTimeout(() => answer(undefined), this.options.ackTimeoutMs);
      const answer = (result: Result<ActReceipt> | undefined): void => {
        if (this.answering.get(key) !== answer) return;
        this.answering.delete(key);
        clearTimeout(timer);
        resolve(result);
      };
      this.answering.set(key, answer);
      this.sendInFrame(request);
    });
  }

  /**
   * Emits an `act`: the first of a turn at once (a lone action leaves without waiting), the others of the same
   * turn together at its end, in one frame as an array (the server answers each as if sent alone). Those are
   * dropped when the socket went down meanwhile: their answers are lost with the connection, and the outbox
   * sends them again on the next one.
   */
  private sendInFrame(request: ActRequestInput): void {
    if (this.frame) return void this.frame.push(request);
    this.socket.emit('act', request);
    const frame: ActRequestInput[] = (this.frame = []);
    queueMicrotask(() => {
      this.frame = undefined;
      if (this.closed || !this.socket.connected) return;
      for (let at = 0; at < frame.length; at += ACTS_PER_FRAME) {
        const chunk = frame.slice(at, at + ACTS_PER_FRAME);
        if (chunk.length === 1) this.socket.emit('act', chunk[0]!);
        else this.socket.emit('act', chunk);
      }
    });
  }

  /** The server's batched answers: each settles the send waiting for its key (answers to no waiting key are late repeats). */
  private onAcked(answers: unknown): void {
    if (!Array.isArray(answers)) return;
    for (const item of answers as ActAnswer[]) {
      const key = typeof item?.key === 'string' ? item.key : undefined;
      const answer = key === undefined ? undefined : this.answering.get(key);
      if (!answer) continue;
      answer(isResult(item.result) ? item.result : { ok: false, error: { code: 'internal', message: 'malformed answer' } });
    }
  }

  /** Holds an entry back for `delayMs` (no other send of it meanwhile), then runs `then`. */
  private wait(action: PendingAction, delayMs: number, then: () => void): void {
    this.waiting.add(action.key);
    this.later(() => {
      this.waiting.delete(action.key);
      then();
    }, delayMs);
  }

  /** The server's `retryAfterMs` when it gave one, else the next step of the jittered backoff. */
  private retryDelayOf(action: PendingAction, result: Result<ActReceipt> | undefined): number {
    const attempt = this.retries.get(action.key) ?? 0;
    this.retries.set(action.key, attempt + 1);
    const hint = result && !result.ok ? result.error.retryAfterMs : undefined;
    if (typeof hint === 'number' && Number.isFinite(hint) && hint > 0) return Math.min(hint, MAX_RETRY_HINT_MS);
    return retryDelay(attempt, this.options.reconnectionDelayMs, Math.max(this.options.reconnectionDelayMaxMs, MAX_ACTION_BACKOFF_MS));
  }

  /** A definitive answer (a receipt or any typed error): the entry leaves the outbox. */
  private settle(action: PendingAction, result: Result<ActReceipt>): void {
    this.outbox.remove(action.key);
    this.retries.delete(action.key);
    this.report(
      result.ok ? { type: 'accepted', interaction: action.interaction } : { type: 'rejected', interaction: action.interaction, code: result.error.code },
    );
    // The same for every kind: the receipt carries what changed of this viewer's own state.
    if (result.ok) this.$room.set(withReceipt(this.$room.get(), result.value));
    const waiting = this.waiters.get(action.key) ?? [];
    this.waiters.delete(action.key);
    for (const resolve of waiting) resolve(result);
  }

  /**
   * Sends a host action when connected; after a lost answer sends it again
   * (same payload, so `host:create` keeps its key) on the next connection, up
   * to {@link HOST_ACTION_SENDS} sends. A retried open/close whose first send
   * did land is answered with the server's error for an illegal transition.
   */
  private hostAction<E extends 'host:create' | 'host:open' | 'host:close' | 'host:next' | 'host:goal' | 'host:goal-cancel'>(
    event: E,
    request: object,
  ): Promise<Result<AckValue<E>>> {
    return new Promise((resolve) => {
      let sent = 0;
      const attempt = (): void => {
        if (this.failure) return resolve({ ok: false, error: this.failure });
        if (this.closed) return resolve(released());
        if (!this.socket.connected) return void this.onNextConnect.add(attempt);
        sent++;
        void this.ask(event, request).then((result) => {
          // `internal` is retried only for keyed actions (create, next), which the server carries out once.
          const retry = !result || (isRetryable(result) && 'key' in request);
          if (result && (!retry || sent >= HOST_ACTION_SENDS)) resolve(result);
          else if (sent >= HOST_ACTION_SENDS) resolve({ ok: false, error: { code: 'internal', message: `no answer to ${event}` } });
          else if (result) this.later(attempt, retryDelay(sent - 1, this.options.reconnectionDelayMs, this.options.reconnectionDelayMaxMs));
          else attempt();
        });
      };
      attempt();
    });
  }

  /**
   * Emits with an ack timeout; resolves with the server's `Result`, or
   * `undefined` when no answer came (timeout, or the socket disconnected).
   */
  private ask<E extends ClientEventName>(event: E, request: object): Promise<Result<AckValue<E>> | undefined> {
    return new Promise((resolve) => {
      (this.socket as unknown as PlainEmitter).timeout(this.options.ackTimeoutMs).emit(event, request, (err, result) => {
        if (err) resolve(undefined);
        else resolve(isResult(result) ? (result as Result<AckValue<E>>) : { ok: false, error: { code: 'internal', message: 'malformed answer' } });
      });
    });
  }

  private fail(error: OnCueError): void {
    if (error.code === 'bad_viewer_token') {
      console.warn(
        `OnCue: ${this.options.server} refused the viewer token passed to this page (bad_viewer_token: ${error.message}). Check the secret your backend signs viewer tokens with.`,
      );
    }
    this.failure = error;
    this.$failure.set(error);
    this.report({ type: 'connection', state: 'failed', code: error.code });
    this.$connection.set('failed');
    this.socket.disconnect();
    // Nothing can be delivered with this identity: every waiting action gets the refusal.
    for (const [key, waiting] of this.waiters) {
      this.outbox.remove(key);
      for (const resolve of waiting) resolve({ ok: false, error });
    }
    this.waiters.clear();
    this.drainNextConnect();
  }

  private retryLater(delayMs = retryDelay(this.retryAttempt++, this.options.reconnectionDelayMs, this.options.reconnectionDelayMaxMs)): void {
    this.later(() => {
      if (!this.closed && !this.failure && !this.socket.connected) this.socket.connect();
    }, delayMs);
  }

  private later(run: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, delayMs);
    this.timers.add(timer);
  }

  private drainNextConnect(): void {
    const waiting = [...this.onNextConnect];
    this.onNextConnect.clear();
    for (const run of waiting) run();
  }

  /** Telemetry of a viewer connection (hosts report nothing): room, viewer, the interaction's kind and A/B variant added. */
  private report(report: Omit<InteractionReport, 'room'>): void {
    if (this.role !== 'viewer') return;
    const viewer = this.$viewer.get();
    const view = report.interaction ? this.$room.get().interactions.find((i) => i.id === report.interaction) : undefined;
    reportInteraction({ ...report, room: this.options.room, viewer, kind: view?.kind, variant: variantOf(view, viewer) });
  }

  private listen(event: string, handler: (...args: never[]) => void): void {
    const socket = this.socket as unknown as { on(e: string, h: unknown): void; off(e: string, h: unknown): void };
    socket.on(event, handler);
    this.unsubscribes.push(() => socket.off(event, handler));
  }
}

/** The answer to a caller whose connection was released first (an outbox action stays in the outbox). */
function released<T>(): Result<T> {
  return { ok: false, error: { code: 'internal', message: 'connection released before the server answered' } };
}

/** An error answer that may succeed later with the same key. */
function isRetryable(result: Result<unknown>): boolean {
  return !result.ok && RETRYABLE_CODES.includes(result.error.code);
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}
