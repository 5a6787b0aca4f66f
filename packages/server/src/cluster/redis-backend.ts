import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.js';
import { BadgeSigner } from '../milestones/credential/badge-signer.js';
import { registerJwks } from '../milestones/credential/jwks-route.js';
import { MILESTONE_HOST_EVENTS } from '../milestones/milestones.js';
import { DEFAULT_CREDENTIAL_ISSUER } from '../milestones/progress/progress-part.js';
import { randomId } from '../random-id.js';
import { generateHostToken } from '../identity/host-token.js';
import { ChannelLeases } from '../redis/channel-leases.js';
import { createRedisClient, redisReady } from '../redis/redis-client.js';
import { RedisStore } from '../redis/redis-store.js';
import type { TrustProxy } from '../transport/client-address.js';
import { sendJson } from '../transport/http-reply.js';
import { REST_RATE, routeWith, type RestApiOptions } from '../transport/rest-api.js';
import { ClusterRooms } from './cluster-rooms.js';
import { InternalClient, startInternalApi } from './internal-api.js';
import { NodeDirectory } from './node-directory.js';
import type { RoomHostOptions } from './room-host.js';
import type { RoomsBackend } from '../start-server.js';

/** Meta key of the secret the processes of one deployment authenticate forwarded calls with. */
const CLUSTER_SECRET_KEY = 'cluster-secret';
/** Meta key of the host token the processes of one deployment share when none is configured. */
const HOST_TOKEN_KEY = 'host-token';

export interface RedisBackendOptions {
  url: string;
  /** The address other processes reach this one at (the internal API listens there on a free port). */
  internalHost: string;
  host: Omit<RoomHostOptions, 'store'>;
  rest: Omit<RestApiOptions, 'service' | 'milestones' | 'hostToken'>;
  /** The host token; default: one the first process of the deployment made and kept in Redis (all processes share it). */
  hostToken?: string;
  trustProxy?: TrustProxy;
  logger: Logger;
}

/**
 * Redis mode (docs/scaling.md): every record in Redis, each channel run by the process holding its lease
 * ({@link ClusterRooms}), forwarded calls over the internal API, broadcasts to every process's sockets through
 * socket.io's Redis streams adapter (which keeps connection-state recovery working across processes).
 */
export async function startRedisBackend(options: RedisBackendOptions): Promise<RoomsBackend> {
  const { logger } = options;
  const processId = randomId();
  const redis = createRedisClient(options.url, { name: `oncue-${processId}`, logger });
  // The adapter reads its stream with blocking XREADs (5 s) on a duplicate of this client, and polls again at once
  // after an error: its client queues commands while Redis is away (no busy loop) and has no command timeout.
  const adapterRedis = new Redis(options.url, { connectionName: `oncue-${processId}-adapter`, maxRetriesPerRequest: null });
  adapterRedis.on('error', () => {
    // The command client logs the outage once; this one waits for Redis to come back.
  });
  const opened: { close(): unknown }[] = [];
  try {
    await Promise.all([redisReady(redis), redisReady(adapterRedis)]);
    const redisStore = new RedisStore(redis);
    const store = redisStore.global();
    const secret = await store.claimMeta(CLUSTER_SECRET_KEY, randomBytes(32).toString('base64url'));
    const hostToken = options.hostToken ?? (await store.claimMeta(HOST_TOKEN_KEY, generateHostToken()));
    const { meta } = await store.load();
    // The badge key is made once for the deployment (by the first process, when meta has none yet), before any channel
    // loads: each channel's signer finds it in the meta its store loads.
    const signer = new BadgeSigner({ store, issuer: options.host.credentialIssuer ?? DEFAULT_CREDENTIAL_ISSUER, meta });
    await signer.load();

    const nodes = new NodeDirectory(redis);
    const client = new InternalClient(secret);
    let rooms: ClusterRooms | undefined;
    const leases = new ChannelLeases(redis, { processId, onLost: (channel) => rooms?.lost(channel) });
    rooms = new ClusterRooms({
      processId,
      stores: redisStore,
      leases,
      nodes,
      client,
      host: options.host,
      rest: { ...options.rest, hostToken },
      trustProxy: options.trustProxy,
      hostEvents: MILESTONE_HOST_EVENTS,
      logger,
    });
    const internal = await startInternalApi({ host: options.internalHost, secret, logger, handlers: rooms.handlers });
    opened.push(internal);
    await nodes.register(processId, internal.url);
    const cluster = rooms;
    const rate = options.rest.restRate ?? REST_RATE;
    return {
      hostToken,
      rooms: cluster,
      store,
      meta,
      http: {
        forwardRooms: (app) => {
          routeWith(
            app,
            '/api/health',
            { GET: (_request, reply) => sendJson(reply, 200, { status: 'ok', serverTime: options.rest.now(), process: processId }) },
            rate,
          );
          registerJwks(app, signer, rate);
          cluster.registerForwarding(app);
        },
      },
      adapter: createAdapter(adapterRedis) as ServerOptions['adapter'],
      loaded: `Redis mode: process ${processId} (pid ${process.pid}), forwarded calls at ${internal.url}`,
      stop: () => cluster.stop(),
      close: async () => {
        await leases.stop().catch(() => {});
        await nodes.stop();
        await internal.close();
        client.close();
        await Promise.all([redis.quit().catch(() => {}), adapterRedis.quit().catch(() => {})]);
      },
    };
  } catch (err) {
    for (const resource of opened) await resource.close();
    redis.disconnect();
    adapterRedis.disconnect();
    throw err;
  }
}
