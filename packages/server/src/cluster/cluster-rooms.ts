import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  fail,
  parse,
  RoomIdSchema,
  type ActReceipt,
  type ActRequest,
  type ClientEventName,
  type InteractionSpec,
  type InteractionView,
  type Result,
  type RoomSnapshot,
  type ViewerId,
} from '@oncue/protocol';
import type { Audience, StepRequest } from '../kinds/interaction-kind.js';
import type { Logger } from '../logger.js';
import { channelOf } from '../milestones/progress/channel-of.js';
import type { TransitionTarget } from '../rooms/interaction-lifecycle.js';
import type { ViewerLink } from '../rooms/room-service.js';
import type { Store } from '../store/store.js';
import { clientAddress, type TrustProxy } from '../transport/client-address.js';
import { sendResult } from '../transport/http-reply.js';
import { createRestApp } from '../transport/http-app.js';
import type { RestApiOptions } from '../transport/rest-api.js';
import type { HttpAnswer, HttpCall, InternalApiHandlers, InternalClient, RoomAnswer, RoomCall } from './internal-api.js';
import type { NodeDirectory } from './node-directory.js';
import type { Answer, RoomApi } from './room-api.js';
import { createRoomHost, type RoomHost, type RoomHostOptions } from './room-host.js';

/** The leases of channels (`redis/channel-leases.ts`): which process runs a channel's rooms. */
export interface Leases {
  acquire(channel: string): Promise<string | undefined>;
  token(channel: string): string | undefined;
  holder(channel: string): Promise<string | undefined>;
  release(channel: string): Promise<void>;
}

/** Stores of one channel's records, every write fenced by the channel's lease (`redis/redis-store.ts`). */
export interface ChannelStores {
  channel(channel: string, fence: () => string | undefined): Store;
}

export interface ClusterRoomsOptions {
  processId: string;
  stores: ChannelStores;
  leases: Leases;
  nodes: NodeDirectory;
  client: InternalClient;
  /** How a channel's rooms are run here once this process owns it (all but the store). */
  host: Omit<RoomHostOptions, 'store'>;
  /** The REST API of a channel's rooms (all but the service and the room features). */
  rest: Omit<RestApiOptions, 'service' | 'milestones'>;
  /** The client-address rule of the public app (a forwarded request carries the address it found). */
  trustProxy?: TrustProxy;
  /** The room features' host events (`MILESTONE_HOST_EVENTS`). */
  hostEvents: readonly ClientEventName[];
  logger: Logger;
}

/** A channel this process owns: its rooms and their REST API. */
interface ChannelHost {
  rooms: RoomHost;
  rest: FastifyInstance;
}

/** How long where a channel runs is trusted without asking Redis again, ms (a call answered `moved` asks at once). */
const OWNER_CACHE_MS = 1_000;
/** Calls tried again after a `moved` answer (the lease changed hands meanwhile). */
const MOVES = 3;

/**
 * The rooms of a deployment of several processes on one Redis (docs/scaling.md). Each channel (a room id's part
 * before `--`) runs on exactly one process at a time, the holder of its lease: the first process a call of the channel
 * reaches takes the free lease, loads the channel from Redis and runs it as one process runs every room; the other
 * processes forward that channel's calls to it ({@link InternalClient}). Every write of a channel is fenced by its
 * lease, so a process that lost the lease cannot change anything. When the owner dies, its lease runs out and the next
 * call takes it over: the new owner loads what was acknowledged (deadlines that came due run then, once).
 */
export class ClusterRooms implements RoomApi {
  readonly hostEvents: readonly ClientEventName[];
  private readonly hosts = new Map<string, ChannelHost>();
  private readonly taking = new Map<string, Promise<ChannelHost | undefined>>();
  private readonly owners = new Map<string, { url: string; until: number }>();
  private stopped = false;

  constructor(private readonly options: ClusterRoomsOptions) {
    this.hostEvents = options.hostEvents;
  }

  /** The channels this process runs now. */
  owned(): string[] {
    return [...this.hosts.keys()];
  }

  snapshot(room: string, viewer: ViewerId, audience: Audience): Answer<RoomSnapshot> {
    const here = this.hosts.get(channelOf(room));
    return here ? here.rooms.api.snapshot(room, viewer, audience) : this.call(room, { method: 'snapshot', args: [room, viewer, audience] });
  }

  act(room: string, viewer: ViewerId, request: ActRequest, link: ViewerLink): Promise<Result<ActReceipt>> {
    const here = this.hosts.get(channelOf(room));
    return here ? here.rooms.api.act(room, viewer, request, link) : this.call(room, { method: 'act', args: [room, viewer, request, link] });
  }

  create(room: string, spec: InteractionSpec, key?: string): Promise<Result<InteractionView>> {
    return this.call(room, { method: 'create', args: [room, spec, key] });
  }

