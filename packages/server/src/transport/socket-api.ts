import type { Server, Socket } from 'socket.io';
import {
  ActRequestSchema,
  fail,
  HandshakeSchema,
  HostStepRequestSchema,
  HostTransitionRequestSchema,
  parse,
  SyncRequestSchema,
  type ClientEventName,
  type ActReceipt,
  type ErrorCode,
  type Result,
  type RoomSnapshot,
  type ServerToClientEvents,
  type ViewerId,
} from '@oncue/protocol';
import { ActAnswers, endOfTurn, keyOf, type FlushScheduler } from './act-answers.js';
import { emitUnrecorded } from './emit-unrecorded.js';
import { AddressBook } from './address-book.js';
import { clientAddress, type TrustProxy } from './client-address.js';
import {
  budgetOf,
  DEFAULT_ANONYMOUS_VIEWER_LIMIT,
  DEFAULT_EVENT_BUDGETS,
  DEFAULT_FLOOD_LIMIT,
  DEFAULT_MAX_SOCKETS_PER_ADDRESS,
  DEFAULT_MAX_UNREAD_BYTES,
  type AnonymousViewerLimit,
  type BudgetRates,
  type EventBudget,
} from './event-budgets.js';
import { tokensEqual } from '../identity/host-token.js';
import type { KindRegistry } from '../kinds/interaction-kind.js';
import type { Logger } from '../logger.js';
import { parseCreateRequest } from '../rooms/parse-interaction-spec.js';
import { TokenBucket, type TokenBucketRate } from './rate-limiter.js';
import type { PersonalSends, RoomBroadcast } from '../rooms/room-service.js';
import type { RoomApi } from '../cluster/room-api.js';
import { realTimers, type Timers } from '../timers.js';
import { probeLink } from './link-probe.js';
import { UnreadBytes, type EngineConnection } from './unread-bytes.js';
import { isAnonymousToken, type ViewerIdentity } from '../identity/viewer-identity.js';

/** Client events as the server receives them: untrusted until parsed. */
export type UntrustedClientEvents = { [E in ClientEventName]: (...args: unknown[]) => void };

/** What the handshake established about a connection (kept across connection-state recovery). */
export interface SocketData {
  room: string;
  viewer: ViewerId;
  viewerToken: string;
  role: 'viewer' | 'host';
  /** The display name of the handshake, if any. */
  name?: string;
  /** The client's address, as budgets count it (see `clientAddress`). */
  address: string;
  /** Whether the viewer token was signed by the integrator (not an anonymous one the server issued). */
  signed: boolean;
}

export type OnCueIo = Server<UntrustedClientEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type OnCueSocket = Socket<UntrustedClientEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * The socket side's limits (docs/server.md, "Limits"): options of the server
 * ({@link OnCueServerOptions}) passed through to the socket API as they are.
 */
export interface SocketLimitOptions {
  /**
   * Rate limits of the other budgets per socket, and of every budget per
   * client address (defaults {@link DEFAULT_EVENT_BUDGETS}); `false` switches
   * them all off (benchmarks). `actionRate` stays the per-socket action rate.
   */
  eventBudgets?: false | { perSocket?: Partial<BudgetRates>; perAddress?: Partial<BudgetRates> };
  /**
   * Incoming events per socket past which it is dropped as a flooder (default
   * {@link DEFAULT_FLOOD_LIMIT}, or none when `eventBudgets` is `false`); `false` for none.
   */
  floodLimit?: TokenBucketRate | false;
  /** Open connections per client address (default {@link DEFAULT_MAX_SOCKETS_PER_ADDRESS}); `false` for no cap. */
  maxSocketsPerAddress?: number | false;
  /** What the server buffers for a socket whose client does not read before it disconnects it, bytes (default {@link DEFAULT_MAX_UNREAD_BYTES}). */
  maxUnreadBytes?: number;
  /** Whether to take the client address from `X-Forwarded-For` (see {@link TrustProxy}); default `false`. */
  trustProxy?: TrustProxy;
  /** New anonymous viewers per client address (default {@link DEFAULT_ANONYMOUS_VIEWER_LIMIT}); `false` for no cap. */
  anonymousViewers?: AnonymousViewerLimit | false;
}

