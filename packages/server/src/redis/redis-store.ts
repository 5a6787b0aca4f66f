/**
 * {@link Store} on Redis, for running many server processes on one set of records (issue 14).
 *
 * Key layout (prefix `oncue` by default; names inside keys are URI-encoded, see redis-keys.ts):
 *
 * | key                                     | type       | holds                                                    |
 * |-----------------------------------------|------------|----------------------------------------------------------|
 * | `oncue:meta`                            | hash       | meta key → value (no channel: viewer secret, badge key)  |
 * | `oncue:{<channel>}:lease`               | string+TTL | the owner's token `<processId>/<epoch>` (ChannelLeases)  |
 * | `oncue:{<channel>}:epoch`               | counter    | the latest lease epoch                                   |
 * | `oncue:{<channel>}:interactions`        | hash       | interaction id → InteractionRecord JSON                  |
 * | `oncue:{<channel>}:interaction-order`   | list       | interaction ids, first write first                       |
 * | `oncue:{<channel>}:participations`      | hash       | `["<interaction>","<viewer>"]` → ParticipationRecord JSON |
 * | `oncue:{<channel>}:idempotency`         | hash       | `["<scope>","<key>"]` → IdempotencyRecord JSON            |
 * | `oncue:{<channel>}:idempotency-at`      | zset       | `["<scope>","<key>"]` scored by `at` (forget-idempotency) |
 * | `oncue:{<channel>}:rooms`               | hash       | room id → version (only ever raised)                     |
 * | `oncue:{<channel>}:docs`                | hash       | `["<collection>","<id>"]` → doc value JSON               |
 * | `oncue:{<channel>}:doc-order`           | list       | doc fields, first write first                            |
 * | `oncue:{telemetry}:seq`                 | counter    | arrival sequence of events and alerts                    |
 * | `oncue:{telemetry}:events`              | hash       | event id → `{ event, receivedAt }` JSON (dedupe by id)   |
 * | `oncue:{telemetry}:room-events:<room>`  | zset       | event ids scored by arrival sequence                     |
 * | `oncue:{telemetry}:events-by-time`      | zset       | `<room-events key>\n<id>` scored by receivedAt (retention) |
 * | `oncue:{telemetry}:alerts`              | hash       | alert id → TelemetryAlert JSON (dedupe by id)            |
 * | `oncue:{telemetry}:room-alerts:<room>`  | zset       | `<16-digit seq>:<id>` scored by `at`                     |
 * | `oncue:{telemetry}:alerts-by-time`      | zset       | `<room-alerts key>\n<member>` scored by `at` (retention)  |
 *
 * The `{…}` parts are Redis Cluster hash tags: every script touches the keys of one tag, so one slot. (The store
 * takes a plain `Redis` client; on a Cluster, one pipeline must stay within one slot, which the grouping below does
 * not do yet.)
 *
 * Every `apply()` of a channel is made by a Lua script (redis-scripts.ts) that first checks the channel's lease
 * against the writer's fence token, then makes all its writes: it is atomic and fenced, all or nothing. The `apply()` calls
 * of one event-loop turn go to Redis in one pipeline with one script per channel, which checks each apply's fence on
 * its own: one refused apply fails only its own caller, and Redis fsyncs once for the whole script (with
 * `appendfsync always`, one fsync per channel and turn rather than per action). Scripts of one connection run in
 * the order sent, so a channel's writes are applied in call order. Durability is Redis' (docs/server.md, "Redis mode: what is durable when"): with AOF
 * `appendfsync always`, a write is on disk when its script answers.
 *
 * The store uses the client it is given and never closes it (its owner quits it); make it with
 * `createRedisClient` for the fail-fast settings the acknowledgements rely on.
 */
import { ReplyError, type Redis } from 'ioredis';
import type { TelemetryAlert, TelemetryEvent } from '@oncue/protocol';
import type {
  DocRecord,
  IdempotencyRecord,
  InteractionRecord,
  ParticipationRecord,
  RoomRecord,
  Store,
  StoreSnapshot,
  StoreWrite,
  TelemetryRecord,
} from '../store/store.js';
import { emptySnapshot } from '../store/store.js';
import { FencedError } from './fenced-error.js';
import { channelKeys, checkPrefix, DEFAULT_REDIS_PREFIX, metaKey, telemetryKeys, type ChannelKeys, type TelemetryKeys } from './redis-keys.js';
import { defineOnCueScripts, type ScriptedPipeline, type ScriptedRedis } from './redis-scripts.js';

