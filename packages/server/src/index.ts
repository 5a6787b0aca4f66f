export { startServer, DEFAULT_DATA_FILE, DEFAULT_PORT } from './start-server.js';
export type { OnCueServer, OnCueServerOptions } from './start-server.js';
export type { StaticRoute } from './static-routes.js';
export { VOTE_RATE, type TokenBucketRate } from './rate-limiter.js';
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
} from './store.js';
export { SqliteStore } from './sqlite-store.js';
export { MemoryStore } from './memory-store.js';
export type { ViewerIdentity, HmacViewerIdentityOptions, VerifiedViewer } from './viewer-identity.js';
export { HmacViewerIdentity, isAnonymousToken, signViewerToken } from './viewer-identity.js';
export type { TelemetryRecord } from './store.js';
export type { AlertWebhookPayload } from './alert-webhook.js';