  step(room: string, id: string, request: StepRequest, key?: string): Promise<Result<InteractionView>> {
    return this.call(room, { method: 'step', args: [room, id, request, key] });
  }

  setStatus(room: string, id: string, to: TransitionTarget): Promise<Result<InteractionView>> {
    return this.call(room, { method: 'setStatus', args: [room, id, to] });
  }

  hostEvent(event: ClientEventName, room: string, payload: unknown): Promise<Result<unknown>> {
    return this.call(room, { method: 'hostEvent', args: [event, room, payload] });
  }

  /** What the internal API answers: calls for channels this process owns (or is taking), `moved` for others. */
  readonly handlers: InternalApiHandlers = {
    rooms: async (channel, calls) => {
      const host = await this.ownHost(channel);
      if (!host) return calls.map((): RoomAnswer => ({ moved: true }));
      return Promise.all(calls.map(async (call): Promise<RoomAnswer> => ({ result: await callHost(host, call) })));
    },
    http: async (channel, call) => {
      const host = await this.ownHost(channel);
      return host ? injectInto(host.rest, call) : { moved: true };
    },
  };

  /**
   * Registers on the public app the routes that reach a room's or a channel's REST API (`/api/rooms/:room/…`,
   * `/api/channels/:channel/…`): answered by the channel's own app, here or on its owner. The collector's and the
   * metrics routes of the public app stay its own (more specific routes win).
   */
  registerForwarding(app: FastifyInstance): void {
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
    const forward = (what: 'room' | 'channel') => async (request: FastifyRequest, reply: FastifyReply) => {
      const id = (request.params as Record<string, string>)[what]!;
      const valid = parse(RoomIdSchema, id);
      if (!valid.ok) return sendResult(reply, fail('bad_request', `${what}: ${valid.error.message.replace(/^room:?\s*/, '')}`));
      const headers: Record<string, string> = {};
      for (const name of FORWARDED_HEADERS) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const call: HttpCall = { method: request.method, url: request.url, headers, remoteAddress: clientAddress(request.raw, this.options.trustProxy ?? false) };
      if (Buffer.isBuffer(request.body) && request.body.length > 0) call.body = request.body.toString('base64');
      const answer = await this.http(what === 'room' ? channelOf(id) : id, call);
      if (!answer.ok) return sendResult(reply, answer);
      const { statusCode, headers: answered, body } = answer.value;
      reply.code(statusCode);
      for (const [name, value] of Object.entries(answered)) if (!HOP_HEADERS.has(name)) reply.header(name, value);
      return reply.send(Buffer.from(body, 'base64'));
    };
    app.route({ method: [...methods], url: '/api/rooms/:room/*', handler: forward('room') });
    app.route({ method: [...methods], url: '/api/channels/:channel/*', handler: forward('channel') });
  }

  /** Drops a channel whose lease this process lost (another process runs it now): its timers stop, nothing is written. */
  lost(channel: string): void {
    const host = this.hosts.get(channel);
    if (!host) return;
    this.hosts.delete(channel);
    this.options.logger.warn(`lost the lease of channel ${channel}: another process runs it now`);
    host.rooms.service.stop().catch(() => {});
    host.rest.close().catch(() => {});
  }

  /** Stops every channel run here (pending writes commit, room versions are stored); the caller releases the leases after. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.taking.values()].map((taking) => taking.catch(() => undefined)));
    await Promise.all(
      [...this.hosts.values()].map(async (host) => {
        await host.rooms.service.stop().catch((err: unknown) => this.options.logger.error('could not stop a channel', err));
        await host.rest.close();
      }),
    );
    this.hosts.clear();
  }

  private async http(channel: string, call: HttpCall): Promise<Result<HttpAnswer>> {
    return this.forward(
      channel,
      async (host) => ({ ok: true, value: await injectInto(host.rest, call) }),
      async (url) => {
        const answer = await this.options.client.http(url, channel, call);
        return 'moved' in answer ? MOVED : { ok: true, value: answer };
      },
    );
  }

  private call<T>(room: string, call: RoomCall): Promise<Result<T>> {
    const channel = channelOf(room);
    return this.forward(
      channel,
      (host) => callHost(host, call) as Promise<Result<T>>,
      async (url) => {
        const answer = await this.options.client.room(url, channel, call);
        return 'moved' in answer ? MOVED : (answer.result as Result<T>);
      },
    );
  }

  /** Runs `here` when this process owns (or takes) the channel, else `there` on its owner; tries again when the lease moved. */
  private async forward<T>(
    channel: string,
    here: (host: ChannelHost) => Promise<Result<T>>,
    there: (url: string) => Promise<Result<T> | typeof MOVED>,
  ): Promise<Result<T>> {
    for (let attempt = 0; attempt < MOVES; attempt++) {
      let where: ChannelHost | string;
      try {
        where = await this.locate(channel);
      } catch (err) {
        return fail('internal', `the room's state is not reachable (${errorMessage(err)}); retry`);
      }
      if (typeof where !== 'string') return here(where);
      try {
        const answer = await there(where);
        if (answer !== MOVED) return answer;
      } catch (err) {
        this.owners.delete(channel);
        this.options.logger.warn(`the process running channel ${channel} did not answer: ${errorMessage(err)}`);
        return fail('internal', "the room's server did not answer; retry");
      }
      this.owners.delete(channel);
    }
    return fail('internal', 'the room is moving to another server; retry');
  }