export interface RedisStoreOptions {
  /** Key prefix (default `oncue`): letters, digits and `_ . : -`. */
  prefix?: string;
}

interface PendingApply {
  channel: string;
  keys: ChannelKeys;
  /** The writer's fence token. */
  token: string;
  /** Its writes as script arguments (op letters and their arguments). */
  ops: (string | number)[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** The records of all channels in one Redis; hands out one {@link Store} per channel and one for the rest. */
export class RedisStore {
  private readonly redis: ScriptedRedis;
  private readonly prefix: string;
  private readonly meta: string;
  private readonly telemetry: TelemetryKeys;
  private queue: PendingApply[] = [];
  private nextBatch: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private pipelines = 0;

  constructor(redis: Redis, options: RedisStoreOptions = {}) {
    this.redis = defineOnCueScripts(redis);
    this.prefix = checkPrefix(options.prefix ?? DEFAULT_REDIS_PREFIX);
    this.meta = metaKey(this.prefix);
    this.telemetry = telemetryKeys(this.prefix);
  }

  /** Records of no channel: meta, telemetry events, alerts. load() answers meta only (other arrays empty); apply() takes only `meta` writes. */
  global(): Store {
    return new GlobalRedisStore(this);
  }

  /**
   * One channel's records. Every apply() is one atomic, fenced Lua step: it fails with {@link FencedError} (nothing
   * written) unless the channel's lease value is `fence()` at that moment. load() answers the channel's snapshot (+
   * the global meta). Meta is written with claimMeta only; telemetry and alerts are the global ones.
   */
  channel(channel: string, fence: () => string | undefined): Store {
    return new ChannelRedisStore(this, channel, channelKeys(this.prefix, channel), fence);
  }

  /** Pipelines of applies sent so far: one per event-loop turn with applies, whatever their number and channels (one more when a script Redis refused is sent again apply by apply). */
  get applyRoundTrips(): number {
    return this.pipelines;
  }

  /** @internal Queues one fenced apply; the applies of one event-loop turn go in one pipeline, one script per channel. */
  enqueueApply(item: Omit<PendingApply, 'resolve' | 'reject'>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ ...item, resolve, reject });
      this.nextBatch ??= new Promise<void>((settled) =>
        setImmediate(() => {
          this.nextBatch = undefined;
          const sent = this.send(this.queue.splice(0));
          this.inFlight.add(sent);
          void sent.then(() => {
            this.inFlight.delete(sent);
            settled();
          });
        }),
      );
    });
  }

  /** @internal Resolves when every apply queued so far has settled. */
  async flush(): Promise<void> {
    if (this.nextBatch) await this.nextBatch;
    await Promise.all([...this.inFlight]);
  }

  /**
   * Sends a turn's applies: one script per channel, all in one pipeline. Never rejects (each apply settles on its
   * own). If a channel's script fails in Redis (an error reply, not a fence), its applies are sent again one by one,
   * so one bad apply fails only its own caller (their writes are upserts: sending one again is harmless).
   */
  private async send(batch: PendingApply[]): Promise<void> {
    const byChannel = new Map<string, PendingApply[]>();
    for (const item of batch) {
      const group = byChannel.get(item.keys.lease);
      if (group) group.push(item);
      else byChannel.set(item.keys.lease, [item]);
    }
    const failed = await this.run([...byChannel.values()]);
    const retry: PendingApply[][] = [];
    for (const [group, err] of failed) {
      if (group.length > 1 && err instanceof ReplyError) retry.push(...group.map((item) => [item]));
      else for (const item of group) item.reject(err);
    }
    if (retry.length > 0) for (const [group, err] of await this.run(retry)) group[0]!.reject(err);
  }

  /** Runs groups of one channel's applies, one script each, in one pipeline; settles the fenced and the written, answers the groups that failed. */
  private async run(groups: PendingApply[][]): Promise<[PendingApply[], unknown][]> {
    const pipeline = this.redis.pipeline() as ScriptedPipeline;
    for (const group of groups) {
      const k = group[0]!.keys;
      const args: (string | number)[] = [
        k.lease,
        k.interactions,
        k.interactionOrder,
        k.participations,
        k.idempotency,
        k.idempotencyAt,
        k.rooms,
        k.docs,
        k.docOrder,
      ];
      args.push(group.length);
      for (const item of group) args.push(item.token, item.ops.length, ...item.ops);
      pipeline.oncueApply(...args);
    }
    this.pipelines += 1;
    let results: [Error | null, unknown][] | null;
    try {
      results = await pipeline.exec();
    } catch (err) {
      return groups.map((group) => [group, err]);
    }
    const failed: [PendingApply[], unknown][] = [];
    groups.forEach((group, i) => {
      const [err, written] = results?.[i] ?? [new Error('redis answered no result'), undefined];
      if (err) {
        failed.push([group, err]);
        return;
      }
      group.forEach((item, j) => {
        if ((written as number[])[j] === 1) item.resolve();
        else item.reject(new FencedError(item.channel));
      });
    });
    return failed;
  }

  /** @internal */
  async loadMeta(): Promise<Record<string, string>> {
    return this.redis.hgetall(this.meta);
  }

  /** @internal */
  async writeMeta(entries: Record<string, string>): Promise<void> {
    if (Object.keys(entries).length > 0) await this.redis.hset(this.meta, entries);
  }

  /** @internal */
  async claimMeta(key: string, value: string): Promise<string> {
    return (await this.redis.oncueClaimMeta(this.meta, key, value)) as string;
  }

  /** @internal */
  async loadChannel(keys: ChannelKeys): Promise<StoreSnapshot> {
    const results = await this.redis
      .pipeline()
      .lrange(keys.interactionOrder, 0, -1)
      .hgetall(keys.interactions)
      .hgetall(keys.participations)
      .hgetall(keys.idempotency)
      .hgetall(keys.rooms)
      .lrange(keys.docOrder, 0, -1)
      .hgetall(keys.docs)
      .hgetall(this.meta)
      .exec();
    const values = (results ?? []).map(([err, value]) => {
      if (err) throw err;
      return value;
    });
    const [interactionOrder, interactions, participations, idempotency, rooms, docOrder, docs, meta] = values as [
      string[],
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
      string[],
      Record<string, string>,
      Record<string, string>,
    ];
    const snapshot = emptySnapshot();
    snapshot.interactions = interactionOrder
      .filter((id) => interactions[id] !== undefined)
      .map((id) => JSON.parse(interactions[id]!) as InteractionRecord)
      // Creation order, as SqliteStore answers it (a stable sort: ties stay in first-write order).
      .sort((a, b) => a.createdAt - b.createdAt);
    snapshot.participations = Object.values(participations).map((json) => JSON.parse(json) as ParticipationRecord);
    snapshot.idempotency = Object.values(idempotency).map((json) => JSON.parse(json) as IdempotencyRecord);
    snapshot.rooms = Object.entries(rooms).map(([room, version]): RoomRecord => ({ room, version: Number(version) }));
    snapshot.docs = docOrder
      .filter((field) => docs[field] !== undefined)
      .map((field): DocRecord => {
        const [collection, id] = JSON.parse(field) as [string, string];
        return { collection, id, value: JSON.parse(docs[field]!) as unknown };
      });
    snapshot.meta = meta;
    return snapshot;
  }

  /** @internal */
  async appendTelemetry(events: readonly TelemetryEvent[], receivedAt: number): Promise<TelemetryRecord[]> {
    if (events.length === 0) return [];
    const k = this.telemetry;
    const records = events.map((event) => ({ event, receivedAt }));
    const keys = [k.seq, k.events, k.eventsByTime, ...events.map((event) => k.roomEvents(event.room))];
    const args = [receivedAt, ...records.flatMap((record) => [record.event.id, JSON.stringify(record)])];
    const added = (await this.redis.oncueAppendTelemetry(keys.length, ...keys, ...args)) as number[];
    return added.map((position) => structuredClone(records[position - 1]!));
  }

  /** @internal */
  async readTelemetry(room: string, since = -Infinity): Promise<TelemetryRecord[]> {
    const rows = (await this.redis.oncueReadTelemetry(this.telemetry.events, this.telemetry.roomEvents(room))) as string[];
    return rows.map((json) => JSON.parse(json) as TelemetryRecord).filter((record) => record.receivedAt >= since);
  }

  /** @internal */
  async forgetTelemetryBefore(receivedAt: number): Promise<number> {
    const k = this.telemetry;
    return (await this.redis.oncueForgetTelemetry(k.events, k.eventsByTime, k.alerts, k.alertsByTime, receivedAt)) as number;
  }

  /** @internal */
  async appendAlerts(alerts: readonly TelemetryAlert[]): Promise<TelemetryAlert[]> {
    if (alerts.length === 0) return [];
    const k = this.telemetry;
    const keys = [k.seq, k.alerts, k.alertsByTime, ...alerts.map((alert) => k.roomAlerts(alert.room))];
    const args = alerts.flatMap((alert) => [alert.id, alert.at, JSON.stringify(alert)]);
    const added = (await this.redis.oncueAppendAlerts(keys.length, ...keys, ...args)) as number[];
    return added.map((position) => alerts[position - 1]!);
  }

  /** @internal */
  async readAlerts(room: string, limit: number): Promise<TelemetryAlert[]> {
    if (limit <= 0) return [];
    const rows = (await this.redis.oncueReadAlerts(this.telemetry.alerts, this.telemetry.roomAlerts(room), Math.floor(limit))) as string[];
    return rows.map((json) => JSON.parse(json) as TelemetryAlert);
  }
}

