/**
 * Test fixture: ioredis clients made with the server's own settings (`createRedisClient`), quietly logged, and
 * disconnected after each test.
 */
import type { Redis } from 'ioredis';
import { afterEach } from 'vitest';
import { silentLogger } from '../src/logger.js';
import { createRedisClient, redisReady } from '../src/redis/redis-client.js';

const clients: Redis[] = [];

afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});

/** A connected client (as a server process would make it) for `url`. */
export async function connectRedis(url: string, options: { commandTimeoutMs?: number } = {}): Promise<Redis> {
  const client = createRedisClient(url, { name: 'oncue-test', logger: silentLogger, ...options });
  clients.push(client);
  await redisReady(client);
  return client;
}
