/**
 * RedisStore against a real redis-server (test/redis-server.ts). The clients are the server's own
 * (createRedisClient): they fail fast, with `enableOfflineQueue: false` (a command while the connection is down fails
 * at once instead of waiting in an unbounded queue) and a `commandTimeout` (a command Redis does not answer fails
 * after it) — so an action is never left waiting for an ack that may never come; see redis-client.ts for why both.
 */
import { describe, expect, it } from 'vitest';
import type { TelemetryAlert } from '@oncue/protocol';
import { connectRedis } from '../../test/redis-clients.js';
import { startRedis } from '../../test/redis-server.js';
import { telemetryEvent } from '../../test/telemetry-event.js';
import type { InteractionRecord, StoreWrite } from '../store/store.js';
import { ChannelLeases } from './channel-leases.js';
import { FencedError } from './fenced-error.js';
import { redisReady } from './redis-client.js';
import { RedisStore } from './redis-store.js';

const poll = (id: string, createdAt: number, room = 'acme--show'): InteractionRecord => ({
  id,
  room,
  kind: 'poll',
  status: 'open',
  createdAt,
  openedAt: createdAt,
  config: { question: id, big: 123456789.0123 / 7 },
});

/** A Redis, a client, and a channel store whose fence is a lease this "process" holds. */
async function ownedChannel(channel = 'acme') {
  const redis = await startRedis();
  const client = await connectRedis(redis.url);
  const leases = new ChannelLeases(client, { processId: 'p1', onLost: () => {} });
  expect(await leases.acquire(channel)).toBe('p1/1');
  const store = new RedisStore(client).channel(channel, () => leases.token(channel));
  /** The channel as a new process would load it (another client). */
  const reload = async () => new RedisStore(await connectRedis(redis.url)).channel(channel, () => undefined).load();
  return { redis, client, leases, store, reload };
}