export interface SocketApiOptions extends SocketLimitOptions {
  /** The rooms: in this process, or on the process that owns each (`RoomApi`); with the room features' host events. */
  rooms: RoomApi;
  kinds: KindRegistry;
  identity: ViewerIdentity;
  hostToken: string;
  now: () => number;
  logger: Logger;
  /** Per-connection rate of viewer actions (`act`, every kind's actions together); `false` for none. */
  actionRate: false | TokenBucketRate;
  /** How often each connection's round trip is measured again, ms (default 15 s). */
  clockProbeIntervalMs?: number;
  /** Show only names signed into viewer tokens; names a handshake claims are ignored. */
  signedNamesOnly?: boolean;
  timers?: Timers;
  /** When a socket's batched `act` answers are sent (default {@link endOfTurn}: once the turn's promise chains have run). */
  flushAnswers?: FlushScheduler;
}

/** socket.io room of a room's viewers. */
export const viewersChannel = (room: string): string => `viewers:${room}`;
/** socket.io room of a room's hosts (they always see tallies). */
export const hostsChannel = (room: string): string => `hosts:${room}`;

/** Sends a coalesced change to both audiences of a room. */
export function publishBroadcast(io: OnCueIo, room: string, broadcast: RoomBroadcast): void {
  io.to(viewersChannel(room)).emit('update', broadcast.viewers);
  io.to(hostsChannel(room)).emit('update', broadcast.hosts);
}

/** One viewer's own channel in a room: every socket of that viewer joins it, on whichever node holds it. */
export const viewerChannel = (room: string, viewer: ViewerId): string => `viewer:${room}:${viewer}`;

/**
 * Sends viewers of a room their own state of an interaction: each viewer in `sends.viewers` on its own
 * channel, and `sends.others` (the state of a viewer with no entry, the same for all of them) once to the
 * room's other viewers. Rooms, not this node's socket list: a socket.io adapter that spans nodes delivers it.
 */
export function publishPersonal(io: OnCueIo, room: string, interaction: string, sends: PersonalSends, now: () => number): void {
  const serverTime = now();
  for (const [viewer, personal] of sends.viewers) io.to(viewerChannel(room, viewer)).emit('personal', { interaction, personal, serverTime });
  if (sends.others === undefined) return;
  const skip = [...sends.viewers.keys()].map((viewer) => viewerChannel(room, viewer));
  io.to(viewersChannel(room)).except(skip).emit('personal', { interaction, personal: sends.others, serverTime });
}

/**
 * The socket.io side of the protocol: handshake (identity, role), the
 * initial `welcome` + `snapshot`, and one handler per client event. Every
 * handler validates its payload, answers a `Result` through the ack when
 * there is one, and never throws.
 */