/** The parts both facets share: meta claims, telemetry and alerts, flushing. */
abstract class RedisStoreFacet implements Store {
  protected closed = false;

  constructor(protected readonly owner: RedisStore) {}

  abstract load(): Promise<StoreSnapshot>;
  abstract apply(writes: readonly StoreWrite[]): Promise<void>;

  flush(): Promise<void> {
    return this.owner.flush();
  }

  claimMeta(key: string, value: string): Promise<string> {
    return this.owner.claimMeta(key, value);
  }

  appendTelemetry(events: readonly TelemetryEvent[], receivedAt: number): Promise<TelemetryRecord[]> {
    return this.owner.appendTelemetry(events, receivedAt);
  }

  readTelemetry(room: string, since?: number): Promise<TelemetryRecord[]> {
    return this.owner.readTelemetry(room, since);
  }

  forgetTelemetryBefore(receivedAt: number): Promise<number> {
    return this.owner.forgetTelemetryBefore(receivedAt);
  }

  appendAlerts(alerts: readonly TelemetryAlert[]): Promise<TelemetryAlert[]> {
    return this.owner.appendAlerts(alerts);
  }

  readAlerts(room: string, limit: number): Promise<TelemetryAlert[]> {
    return this.owner.readAlerts(room, limit);
  }

