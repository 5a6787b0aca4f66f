import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRedis } from '../../test/redis-clients.js';
import { startRedis } from '../../test/redis-server.js';
import { ChannelLeases, type ChannelLeasesOptions } from './channel-leases.js';
import { FencedError } from './fenced-error.js';
import { redisReady } from './redis-client.js';
import { RedisStore } from './redis-store.js';

const started: ChannelLeases[] = [];
afterEach(async () => {
  for (const leases of started.splice(0)) await leases.stop().catch(() => {});
});

/** One "process": its leases (lost channels recorded) and its store of channel `acme`, fenced by them. */
function processOn(client: Redis, processId: string, options: Partial<ChannelLeasesOptions> = {}) {
  const lost: string[] = [];
  const leases = new ChannelLeases(client, { processId, onLost: (channel) => lost.push(channel), ...options });
  started.push(leases);
  const store = new RedisStore(client).channel('acme', () => leases.token('acme'));
  return { leases, lost, store };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const entry = (viewer: string) => ({ type: 'participation' as const, record: { interaction: 'p', viewer, value: 1, at: 1 } });

describe('ChannelLeases', () => {
  it('gives a channel to one process: A acquires, B cannot, A acquiring again keeps its token', async () => {
    const redis = await startRedis();
    const a = processOn(await connectRedis(redis.url), 'A');
    const b = processOn(await connectRedis(redis.url), 'B');
    const [tokenA, tokenB] = await Promise.all([a.leases.acquire('acme'), b.leases.acquire('acme')]);
    expect([tokenA, tokenB].filter(Boolean)).toHaveLength(1); // exactly one of two racing processes wins
    const winner = tokenA ? a : b;
    const loser = tokenA ? b : a;
    expect(await winner.leases.acquire('acme')).toBe(winner.leases.token('acme'));
    expect(loser.leases.token('acme')).toBeUndefined();
    expect(await loser.leases.holder('acme')).toBe(winner === a ? 'A' : 'B');
    expect(await a.leases.holder('other')).toBeUndefined();
    await winner.store.apply([entry('v1')]);
    await expect(loser.store.apply([entry('v2')])).rejects.toBeInstanceOf(FencedError);
  });

  it('hands the channel to B when A stops renewing; A then learns it lost it and its writes are fenced', async () => {
    const redis = await startRedis();
    const clientA = await connectRedis(redis.url);
    const a = processOn(clientA, 'A', { ttlMs: 800, renewEveryMs: 100 });
    const b = processOn(await connectRedis(redis.url), 'B', { ttlMs: 800, renewEveryMs: 100 });
    const tokenA = (await a.leases.acquire('acme'))!;
    await sleep(1200); // renewed past its TTL
    expect(await b.leases.acquire('acme')).toBeUndefined();

    clientA.disconnect(); // A is cut off from Redis (a partition, a long pause): it cannot renew
    await until(async () => (await b.leases.holder('acme')) === undefined, 'A’s lease to expire');
    const tokenB = (await b.leases.acquire('acme'))!;
    expect(Number(tokenB.split('/')[1])).toBeGreaterThan(Number(tokenA.split('/')[1]));
    await b.store.apply([entry('by-b')]);

    expect(a.leases.token('acme')).toBe(tokenA); // A does not know yet
    await clientA.connect();
    const stale = new RedisStore(clientA).channel('acme', () => tokenA);
    await expect(stale.apply([entry('late-a')])).rejects.toBeInstanceOf(FencedError); // fenced by Redis itself
    await until(() => a.lost.length > 0, 'A’s renewal to report the loss');
    expect(a.lost).toEqual(['acme']);
    expect(a.leases.token('acme')).toBeUndefined();
    await expect(a.store.apply([entry('later-a')])).rejects.toBeInstanceOf(FencedError);
    expect(b.lost).toEqual([]);
    expect((await b.store.load()).participations.map((p) => p.viewer)).toEqual(['by-b']);
  });

  it('takes a lease back that expired while nobody else took the channel', async () => {
    const redis = await startRedis();
    const clientA = await connectRedis(redis.url);
    const a = processOn(clientA, 'A', { ttlMs: 300, renewEveryMs: 100 });
    const watcher = processOn(await connectRedis(redis.url), 'W');
    const token = await a.leases.acquire('acme');
    clientA.disconnect();
    await until(async () => (await watcher.leases.holder('acme')) === undefined, 'the lease to expire');
    await clientA.connect();
    await until(async () => (await watcher.leases.holder('acme')) === 'A', 'A to take its lease back');
    expect(a.lost).toEqual([]);
    expect(a.leases.token('acme')).toBe(token);
    await a.store.apply([entry('v1')]);
  });

  it('keeps applied writes and the lease with its holder when Redis is killed (-9) and restarted from its AOF', async () => {
    const redis = await startRedis();
    const client = await connectRedis(redis.url);
    const a = processOn(client, 'A', { ttlMs: 1000, renewEveryMs: 100 });
    const token = await a.leases.acquire('acme');
    await Promise.all(Array.from({ length: 200 }, (_, i) => a.store.apply([entry(`v${i}`)])));

    await redis.kill();
    await sleep(1200); // longer than the TTL: the lease key has expired by the time Redis is back
    await redis.restart();
    await redisReady(client);
    const other = processOn(await connectRedis(redis.url), 'B');
    await until(async () => (await other.leases.holder('acme')) === 'A', 'the lease to be A’s again');
    expect(a.lost).toEqual([]);
    expect(a.leases.token('acme')).toBe(token);
    await a.store.apply([entry('after')]);
    expect((await other.store.load()).participations).toHaveLength(201);
  });

  it('reports the lease lost when Redis comes back without it and with another epoch', async () => {
    const redis = await startRedis();
    const clientA = await connectRedis(redis.url);
    const a = processOn(clientA, 'A', { ttlMs: 300, renewEveryMs: 100 });
    await a.leases.acquire('acme');
    clientA.disconnect();
    const admin = await connectRedis(redis.url);
    await admin.del('oncue:{acme}:lease');
    await admin.incr('oncue:{acme}:epoch'); // someone took the channel and gave it up meanwhile
    await clientA.connect();
    await until(() => a.lost.length > 0, 'the loss');
    expect(await a.leases.holder('acme')).toBeUndefined();
  });

  it('releases a lease only if it is still its own, and stop() releases all', async () => {
    const redis = await startRedis();
    const admin = await connectRedis(redis.url);
    const a = processOn(await connectRedis(redis.url), 'A');
    await a.leases.acquire('acme');
    await a.leases.acquire('beta');
    await admin.set('oncue:{acme}:lease', 'B/99'); // taken over behind A's back
    await a.leases.release('acme');
    expect(await admin.get('oncue:{acme}:lease')).toBe('B/99');
    expect(a.leases.channels()).toEqual(['beta']);
    await a.leases.stop();
    expect(await a.leases.holder('beta')).toBeUndefined();
    expect(a.leases.token('beta')).toBeUndefined();
  });
});
