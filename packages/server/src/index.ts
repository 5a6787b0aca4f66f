export { startServer, DEFAULT_DATA_FILE, DEFAULT_PORT } from './start-server.js';
export type { OnCueServer, OnCueServerOptions } from './start-server.js';
export type { StaticRoute } from './transport/static-routes.js';
export { ACTION_RATE, VOTE_RATE, type TokenBucketRate } from './transport/rate-limiter.js';
export type {
  AnyKindHandler,
  Audience,
  Configured,
  InteractionKindHandler,
  ParticipationContext,
  ReceiptExtras,
  ViewContext,
} from './kinds/interaction-kind.js';
export type { Logger } from './logger.js';
export { consoleLogger, silentLogger } from './logger.js';
export type {
  Store,
  StoreSnapshot,
  StoreWrite,
  InteractionRecord,
  ParticipationRecord,
  IdempotencyRecord,
  RoomRecord,
} from './store/store.js';
export { SqliteStore } from './store/sqlite-store.js';
export { MemoryStore } from './store/memory-store.js';
export type { ViewerIdentity, HmacViewerIdentityOptions, VerifiedViewer } from './identity/viewer-identity.js';
export { HmacViewerIdentity, isAnonymousToken, signViewerToken } from './identity/viewer-identity.js';
export type { TelemetryRecord } from './store/store.js';
export type { AlertWebhookPayload } from './telemetry/alert-webhook.js';
export type { TrustProxy } from './transport/client-address.js';
export type { AnonymousViewerLimit, BudgetRates, EventBudget, EventBudgets } from './transport/event-budgets.js';
export {
  DEFAULT_ANONYMOUS_VIEWER_LIMIT,
  DEFAULT_EVENT_BUDGETS,
  DEFAULT_FLOOD_LIMIT,
  DEFAULT_MAX_SOCKETS_PER_ADDRESS,
  DEFAULT_MAX_UNREAD_BYTES,
} from './transport/event-budgets.js';
export type { IdempotencyLimits } from './rooms/idempotency-cache.js';
export { DEFAULT_IDEMPOTENCY_LIMITS } from './rooms/idempotency-cache.js';
export { RedisStore, type RedisStoreOptions } from './redis/redis-store.js';
export { ChannelLeases, type ChannelLeasesOptions } from './redis/channel-leases.js';
export { FencedError } from './redis/fenced-error.js';
export { createRedisClient, redisReady, type RedisClientOptions } from './redis/redis-client.js';
