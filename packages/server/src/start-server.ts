import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketIOServer, type ServerOptions } from 'socket.io';
import { DEFAULT_TALLY_INTERVAL_MS } from '@oncue/protocol';
import { generateHostToken } from './identity/host-token.js';
import { createKindRegistry } from './kinds/index.js';
import type { AnyKindHandler } from './kinds/interaction-kind.js';
import { consoleLogger, type Logger } from './logger.js';
import { ACTION_RATE, type TokenBucketRate } from './transport/rate-limiter.js';
import type { RestRate } from './transport/rest-api.js';
import { createRoomHost, type RoomHostOptions } from './cluster/room-host.js';
import type { RoomApi } from './cluster/room-api.js';
import { startRedisBackend } from './cluster/redis-backend.js';
import type { KindRegistry } from './kinds/interaction-kind.js';
import { attachSocketApi, type OnCueIo, type SocketLimitOptions } from './transport/socket-api.js';
import { SqliteStore } from './store/sqlite-store.js';
import type { StaticRoute } from './transport/static-routes.js';
import type { Store } from './store/store.js';
import { HmacViewerIdentity } from './identity/viewer-identity.js';
import { createHttpApp, type HttpAppOptions } from './transport/http-app.js';
import { TelemetryService } from './telemetry/telemetry-service.js';
import type { Timers } from './timers.js';
import type { IdempotencyLimits } from './rooms/idempotency-cache.js';

/** Options of {@link startServer}; the socket side's limits are {@link SocketLimitOptions}. */
export interface OnCueServerOptions extends SocketLimitOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Unlocks host events and the REST API; generated at random when absent (read it from {@link OnCueServer.hostToken}). */
  hostToken?: string;
  /** SQLite file (its folder is created); default `.oncue-data/oncue.db`; `':memory:'` keeps nothing. */
  dataFile?: string;
  /** Storage to use instead of a SQLite file. The caller owns it: `close()` flushes it but does not close it. */
  store?: Store;
  /** Shortest time between two updates of a room, in ms; default {@link DEFAULT_TALLY_INTERVAL_MS}. */
  tallyIntervalMs?: number;
  /** Files and folders to serve next to the API (the demo pages, the widget bundles). */
  staticRoutes?: StaticRoute[];
  /** How long idempotency answers are kept; default 25 h (`IDEMPOTENCY_RETENTION_MS`). Tests shorten it. */
  idempotencyRetentionMs?: number;
  /** How many idempotency answers are kept in memory; default 100 per viewer (or room's host), 200,000 in all (`DEFAULT_IDEMPOTENCY_LIMITS`). */
  idempotencyLimits?: Partial<IdempotencyLimits>;
  /**
   * Per-connection rate of viewer actions (`act`, every kind's actions together; token bucket); default
   * {@link ACTION_RATE} (20/s, bursts of 40). `false` switches it off (benchmarks): it is a guard against
   * scripts, not a capacity limit.
   */
  rateLimit?: false | TokenBucketRate;
  /** Kinds to run besides the built-in ones (`kinds/index.ts`): handlers of kinds an integrator or a test adds. */
  kinds?: readonly AnyKindHandler[];
  /** Clock in ms since the epoch (tests inject one). */
  now?: () => number;
  /** Timers of the telemetry alert clock (tests inject fake ones with `now`). */
  timers?: Timers;
  /** Telemetry metrics bucket length, ms; default one minute. */
  metricsBucketMs?: number;
  /** URL the telemetry alerts are POSTed to (JSON); none by default. */
  alertWebhook?: string;
  /** Participation and deviation alerts fire only for metrics buckets with at least this many viewers; default 20. */
  alertMinViewers?: number;
  /**
   * Distinct viewers with valid interactions from one client address in 10 minutes past which the credit signal
   * flags them all as `shared_address` (no rewards); default 20 (docs/milestones.md, "Fake volume").
   */
  sharedAddressViewers?: number;
  /** The `iss` of badge credentials (docs/milestones.md, "A badge the embedding site can check"); default `oncue`. */
  credentialIssuer?: string;
  /**
   * Secret viewer tokens are signed with, so that an integrator's backend can sign tokens for its
   * users (`signViewerToken`), optionally with their display name. At least 32 characters.
   * Default: one the server generates once and keeps in its store.
   */
  viewerSecret?: string;
  /** Leaderboards show only display names signed into viewer tokens (names a page claims are ignored). */
  signedNamesOnly?: boolean;
  /** How many days stored telemetry events are kept; default 30. */
  telemetryRetentionDays?: number;
  /** Telemetry requests per client address; default `TELEMETRY_RATE` (50/s, bursts of 200); `false` switches it off. */
  telemetryRate?: false | TokenBucketRate;
  /** Telemetry events per client address; default `TELEMETRY_EVENT_RATE` (200/s, bursts of 1,000); `false` switches it off. */
  telemetryEventRate?: false | TokenBucketRate;
  /** Telemetry events from all addresses together; default `TELEMETRY_TOTAL_EVENT_RATE` (2,000/s, bursts of 4,000); `false` switches it off. */
  telemetryTotalEventRate?: false | TokenBucketRate;
  /** REST API requests per client address (`@fastify/rate-limit`); default `REST_RATE` (600 a minute); `false` switches it off. */
  restRate?: false | RestRate;
  /** Viewer entries (viewer × metrics bucket) the telemetry metrics of all rooms hold together; default 250,000 (about 150 MB at most). */
  telemetryMaxTrackedViewers?: number;
  /**
   * Who may show the `frameable` static pages (the stream page) in a frame: CSP `frame-ancestors`
   * sources such as `https://streamer.example` or `'self'`. Default `["'none'"]`. The host console
   * and the dashboard are never frameable (they carry the host token).
   */
  frameAncestors?: string[];
  /** Rooms where only integrator-signed viewers may take part (like `signedOnly` on every interaction of the room). */
  signedOnlyRooms?: readonly string[];
  /**
   * Redis mode (docs/scaling.md): keep every room's state in Redis at this URL (`redis://host:port`) instead of a
   * SQLite file, so that several server processes, on one machine or many, serve the same rooms. `dataFile` and
   * `store` are then unused.
   */
  redisUrl?: string;
  /** Redis mode: the address other processes reach this one at for forwarded calls; default `127.0.0.1` (one machine). */
  internalHost?: string;
  /** Default: the console. */
  logger?: Logger;
}

