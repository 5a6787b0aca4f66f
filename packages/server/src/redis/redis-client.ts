import { Redis } from 'ioredis';
import { consoleLogger, type Logger } from '../logger.js';

/** How long a command may wait for Redis' answer before it fails (a Redis that hangs or a silent network partition). */
export const REDIS_COMMAND_TIMEOUT_MS = 3000;

/** Longest wait between two reconnection attempts. */
export const REDIS_MAX_RECONNECT_DELAY_MS = 2000;

export interface RedisClientOptions {
  /** Shown in `CLIENT LIST` and in log lines (default `oncue`). */
  name?: string;
  logger?: Logger;
  /** Overrides {@link REDIS_COMMAND_TIMEOUT_MS}. */
  commandTimeoutMs?: number;
}

/**
 * An ioredis client set up to fail fast, which is what the server needs: an action is acknowledged only once its
 * writes are in Redis, so a write that cannot be made must fail at once (the viewer's outbox keeps the action and
 * sends it again) rather than wait in a queue while the viewer waits for an ack.
 *
 * - `enableOfflineQueue: false`: while the connection is down, a command fails at once ("Stream isn't writeable")
 *   instead of waiting for the reconnection in an unbounded queue;
 * - `commandTimeout`: a command sent on a connection that does not answer (Redis hung, packets dropped) fails after
 *   {@link REDIS_COMMAND_TIMEOUT_MS} — the socket may take minutes to notice on its own;
 * - `autoResendUnfulfilledCommands: false`, `maxRetriesPerRequest: 0`: a command in flight when the connection
 *   drops fails; it is not sent again later behind its caller's back;
 * - reconnection forever, with a backoff capped at {@link REDIS_MAX_RECONNECT_DELAY_MS};
 * - `error` events are handled (never an unhandled `error` event) and logged once per outage.
 *
 * It connects at once (`lazyConnect: false`); {@link redisReady} waits for the first connection.
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const name = options.name ?? 'oncue';
  const logger = options.logger ?? consoleLogger;
  const redis = new Redis(url, {
    connectionName: name,
    lazyConnect: false,
    enableOfflineQueue: false,
    commandTimeout: options.commandTimeoutMs ?? REDIS_COMMAND_TIMEOUT_MS,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 10), REDIS_MAX_RECONNECT_DELAY_MS),
  });
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    logger.warn(`redis (${name}): ${err.message}; reconnecting`);
  });
  redis.on('ready', () => {
    if (down) logger.info(`redis (${name}): connected again`);
    down = false;
  });
  return redis;
}

/** Resolves once `redis` is connected and ready; rejects after `timeoutMs`. */
export function redisReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`redis not ready after ${timeoutMs} ms (status ${redis.status})`));
    }, timeoutMs);
    const onReady = (): void => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}