export function attachSocketApi(io: OnCueIo, options: SocketApiOptions): void {
  const { rooms, kinds, identity, hostToken, now, logger, actionRate } = options;
  const timers = options.timers ?? realTimers;
  const flushAnswers = options.flushAnswers ?? endOfTurn;
  const probeEvery = options.clockProbeIntervalMs ?? 15_000;
  const trustProxy = options.trustProxy ?? false;
  const maxUnreadBytes = options.maxUnreadBytes ?? DEFAULT_MAX_UNREAD_BYTES;
  const budgets = options.eventBudgets;
  const floodLimit = options.floodLimit ?? (budgets === false ? false : DEFAULT_FLOOD_LIMIT);
  const perSocket: BudgetRates =
    budgets === false ? { action: actionRate, sync: false, host: false } : { ...DEFAULT_EVENT_BUDGETS.perSocket, ...budgets?.perSocket, action: actionRate };
  const addresses = new AddressBook({
    rates: budgets === false ? { action: false, sync: false, host: false } : { ...DEFAULT_EVENT_BUDGETS.perAddress, ...budgets?.perAddress },
    maxSockets: options.maxSocketsPerAddress ?? DEFAULT_MAX_SOCKETS_PER_ADDRESS,
    anonymousViewers: options.anonymousViewers ?? DEFAULT_ANONYMOUS_VIEWER_LIMIT,
  });

  // Refusals by address are logged, at most a line a minute each (a flooder must not flood the log too): an operator
  // behind a proxy without trustProxy, or with a venue's audience behind one address, sees why viewers are refused.
  const warnConnections = throttledWarning(logger, 60_000);
  const warnAnonymous = throttledWarning(logger, 60_000);

  // Connections per address are counted at the engine.io level (a session that never joins still holds one) and capped at its handshake.
  io.engine.opts.allowRequest = (req, callback) => {
    const address = clientAddress(req, trustProxy);
    if (addresses.canConnect(address)) return callback(null, true);
    warnConnections(
      `refused a connection from ${address}: ${addresses.sockets(address)} open connections (limit ${options.maxSocketsPerAddress ?? DEFAULT_MAX_SOCKETS_PER_ADDRESS}; ${ADDRESS_HINT})`,
    );
    callback('too many connections from this address', false);
  };
  io.engine.on(
    'connection',
    (conn: EngineConnection & { request: Parameters<typeof clientAddress>[0]; once(event: 'close', listener: () => void): unknown }) => {
      const address = clientAddress(conn.request, trustProxy);
      addresses.connected(address);
      conn.once('close', () => addresses.disconnected(address));
    },
  );

  io.use((socket, next) => {
    const handshake = parse(HandshakeSchema, socket.handshake.auth);
    if (!handshake.ok) return next(refusal(handshake.error.code, handshake.error.message));
    const { room, viewerToken, hostToken: presented, name } = handshake.value;
    if (presented !== undefined && !tokensEqual(presented, hostToken)) return next(refusal('unauthorized', 'the host token is wrong'));
    const address = clientAddress(socket.request, trustProxy);
    // A signed token that does not verify is refused, never turned into a fresh anonymous identity (a misconfigured
    // secret must not quietly break "one vote per user"); a stale anonymous token (a1) is replaced.
    const presentedViewer = viewerToken || undefined;
    const verified = presentedViewer === undefined ? undefined : identity.verify(presentedViewer);
    if (presentedViewer !== undefined && verified === undefined && !isAnonymousToken(presentedViewer)) {
      return next(refusal('bad_viewer_token', 'the viewer token does not verify: forged, tampered with, expired or signed with another secret'));
    }
    if (verified === undefined && presented === undefined) {
      // New anonymous identities cost something: a few per address and window (hosts have the host token instead).
      const wait = addresses.takeAnonymous(address);
      if (wait > 0) {
        warnAnonymous(`refused a new anonymous viewer from ${address}: over the limit of new anonymous viewers per address (${ADDRESS_HINT})`);
        return next(refusal('rate_limited', 'too many new anonymous viewers from this address; sign in, or retry later', wait));
      }
    }
    const issued = verified === undefined ? identity.issueAnonymous() : { viewer: verified.viewer, token: presentedViewer! };
    // A name the integrator signed into the token wins over the one the page claims.
    const shownName = verified?.name ?? (options.signedNamesOnly ? undefined : name);
    const signed = verified !== undefined && verified.anonymous !== true;
    socket.data = {
      room,
      viewer: issued.viewer,
      viewerToken: issued.token,
      role: presented === undefined ? 'viewer' : 'host',
      name: shownName,
      address,
      signed,
    };
    next();
  });

  io.on('connection', (socket: OnCueSocket) => {
    const data = socket.data as SocketData | undefined;
    if (!data?.room) {
      socket.disconnect(true);
      return;
    }
    const { room, viewer, role, name } = data;
    const address = data.address ?? clientAddress(socket.request, trustProxy);
    const signed = data.signed === true;

    // Back-pressure: a client that does not read its socket is dropped before what the server holds for it passes the bound.
    const unread = new UnreadBytes(socket.conn as unknown as EngineConnection);
    let dropping = false;
    const drop = (why: string): void => {
      dropping = true;
      logger.warn(`disconnecting socket ${socket.id} (${role} ${viewer} in room ${room}, from ${address}): ${why}`);
      queueMicrotask(() => dropNow(socket));
    };
    const overflowing = (): boolean => {
      if (dropping) return true;
      const bytes = unread.bytes;
      if (bytes <= maxUnreadBytes) return false;
      drop(`${bytes} bytes unread, limit ${maxUnreadBytes}`);
      return true;
    };
    socket.conn.on('packetCreate', () => {
      overflowing();
    });
    // A flooder (it ignores its rate_limited answers) is dropped before its events are even dispatched.
    const incoming = floodLimit === false ? undefined : new TokenBucket(floodLimit);
    socket.use((_packet, next) => {
      if (dropping) return;
      if (incoming && !incoming.take())
        return drop(`flooding: over ${floodLimit === false ? '' : `${floodLimit.burst} events at once or ${floodLimit.ratePerSecond}/s`}`);
      next();
    });
    void socket.join(role === 'host' ? hostsChannel(room) : [viewersChannel(room), viewerChannel(room, viewer)]);
    // Recorded (the client's recovery offset starts here); the snapshot, sent again at every connection, is not.
    socket.emit('welcome', { viewer, viewerToken: data.viewerToken, role, serverTime: now() });
    sendSnapshot(socket, rooms, logger, room, viewer, role);

    // Fair quiz timing: this connection's round trip, measured on clock probes and engine.io heartbeats, capped.
    const link = probeLink(socket, { probeEveryMs: probeEvery, timers, now });
    socket.on('disconnect', () => link.stop());

    // Budgets: every event is charged to its socket's share and to its address's share of the same budget.
    const buckets = new Map<EventBudget, TokenBucket>();
    const charge = (event: ClientEventName): Result<never> | undefined => {
      const budget = budgetOf(event);
      const rate = perSocket[budget];
      let wait = 0;
      if (rate !== false) {
        let bucket = buckets.get(budget);
        if (!bucket) buckets.set(budget, (bucket = new TokenBucket(rate)));
        wait = bucket.takeOrWaitMs();
      }
      if (wait === 0) wait = addresses.take(address, budget);
      if (wait === 0) return undefined;
      return fail('rate_limited', `too many ${budget === 'action' ? 'actions' : `${event} requests`}; slow down`, { retryAfterMs: wait });
    };
    // Answers to `act`s sent without an ack callback: one `acked` event per turn for all of them (made at the first).
    let actAnswers: ActAnswers | undefined;
    const answerInBatch = (payload: unknown): ((result: Result<unknown>) => void) => {
      const key = keyOf(payload);
      // Not recorded for connection-state recovery (nor, on Redis, written to the adapter's stream): a lost answer is
      // never re-sent, the client sends the action again with its key (docs/protocol.md, "Batched answers").
      actAnswers ??= new ActAnswers((answers) => emitUnrecorded(socket, 'acked', answers), flushAnswers);
      const answers = actAnswers;
      return (result) => answers.add(key, result as Result<ActReceipt>);
    };
    /**
     * Handles one client event. Its `Result` goes back through the event's ack callback; an event sent without
     * one is answered by `unacked(payload)` when given (`act`: in the batch), else not at all. An event that has
     * `unacked` also takes, without a callback, an array of up to {@link MAX_ACTS_PER_FRAME} payloads (several
     * actions of one client turn in one frame): each is charged, handled and answered as if sent alone.
     */
    const on = (
      event: ClientEventName,
      handler: (payload: unknown) => Result<unknown> | Promise<Result<unknown>>,
      unacked?: (payload: unknown) => (result: Result<unknown>) => void,
    ): void => {
      const handle = (payload: unknown, answer: ((result: Result<unknown>) => void) | undefined): void => {
        const reply = (result: Result<unknown>): void => {
          if (!answer) return;
          try {
            answer(result);
          } catch (err) {
            logger.error(`could not acknowledge ${event}`, err);
          }
        };
        const failed = (err: unknown): void => {
          logger.error(`${event} failed`, err);
          reply(fail('internal', 'unexpected server error; retry with the same key'));
        };
        const refused = charge(event);
        if (refused) return reply(refused);
        // Synchronous answers go out at once; promises are answered when they settle. Nothing throws out of here.
        try {
          const result = handler(payload);
          if (result instanceof Promise) result.then(reply, failed);
          else reply(result);
        } catch (err) {
          failed(err);
        }
      };
      socket.on(event, (...args: unknown[]) => {
        // Nothing more for a client that does not read what it was sent.
        if (overflowing()) return;
        if (typeof args[args.length - 1] === 'function') return handle(args[0], args.pop() as (result: Result<unknown>) => void);
        if (!unacked || !Array.isArray(args[0])) return handle(args[0], unacked?.(args[0]));
        const payloads = args[0] as unknown[];
        if (payloads.length > MAX_ACTS_PER_FRAME) return unacked(undefined)(fail('bad_request', `at most ${MAX_ACTS_PER_FRAME} actions in one frame`));
        for (const payload of payloads) handle(payload, unacked(payload));
      });
    };
    const asHost = (handler: (payload: unknown) => Promise<Result<unknown>>) => (payload: unknown) =>
      role === 'host' ? handler(payload) : fail('unauthorized', 'host events need the host token in the handshake');

    // Every viewer action of every kind: the envelope here; the interaction's kind declares the action, its payload schema and phase.
    // Without an ack callback (the core's form) its answer joins the socket's batch, refusals and errors too.
    on(
      'act',
      (payload) => {
        const request = parse(ActRequestSchema, payload);
        return request.ok
          ? rooms.act(room, viewer, request.value, { linkDelayMs: link.creditMs(), lateGraceMs: link.graceMs(), name, signed, address })
          : request;
      },
      answerInBatch,
    );

    on('sync', (payload) => {
      const request = parse(SyncRequestSchema, payload ?? {});
      return request.ok ? rooms.snapshot(room, viewer, role) : request;
    });

    on(
      'host:create',
      asHost(async (payload) => {
        const request = parseCreateRequest(kinds, payload);
        if (!request.ok) return request;
        return rooms.create(room, request.value.spec, request.value.key);
      }),
    );

    on(
      'host:next',
      asHost(async (payload) => {
        const request = parse(HostStepRequestSchema, payload);
        if (!request.ok) return request;
        const { interaction, from, reveal, cancel, key } = request.value;
        return rooms.step(room, interaction, { mode: cancel ? 'cancel' : reveal ? 'end' : 'next', from }, key);
      }),
    );

    for (const event of rooms.hostEvents) {
      on(
        event,
        asHost((payload) => rooms.hostEvent(event, room, payload)),
      );
    }

    for (const [event, to] of [
      ['host:open', 'open'],
      ['host:close', 'closed'],
    ] as const) {
      on(
        event,
        asHost(async (payload) => {
          const request = parse(HostTransitionRequestSchema, payload);
          return request.ok ? rooms.setStatus(room, request.value.interaction, to) : request;
        }),
      );
    }
  });
}

