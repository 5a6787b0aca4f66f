import type { Server, Socket } from 'socket.io';
import {
  AnswerRequestSchema,
  ClaimRequestSchema,
  EnterRequestSchema,
  fail,
  type PersonalState,
  HandshakeSchema,
  HostCreateRequestSchema,
  HostStepRequestSchema,
  HostTransitionRequestSchema,
  parse,
  SyncRequestSchema,
  VoteRequestSchema,
  type ClientEventName,
  type ErrorCode,
  type Result,
  type ServerToClientEvents,
  type ViewerId,
} from '@oncue/protocol';
import { tokensEqual } from './host-token.js';
import type { KindRegistry } from './interaction-kind.js';
import type { Logger } from './logger.js';
import { parseInteractionSpec } from './parse-interaction-spec.js';
import { TokenBucket, type TokenBucketRate } from './rate-limiter.js';
import type { RoomBroadcast, RoomService } from './room-service.js';
import { realTimers, type Timers } from './timers.js';
import { probeLink } from './link-probe.js';
import type { ViewerIdentity } from './viewer-identity.js';

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
}

export type OnCueIo = Server<UntrustedClientEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type OnCueSocket = Socket<UntrustedClientEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketApiOptions {
  service: RoomService;
  kinds: KindRegistry;
  identity: ViewerIdentity;
  hostToken: string;
  now: () => number;
  logger: Logger;
  /** Per-connection vote rate; `false` for none. */
  voteRate: false | TokenBucketRate;
  /** How often each connection's round trip is measured again, ms (default 15 s). */
  clockProbeIntervalMs?: number;
  /** Show only names signed into viewer tokens; names a handshake claims are ignored. */
  signedNamesOnly?: boolean;
  timers?: Timers;
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

/** Sends each connected viewer of a room their own state of an interaction. */
export function publishPersonal(io: OnCueIo, room: string, interaction: string, personal: (viewer: ViewerId) => PersonalState | undefined, now: () => number): void {
  const ids = io.sockets.adapter.rooms.get(viewersChannel(room));
  if (!ids) return;
  const serverTime = now();
  for (const id of ids) {
    const socket = io.sockets.sockets.get(id);
    const viewer = (socket?.data as SocketData | undefined)?.viewer;
    if (!socket || viewer === undefined) continue;
    const own = personal(viewer);
    if (own !== undefined) socket.emit('personal', { interaction, personal: own, serverTime });
  }
}

/**
 * The socket.io side of the protocol: handshake (identity, role), the
 * initial `welcome` + `snapshot`, and one handler per client event. Every
 * handler validates its payload, answers a `Result` through the ack when
 * there is one, and never throws.
 */
export function attachSocketApi(io: OnCueIo, options: SocketApiOptions): void {
  const { service, kinds, identity, hostToken, now, logger, voteRate } = options;
  const timers = options.timers ?? realTimers;
  const probeEvery = options.clockProbeIntervalMs ?? 15_000;

  io.use((socket, next) => {
    const handshake = parse(HandshakeSchema, socket.handshake.auth);
    if (!handshake.ok) return next(refusal(handshake.error.code, handshake.error.message));
    const { room, viewerToken, hostToken: presented, name } = handshake.value;
    if (presented !== undefined && !tokensEqual(presented, hostToken)) return next(refusal('unauthorized', 'the host token is wrong'));
    const verified = viewerToken === undefined ? undefined : identity.verify(viewerToken);
    const issued = verified === undefined ? identity.issue() : { viewer: verified.viewer, token: viewerToken! };
    // A name the integrator signed into the token wins over the one the page claims.
    const shownName = verified?.name ?? (options.signedNamesOnly ? undefined : name);
    socket.data = { room, viewer: issued.viewer, viewerToken: issued.token, role: presented === undefined ? 'viewer' : 'host', name: shownName };
    next();
  });

  io.on('connection', (socket: OnCueSocket) => {
    const data = socket.data as SocketData | undefined;
    if (!data?.room) {
      socket.disconnect(true);
      return;
    }
    const { room, viewer, role, name } = data;
    void socket.join(role === 'host' ? hostsChannel(room) : viewersChannel(room));
    socket.emit('welcome', { viewer, viewerToken: data.viewerToken, role, serverTime: now() });
    socket.emit('snapshot', service.snapshot(room, viewer, role));

    // Fair quiz timing: this connection's round trip, measured on clock probes and engine.io heartbeats, capped.
    const link = probeLink(socket, { probeEveryMs: probeEvery, timers, now });
    socket.on('disconnect', () => link.stop());

    const votes = voteRate === false ? undefined : new TokenBucket(voteRate);
    const on = (event: ClientEventName, handler: (payload: unknown) => Result<unknown> | Promise<Result<unknown>>): void => {
      socket.on(event, (...args: unknown[]) => {
        const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (result: Result<unknown>) => void) : undefined;
        const reply = (result: Result<unknown>): void => {
          if (!ack) return;
          try {
            ack(result);
          } catch (err) {
            logger.error(`could not acknowledge ${event}`, err);
          }
        };
        const failed = (err: unknown): void => {
          logger.error(`${event} failed`, err);
          reply(fail('internal', 'unexpected server error; retry with the same key'));
        };
        // Synchronous answers go out at once; promises are answered when they settle. Nothing throws out of here.
        try {
          const result = handler(args[0]);
          if (result instanceof Promise) result.then(reply, failed);
          else reply(result);
        } catch (err) {
          failed(err);
        }
      });
    };
    const asHost = (handler: (payload: unknown) => Promise<Result<unknown>>) => (payload: unknown) =>
      role === 'host' ? handler(payload) : fail('unauthorized', 'host events need the host token in the handshake');

    on('vote', (payload) => {
      if (votes && !votes.take()) return fail('rate_limited', 'too many votes; slow down');
      const request = parse(VoteRequestSchema, payload);
      return request.ok ? service.vote(room, viewer, request.value) : request;
    });

    on('answer', (payload) => {
      if (votes && !votes.take()) return fail('rate_limited', 'too many answers; slow down');
      const request = parse(AnswerRequestSchema, payload);
      return request.ok ? service.answer(room, viewer, request.value, { linkDelayMs: link.creditMs(), lateGraceMs: link.graceMs(), name }) : request;
    });

    // Lottery actions: one entry, one claim; the service asks the interaction's kind whether it takes them.
    for (const [event, schema] of [
      ['enter', EnterRequestSchema],
      ['claim', ClaimRequestSchema],
    ] as const) {
      on(event, (payload) => {
        if (votes && !votes.take()) return fail('rate_limited', `too many actions; slow down`);
        const request = parse(schema, payload);
        return request.ok ? service.participate(room, viewer, event, request.value) : request;
      });
    }

    on('sync', (payload) => {
      const request = parse(SyncRequestSchema, payload ?? {});
      return request.ok ? { ok: true, value: service.snapshot(room, viewer, role) } : request;
    });

    on(
      'host:create',
      asHost(async (payload) => {
        const spec = parseInteractionSpec(kinds, (payload as { spec?: unknown } | null)?.spec);
        if (!spec.ok && spec.error.code !== 'bad_request') return spec;
        const request = parse(HostCreateRequestSchema, payload);
        if (!request.ok) return request;
        return service.create(room, request.value.spec, request.value.key);
      }),
    );

    on(
      'host:next',
      asHost(async (payload) => {
        const request = parse(HostStepRequestSchema, payload);
        if (!request.ok) return request;
        const { interaction, from, reveal, key } = request.value;
        return service.step(room, interaction, { mode: reveal ? 'end' : 'next', from }, key);
      }),
    );

    for (const [event, to] of [
      ['host:open', 'open'],
      ['host:close', 'closed'],
    ] as const) {
      on(
        event,
        asHost(async (payload) => {
          const request = parse(HostTransitionRequestSchema, payload);
          return request.ok ? service.setStatus(room, request.value.interaction, to) : request;
        }),
      );
    }
  });
}

function refusal(code: ErrorCode, message: string): Error {
  const err = new Error(message) as Error & { data?: unknown };
  err.data = { code, message };
  return err;
}