export interface OnCueServer {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  hostToken: string;
  httpServer: HttpServer;
  io: SocketIOServer;
  /** Stops taking actions, commits pending writes, disconnects everyone and releases the port (and the store it opened). */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_DATA_FILE = '.oncue-data/oncue.db';
/** socket.io frame limit; each message is further held to `MAX_PAYLOAD_BYTES` by `parse`. */
export const MAX_SOCKET_BUFFER_BYTES = 64 * 1024;
/** Meta key of the secret viewer tokens are signed with. */
const VIEWER_SECRET_KEY = 'viewer-token-secret';

/** Starts an OnCue server: socket.io + REST + static files on one HTTP server, state loaded from the store. */
export async function startServer(options: OnCueServerOptions = {}): Promise<OnCueServer> {
  const logger = options.logger ?? consoleLogger;
  const now = options.now ?? Date.now;
  if (options.viewerSecret !== undefined && options.viewerSecret.length < 32) throw new Error('viewerSecret must be at least 32 characters');
  const kinds = createKindRegistry(options.kinds);
  let io: OnCueIo | undefined;
  const host: Omit<RoomHostOptions, 'store'> = {
    kinds,
    now,
    logger,
    timers: options.timers,
    tallyIntervalMs: options.tallyIntervalMs ?? DEFAULT_TALLY_INTERVAL_MS,
    idempotencyRetentionMs: options.idempotencyRetentionMs,
    idempotencyLimits: options.idempotencyLimits,
    signedOnlyRooms: options.signedOnlyRooms,
    sharedAddressViewers: options.sharedAddressViewers,
    credentialIssuer: options.credentialIssuer,
    io: () => io,
  };
  const backend = options.redisUrl
    ? await startRedisBackend({
        url: options.redisUrl,
        internalHost: options.internalHost ?? '127.0.0.1',
        host,
        rest: { kinds, now, restRate: options.restRate },
        hostToken: options.hostToken,
        trustProxy: options.trustProxy,
        logger,
      })
    : await startLocalBackend(options, host);
  const hostToken = backend.hostToken ?? options.hostToken ?? generateHostToken();
  try {
    return await start(options, backend, { kinds, hostToken, logger, now, setIo: (server) => (io = server) });
  } catch (err) {
    await backend.stop().catch(() => {});
    await backend.close().catch(() => {});
    throw err;
  }
}

/** Where the rooms run: in this process on one store ({@link startLocalBackend}), or across the processes of a Redis deployment. */
export interface RoomsBackend {
  rooms: RoomApi;
  /** The host token the backend settled on (Redis mode: shared by every process of the deployment). */
  hostToken?: string;
  /** Where records of no room are kept: meta (the viewer token secret), telemetry events and alerts. */
  store: Store;
  /** The meta values stored so far. */
  meta: Readonly<Record<string, string>>;
  /** What the public app serves of the rooms: their REST API (`service`, `milestones`) or routes forwarding it (`forwardRooms`). */
  http: Pick<HttpAppOptions, 'service' | 'milestones' | 'forwardRooms'>;
  /** Connects the socket.io server to the other processes (Redis: the streams adapter). */
  adapter?: ServerOptions['adapter'];
  /** What start-up loaded, for the log. */
  loaded: string;
  /** Stops taking actions and commits what is pending (the rooms' `stop`). */
  stop(): Promise<void>;
  /** Releases what the backend opened (the SQLite file it owns, Redis connections and leases). */
  close(): Promise<void>;
}

/** One process, one store (SQLite by default): every room runs here. */
async function startLocalBackend(options: OnCueServerOptions, host: Omit<RoomHostOptions, 'store'>): Promise<RoomsBackend> {
  const ownsStore = options.store === undefined;
  const store = options.store ?? new SqliteStore(options.dataFile ?? DEFAULT_DATA_FILE);
  try {
    const snapshot = await store.load();
    const { service, milestones, api } = await createRoomHost({ ...host, store }, snapshot);
    return {
      rooms: api,
      store,
      meta: snapshot.meta,
      http: { service, milestones },
      loaded: `loaded ${snapshot.interactions.length} interactions and ${snapshot.participations.length} entries`,
      stop: () => service.stop(),
      close: () => (ownsStore ? store.close() : store.flush()),
    };
  } catch (err) {
    if (ownsStore) await store.close().catch(() => {});
    throw err;
  }
}

async function start(
  options: OnCueServerOptions,
  backend: RoomsBackend,
  context: { kinds: KindRegistry; hostToken: string; logger: Logger; now: () => number; setIo: (io: OnCueIo) => void },
): Promise<OnCueServer> {
  const { kinds, hostToken, logger, now } = context;
  const { store } = backend;
  const secret = options.viewerSecret ?? backend.meta[VIEWER_SECRET_KEY] ?? (await store.claimMeta(VIEWER_SECRET_KEY, randomBytes(32).toString('base64url')));
  const identity = new HmacViewerIdentity({ secret, now });

  const telemetry = new TelemetryService({
    store,
    now,
    logger,
    timers: options.timers,
    bucketMs: options.metricsBucketMs,
    alertWebhook: options.alertWebhook,
    alertMinViewers: options.alertMinViewers,
    maxTrackedViewers: options.telemetryMaxTrackedViewers,
    retentionMs: options.telemetryRetentionDays === undefined ? undefined : options.telemetryRetentionDays * 24 * 60 * 60 * 1000,
  });
  const app = await createHttpApp({
    ...backend.http,
    kinds,
    hostToken,
    now,
    logger,
    telemetry,
    collector: { requestRate: options.telemetryRate, eventRate: options.telemetryEventRate, totalEventRate: options.telemetryTotalEventRate },
    restRate: options.restRate,
    staticRoutes: options.staticRoutes,
    frameAncestors: options.frameAncestors,
    trustProxy: options.trustProxy,
  });
  const httpServer = app.server;
  const io = new SocketIOServer(httpServer, {
    cors: { origin: '*', methods: ['GET', 'POST'] },
    maxHttpBufferSize: MAX_SOCKET_BUFFER_BYTES,
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
    ...(backend.adapter ? { adapter: backend.adapter } : {}),
  }) as OnCueIo;
  context.setIo(io);
  attachSocketApi(io, {
    rooms: backend.rooms,
    kinds,
    identity,
    hostToken,
    now,
    logger,
    actionRate: options.rateLimit ?? ACTION_RATE,
    signedNamesOnly: options.signedNamesOnly,
    ...socketLimits(options),
  });

  telemetry.start();
  await app.listen({ port: options.port ?? DEFAULT_PORT, host: options.host ?? '127.0.0.1' }).catch(async (err: unknown) => {
    await telemetry.stop();
    io.close();
    await app.close();
    throw err;
  });
  const address = httpServer.address() as AddressInfo;
  const port = address.port;
  logger.info(`${backend.loaded}; serving on port ${port}`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await telemetry.stop();
      await backend.stop();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await app.close();
      await backend.close();
    })();
    return closing;
  };

  return { url: `http://${urlHost(address.address)}:${port}`, port, hostToken, httpServer, io, close };
}

/** A host for URLs: wildcard addresses become `localhost`, IPv6 gets brackets. */
function urlHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return 'localhost';
  return address.includes(':') ? `[${address}]` : address;
}

/** The socket side's limits among the server's options (only those given, so the socket API's defaults apply to the rest). */
function socketLimits(options: SocketLimitOptions): SocketLimitOptions {
  const { eventBudgets, floodLimit, maxSocketsPerAddress, maxUnreadBytes, trustProxy, anonymousViewers } = options;
  return { eventBudgets, floodLimit, maxSocketsPerAddress, maxUnreadBytes, trustProxy, anonymousViewers };
}