/** Most `act`s one frame may carry (the client's burst, `CLIENT_ACTION_RATE`, is 30); a longer array is refused whole. */
export const MAX_ACTS_PER_FRAME = 50;

/** What a refusal by address tells the operator to check. */
const ADDRESS_HINT = 'behind a reverse proxy, set ONCUE_TRUST_PROXY; for an audience behind one address, raise the limit (docs/server.md, "Limits")';

/** A warning that is logged at most once per `everyMs`, saying how many were held back since the last one. */
function throttledWarning(logger: Logger, everyMs: number): (line: string) => void {
  let last = -Infinity;
  let held = 0;
  return (line) => {
    const at = performance.now();
    if (at - last < everyMs) {
      held += 1;
      return;
    }
    logger.warn(held ? `${line} (${held} more since the last such line)` : line);
    last = at;
    held = 0;
  };
}

function refusal(code: ErrorCode, message: string, retryAfterMs?: number): Error {
  const err = new Error(message) as Error & { data?: unknown };
  err.data = retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs };
  return err;
}

/** Tries again to send a connection its first snapshot this often while the room's process does not answer. */
const SNAPSHOT_RETRY_MS = 1000;
/**
 * After this many tries the connection is closed (the SDK connects again later, perhaps to a process that can answer).
 * Enough to wait out a dead owner's lease (5 s) and the new owner's load.
 */