  /** This process's host of the channel, or the internal URL of the process that runs it (taking the lease when free). */
  private async locate(channel: string): Promise<ChannelHost | string> {
    const host = await this.ownHost(channel);
    if (host) return host;
    const known = this.owners.get(channel);
    if (known && known.until > Date.now()) return known.url;
    if (this.stopped) throw new Error('this server is stopping');
    let taking = this.taking.get(channel);
    if (!taking) {
      taking = this.take(channel);
      this.taking.set(channel, taking);
      void taking.finally(() => this.taking.delete(channel)).catch(() => {});
    }
    const taken = await taking;
    if (taken) return taken;
    const holder = await this.options.leases.holder(channel);
    if (holder === undefined) throw new Error(`nobody holds channel ${channel} right now`);
    const url = await this.options.nodes.url(holder);
    if (url === undefined) throw new Error(`process ${holder} holds channel ${channel} but is not listed`);
    this.owners.set(channel, { url, until: Date.now() + OWNER_CACHE_MS });
    return url;
  }

  /** The host of a channel this process owns, waiting for one it is loading; undefined otherwise. */
  private async ownHost(channel: string): Promise<ChannelHost | undefined> {
    const host = this.hosts.get(channel);
    if (host) return host;
    const taking = this.taking.get(channel);
    return taking ? taking.catch(() => undefined) : undefined;
  }

  /** Takes the channel's lease if it is free and loads the channel; undefined when another process holds it. */
  private async take(channel: string): Promise<ChannelHost | undefined> {
    const { leases, stores, logger } = this.options;
    const token = await leases.acquire(channel);
    if (token === undefined) return undefined;
    try {
      const store = stores.channel(channel, () => leases.token(channel));
      const snapshot = await store.load();
      const rooms = await createRoomHost({ ...this.options.host, store }, snapshot);
      const rest = await createRestApp({ ...this.options.rest, service: rooms.service, milestones: rooms.milestones, logger, trustProxy: false });
      const host = { rooms, rest };
      if (leases.token(channel) !== token) {
        // Lost while loading.
        await rooms.service.stop().catch(() => {});
        await rest.close();
        return undefined;
      }
      this.hosts.set(channel, host);
      this.owners.delete(channel);
      logger.info(`running channel ${channel} (${snapshot.interactions.length} interactions, ${snapshot.participations.length} entries)`);
      return host;
    } catch (err) {
      await leases.release(channel).catch(() => {});
      throw err;
    }
  }
}

const MOVED = Symbol('moved');

/** Request headers a forwarded REST request keeps (the rest are the public app's business). */
const FORWARDED_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'accept'] as const;
/** Answer headers the public app sets itself. */
const HOP_HEADERS = new Set(['content-length', 'connection', 'transfer-encoding', 'keep-alive', 'date']);

async function callHost(host: ChannelHost, call: RoomCall): Promise<Result<unknown>> {
  const api = host.rooms.api;
  const a = call.args as never[];
  switch (call.method) {
    case 'snapshot':
      return api.snapshot(a[0], a[1], a[2]);
    case 'act':
      return api.act(a[0], a[1], a[2], a[3]);
    case 'create':
      return api.create(a[0], a[1], a[2]);
    case 'step':
      return api.step(a[0], a[1], a[2], a[3]);
    case 'setStatus':
      return api.setStatus(a[0], a[1], a[2]);
    case 'hostEvent':
      return api.hostEvent(a[0], a[1], a[2]);
    default:
      return fail('bad_request', `no call ${String((call as { method: unknown }).method)}`);
  }
}

async function injectInto(app: FastifyInstance, call: HttpCall): Promise<HttpAnswer> {
  const response = await app.inject({
    method: call.method as 'GET',
    url: call.url,
    headers: call.headers,
    remoteAddress: call.remoteAddress,
    ...(call.body === undefined ? {} : { payload: Buffer.from(call.body, 'base64') }),
  });
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value : String(value);
  return { statusCode: response.statusCode, headers, body: response.rawPayload.toString('base64') };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