describe('RedisStore', () => {
  it('starts empty', async () => {
    const { reload } = await ownedChannel();
    expect(await reload()).toEqual({ interactions: [], participations: [], idempotency: [], rooms: [], meta: {}, docs: [] });
  });

  it('gives back every record written, as a new store loads it: upserts, creation and write order, room versions, meta', async () => {
    const { store, reload } = await ownedChannel();
    await store.apply([
      { type: 'interaction', record: poll('b', 20) },
      { type: 'interaction', record: poll('a', 10) },
      { type: 'interaction', record: poll('c', 20) },
      { type: 'participation', record: { interaction: 'a', viewer: 'v1', value: { choices: [0] }, at: 1 } },
      { type: 'idempotency', record: { scope: 'viewer:v1', key: 'key-0001', result: { ok: true }, at: 1 } },
      { type: 'room', record: { room: 'acme--show', version: 5 } },
      { type: 'room', record: { room: 'acme--empty', version: 0 } },
      { type: 'doc', record: { collection: 'goal', id: 'acme--show/g1', value: { target: 10 } } },
      { type: 'doc', record: { collection: 'cheers', id: 'acme--show', value: 3 } },
    ]);
    await store.apply([
      { type: 'interaction', record: { ...poll('b', 20), status: 'closed', closedAt: 30 } },
      { type: 'participation', record: { interaction: 'a', viewer: 'v1', value: { choices: [1] }, at: 2 } },
      { type: 'participation', record: { interaction: 'a', viewer: 'v2', value: { choices: [0] }, at: 2 } },
      { type: 'room', record: { room: 'acme--show', version: 3 } },
      { type: 'doc', record: { collection: 'goal', id: 'acme--show/g1', value: { target: 20 } } },
    ]);
    expect(await store.claimMeta('viewer-token-secret', 'first')).toBe('first');
    expect(await store.claimMeta('viewer-token-secret', 'second')).toBe('first');

    const loaded = await reload();
    expect(loaded.interactions.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(loaded.interactions[1]).toEqual({ ...poll('b', 20), status: 'closed', closedAt: 30 });
    expect(loaded.interactions[0]!.config).toEqual(poll('a', 10).config); // numbers keep every digit
    expect(loaded.participations).toEqual(
      expect.arrayContaining([
        { interaction: 'a', viewer: 'v1', value: { choices: [1] }, at: 2 },
        { interaction: 'a', viewer: 'v2', value: { choices: [0] }, at: 2 },
      ]),
    );
    expect(loaded.participations).toHaveLength(2);
    expect(loaded.idempotency).toEqual([{ scope: 'viewer:v1', key: 'key-0001', result: { ok: true }, at: 1 }]);
    expect(loaded.rooms).toEqual(
      expect.arrayContaining([
        { room: 'acme--show', version: 5 },
        { room: 'acme--empty', version: 0 },
      ]),
    );
    expect(loaded.rooms).toHaveLength(2);
    expect(loaded.docs).toEqual([
      { collection: 'goal', id: 'acme--show/g1', value: { target: 20 } },
      { collection: 'cheers', id: 'acme--show', value: 3 },
    ]);
    expect(loaded.meta).toEqual({ 'viewer-token-secret': 'first' });
  });

  it('keeps channels apart, whatever characters their names hold', async () => {
    const redis = await startRedis();
    const client = await connectRedis(redis.url);
    const names = ['acme', 'a}b{c:d', 'ünï cödé\n%7D', 'acme:interactions'];
    const leases = new ChannelLeases(client, { processId: 'p1', onLost: () => {} });
    const store = new RedisStore(client);
    for (const name of names) {
      expect(await leases.acquire(name)).toBeDefined();
      await store.channel(name, () => leases.token(name)).apply([{ type: 'interaction', record: poll(`poll-of-${name}`, 1, name) }]);
    }
    for (const name of names) {
      const loaded = await new RedisStore(client).channel(name, () => undefined).load();
      expect(loaded.interactions.map((i) => i.id)).toEqual([`poll-of-${name}`]);
    }
  });

  it('forgets the idempotency records made before a time, and only those', async () => {
    const { store, reload } = await ownedChannel();
    await store.apply(
      Array.from({ length: 1200 }, (_, i): StoreWrite => ({ type: 'idempotency', record: { scope: `viewer:v${i}`, key: `key-${i}`, result: i, at: i } })),
    );
    await store.apply([{ type: 'forget-idempotency', before: 1100 }]);
    const loaded = await reload();
    expect(loaded.idempotency.map((r) => r.at).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => 1100 + i));
  });

  it('sends the applies of one event-loop turn in one round trip; one fenced apply among them fails alone', async () => {
    const { client, leases, reload } = await ownedChannel();
    const redisStore = new RedisStore(client);
    const store = redisStore.channel('acme', () => leases.token('acme'));
    const other = redisStore.channel('acme', () => 'p9/7'); // a token that is not the lease's
    const before = redisStore.applyRoundTrips;
    const applies = Array.from({ length: 3000 }, (_, i) =>
      store.apply([
        { type: 'participation', record: { interaction: 'p', viewer: `v${i}`, value: i, at: i } },
        { type: 'idempotency', record: { scope: `viewer:v${i}`, key: `key-${i}`, result: i, at: i } },
      ]),
    );
    const fenced = other.apply([{ type: 'participation', record: { interaction: 'p', viewer: 'intruder', value: 1, at: 1 } }]);
    await Promise.all(applies);
    await expect(fenced).rejects.toBeInstanceOf(FencedError);
    expect(redisStore.applyRoundTrips - before).toBe(1);
    const loaded = await reload();
    expect(loaded.participations).toHaveLength(3000);
    expect(loaded.idempotency).toHaveLength(3000);
    expect(loaded.participations.some((p) => p.viewer === 'intruder')).toBe(false);
  });

  it('fails only the apply Redis refuses when applies of one channel share a turn', async () => {
    const { client, store, reload } = await ownedChannel();
    await client.set('oncue:{acme}:docs', 'not a hash'); // a broken key: any doc write of this channel fails
    const good = store.apply([{ type: 'participation', record: { interaction: 'p', viewer: 'v1', value: 1, at: 1 } }]);
    const bad = store.apply([{ type: 'doc', record: { collection: 'cheers', id: 'acme--show', value: 1 } }]);
    const alsoGood = store.apply([{ type: 'participation', record: { interaction: 'p', viewer: 'v2', value: 2, at: 2 } }]);
    await expect(bad).rejects.toThrow(/WRONGTYPE/);
    await expect(Promise.all([good, alsoGood])).resolves.toBeDefined();
    await client.del('oncue:{acme}:docs');
    expect((await reload()).participations.map((p) => p.viewer).sort()).toEqual(['v1', 'v2']);
  });

  it('refuses applies without writing anything of them while Redis is full (noeviction)', async () => {
    const redis = await startRedis({ args: ['--maxmemory', '4mb', '--maxmemory-policy', 'noeviction'] });
    const client = await connectRedis(redis.url);
    const leases = new ChannelLeases(client, { processId: 'p1', onLost: () => {} });
    await leases.acquire('acme');
    const store = new RedisStore(client).channel('acme', () => leases.token('acme'));
    await store.apply([{ type: 'interaction', record: poll('before', 1) }]);
    let ballast = 0;
    for (const size of [256 * 1024, 4096, 64]) {
      // Fill with ever smaller values until even a small write is refused (Redis is full).
      for (;;) {
        try {
          await client.set(`ballast-${ballast++}`, 'x'.repeat(size));
        } catch {
          break;
        }
      }
    }
    const applies = Array.from({ length: 10 }, (_, i) =>
      store.apply([
        { type: 'interaction', record: poll(`during-${i}`, 2) },
        { type: 'participation', record: { interaction: 'before', viewer: `v${i}`, value: i, at: i } },
      ]),
    );
    for (const apply of applies) await expect(apply).rejects.toThrow(/OOM/);
    await leases.stop();
    const loaded = await store.load();
    expect(loaded.interactions.map((i) => i.id)).toEqual(['before']);
    expect(loaded.participations).toEqual([]);
  });

  it('writes nothing of an apply whose fence fails, and rejects it with FencedError', async () => {
    const { client, store, reload } = await ownedChannel();
    const noToken = new RedisStore(client).channel('acme', () => undefined);
    const wrongToken = new RedisStore(client).channel('acme', () => 'p1/2');
    const writes: StoreWrite[] = [
      { type: 'interaction', record: poll('x', 1) },
      { type: 'room', record: { room: 'acme--show', version: 9 } },
    ];
    await expect(noToken.apply(writes)).rejects.toBeInstanceOf(FencedError);
    await expect(wrongToken.apply(writes)).rejects.toThrow(/not the owner of channel "acme"/);
    await expect(store.apply([{ type: 'meta', key: 'k', value: 'v' }])).rejects.toThrow(/no meta writes/);
    expect(await reload()).toMatchObject({ interactions: [], rooms: [] });
  });

  it('refuses the writes of a stale owner once another process took its lease over', async () => {
    const redis = await startRedis();
    const [clientA, clientB] = [await connectRedis(redis.url), await connectRedis(redis.url)];
    const leasesA = new ChannelLeases(clientA, { processId: 'A', onLost: () => {} });
    const tokenA = await leasesA.acquire('acme');
    const staleA = new RedisStore(clientA).channel('acme', () => tokenA); // A still believes it owns the channel
    await staleA.apply([{ type: 'interaction', record: poll('by-a', 1) }]);

    await clientB.del('oncue:{acme}:lease'); // A's lease expired (A paused, partitioned, …)
    const leasesB = new ChannelLeases(clientB, { processId: 'B', onLost: () => {} });
    const tokenB = await leasesB.acquire('acme');
    expect(tokenB).toBe('B/2');
    const storeB = new RedisStore(clientB).channel('acme', () => leasesB.token('acme'));

    await expect(staleA.apply([{ type: 'interaction', record: poll('late-a', 2) }])).rejects.toBeInstanceOf(FencedError);
    await storeB.apply([{ type: 'interaction', record: poll('by-b', 3) }]);
    expect((await storeB.load()).interactions.map((i) => i.id)).toEqual(['by-a', 'by-b']);
  });

  it('lets two processes racing claimMeta agree on one value', async () => {
    const redis = await startRedis();
    const stores = [new RedisStore(await connectRedis(redis.url)).global(), new RedisStore(await connectRedis(redis.url)).global()];
    for (let round = 0; round < 20; round++) {
      const answers = await Promise.all(stores.map((store, i) => store.claimMeta(`key-${round}`, `value-of-${i}`)));
      expect(answers[0]).toBe(answers[1]);
    }
    const meta = (await stores[0]!.load()).meta;
    expect(Object.keys(meta)).toHaveLength(20);
  });

  it('global store: meta only', async () => {
    const redis = await startRedis();
    const store = new RedisStore(await connectRedis(redis.url)).global();
    await store.apply([{ type: 'meta', key: 'a', value: '1' }]);
    await expect(store.apply([{ type: 'room', record: { room: 'r', version: 1 } }])).rejects.toThrow(/meta writes only/);
    expect(await store.load()).toEqual({ interactions: [], participations: [], idempotency: [], rooms: [], meta: { a: '1' }, docs: [] });
  });

  it('stores telemetry once per event id across processes, per room in arrival order, and forgets it by time', async () => {
    const redis = await startRedis();
    const [a, b] = [new RedisStore(await connectRedis(redis.url)).global(), new RedisStore(await connectRedis(redis.url)).global()];
    const e1 = telemetryEvent({ room: 'r1' });
    const e2 = telemetryEvent({ room: 'r1' });
    const e3 = telemetryEvent({ room: 'r2' });
    const [fromA, fromB] = await Promise.all([a.appendTelemetry([e1, e2, e3], 100), b.appendTelemetry([e2, e1], 100)]);
    expect(fromA.length + fromB.length).toBe(3);
    const e4 = telemetryEvent({ room: 'r1' });
    expect(await b.appendTelemetry([e4, e4], 200)).toEqual([{ event: e4, receivedAt: 200 }]);

    const r1 = await a.readTelemetry('r1');
    expect(r1.map((r) => r.event.id).slice(-1)).toEqual([e4.id]);
    expect(r1.map((r) => r.event.id).sort()).toEqual([e1.id, e2.id, e4.id].sort());
    expect(await a.readTelemetry('r1', 150)).toEqual([{ event: e4, receivedAt: 200 }]);
    expect(await a.readTelemetry('r2')).toEqual([{ event: e3, receivedAt: 100 }]);

    expect(await b.forgetTelemetryBefore(150)).toBe(3);
    expect(await a.readTelemetry('r1')).toEqual([{ event: e4, receivedAt: 200 }]);
    expect(await a.readTelemetry('r2')).toEqual([]);
    expect(await a.appendTelemetry([e1], 300)).toHaveLength(1); // forgotten: stored anew
  });

  it('stores alerts once per id and answers a room\u2019s latest ones, oldest first, forgetting them by time', async () => {
    const redis = await startRedis();
    const [a, b] = [new RedisStore(await connectRedis(redis.url)).global(), new RedisStore(await connectRedis(redis.url)).global()];
    const alert = (room: string, bucket: number, at: number): TelemetryAlert =>
      ({
        id: `${room}:${bucket}:participation:votes`,
        room,
        rule: 'participation',
        severity: 'warning',
        metric: 'votes',
        value: 1,
        bucket,
        at,
      }) as unknown as TelemetryAlert;
    const alerts = [alert('r1', 1, 10), alert('r1', 2, 30), alert('r1', 3, 20), alert('r2', 1, 15), alert('r1', 4, 30)];
    expect(await a.appendAlerts(alerts)).toHaveLength(5);
    expect(await b.appendAlerts([alerts[0]!, alert('r1', 5, 40)])).toEqual([alert('r1', 5, 40)]);
    expect((await b.readAlerts('r1', 3)).map((x) => x.bucket)).toEqual([2, 4, 5]);
    expect((await b.readAlerts('r1', 10)).map((x) => x.bucket)).toEqual([1, 3, 2, 4, 5]);
    expect(await b.readAlerts('r2', 10)).toEqual([alert('r2', 1, 15)]);
    expect(await b.readAlerts('r1', 0)).toEqual([]);
    await a.forgetTelemetryBefore(25);
    expect((await b.readAlerts('r1', 10)).map((x) => x.bucket)).toEqual([2, 4, 5]);
    expect(await b.readAlerts('r2', 10)).toEqual([]);
  });

  it('keeps every applied write when Redis is killed (-9) and restarted from its AOF', async () => {
    const { redis, client, store, reload } = await ownedChannel();
    await Promise.all(
      Array.from({ length: 500 }, (_, i) => store.apply([{ type: 'participation', record: { interaction: 'p', viewer: `v${i}`, value: i, at: i } }])),
    );
    await redis.kill();
    await redis.restart();
    await redisReady(client);
    expect((await reload()).participations).toHaveLength(500);
  });

  it('rejects applies within a bounded time while Redis is unreachable, and works again after it restarts', async () => {
    const { redis, client, store, reload } = await ownedChannel();
    await store.apply([{ type: 'interaction', record: poll('before', 1) }]);
    await redis.stop();
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.apply([{ type: 'participation', record: { interaction: 'before', viewer: `v${i}`, value: i, at: i } }])),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(Date.now() - started).toBeLessThan(4000);
    await expect(store.flush()).resolves.toBeUndefined();

    await redis.restart();
    await redisReady(client);
    await store.apply([{ type: 'interaction', record: poll('after', 2) }]);
    const loaded = await reload();
    expect(loaded.interactions.map((i) => i.id)).toEqual(['before', 'after']);
    expect(loaded.participations).toEqual([]);
  });

  it('rejects applies after the command timeout while Redis hangs, and works again once it answers', async () => {
    const redis = await startRedis();
    const client = await connectRedis(redis.url, { commandTimeoutMs: 300 });
    const leases = new ChannelLeases(client, { processId: 'p1', onLost: () => {} });
    await leases.acquire('acme');
    const store = new RedisStore(client).channel('acme', () => leases.token('acme'));
    redis.pause();
    const started = Date.now();
    await expect(store.apply([{ type: 'interaction', record: poll('during', 1) }])).rejects.toThrow(/timed out/i);
    expect(Date.now() - started).toBeLessThan(2000);
    redis.resume();
    await store.apply([{ type: 'interaction', record: poll('after', 2) }]);
    await leases.stop();
    // The timed-out script may still run once Redis wakes up (it was sent): a timeout means "unknown", never "acknowledged".
    expect((await store.load()).interactions.map((i) => i.id)).toContain('after');
  });
});