const SNAPSHOT_TRIES = 30;

/**
 * Sends a new connection its room's snapshot: at once when the room runs here, else when its process answers. While
 * that process does not answer (it died, its lease moves), tries again, then closes the connection.
 */
function sendSnapshot(socket: OnCueSocket, rooms: RoomApi, logger: Logger, room: string, viewer: ViewerId, role: 'viewer' | 'host', tries = 1): void {
  const send = (result: Result<RoomSnapshot>): void => {
    if (!socket.connected) return;
    if (result.ok) {
      emitUnrecorded(socket, 'snapshot', result.value);
      return;
    }
    if (tries >= SNAPSHOT_TRIES) {
      logger.warn(`no snapshot of room ${room} for socket ${socket.id} after ${tries} tries (${result.error.message}): disconnecting it`);
      socket.disconnect(true);
      return;
    }
    setTimeout(() => sendSnapshot(socket, rooms, logger, room, viewer, role, tries + 1), SNAPSHOT_RETRY_MS).unref();
  };
  const failed = (err: unknown): void => send(fail('internal', err instanceof Error ? err.message : String(err)));
  try {
    const answer = rooms.snapshot(room, viewer, role);
    if (answer instanceof Promise) answer.then(send, failed);
    else send(answer);
  } catch (err) {
    failed(err);
  }
}

/** Drops a socket at once, without the WebSocket closing handshake (which would wait for a client that does not read). */
function dropNow(socket: OnCueSocket): void {
  const transport = (socket.conn as unknown as EngineConnection).transport;
  const ws = transport?.name === 'websocket' ? (transport.socket as { terminate?: () => void } | undefined) : undefined;
  socket.disconnect(true);
  ws?.terminate?.();
}