  /** Flushes; the Redis client stays open (its owner quits it). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.owner.flush();
  }
}

class GlobalRedisStore extends RedisStoreFacet {
  async load(): Promise<StoreSnapshot> {
    return { ...emptySnapshot(), meta: await this.owner.loadMeta() };
  }

  async apply(writes: readonly StoreWrite[]): Promise<void> {
    if (this.closed) throw new Error('the store is closed');
    const meta: Record<string, string> = {};
    for (const write of writes) {
      if (write.type !== 'meta') throw new Error(`the global Redis store takes meta writes only, not "${write.type}" (use a channel's store)`);
      meta[write.key] = write.value;
    }
    await this.owner.writeMeta(meta);
  }
}

class ChannelRedisStore extends RedisStoreFacet {
  constructor(
    owner: RedisStore,
    private readonly channelName: string,
    private readonly keys: ChannelKeys,
    private readonly fence: () => string | undefined,
  ) {
    super(owner);
  }

  load(): Promise<StoreSnapshot> {
    return this.owner.loadChannel(this.keys);
  }

  apply(writes: readonly StoreWrite[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    const token = this.fence();
    if (token === undefined) return Promise.reject(new FencedError(this.channelName));
    const ops: (string | number)[] = [];
    try {
      for (const write of writes) ops.push(...scriptArgs(write));
    } catch (err) {
      return Promise.reject(err);
    }
    return this.owner.enqueueApply({ channel: this.channelName, keys: this.keys, token, ops });
  }
}

/** One write as the apply script's op letter and arguments (records serialized now: later changes by the caller do not leak in). */
function scriptArgs(write: StoreWrite): (string | number)[] {
  switch (write.type) {
    case 'interaction':
      return ['i', write.record.id, json(write.record)];
    case 'participation':
      return ['p', JSON.stringify([write.record.interaction, write.record.viewer]), json(write.record)];
    case 'idempotency':
      return ['k', JSON.stringify([write.record.scope, write.record.key]), json(write.record), finite(write.record.at)];
    case 'forget-idempotency':
      return ['f', finite(write.before)];
    case 'room':
      return ['r', write.record.room, finite(write.record.version)];
    case 'doc':
      return ['d', JSON.stringify([write.record.collection, write.record.id]), json(write.record.value)];
    case 'meta':
      throw new Error('a channel store takes no meta writes: meta is global (claimMeta, or the global store)');
    default:
      throw new Error(`unknown store write ${JSON.stringify((write as { type?: unknown }).type)}`);
  }
}

function json(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('a store record must be JSON');
  return text;
}

function finite(value: number): number {
  if (!Number.isFinite(value)) throw new TypeError(`a store number must be finite, not ${value}`);
  return value;
}
