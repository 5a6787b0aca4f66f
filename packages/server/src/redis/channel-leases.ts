import type { Redis } from 'ioredis';
import { channelKeys, checkPrefix, DEFAULT_REDIS_PREFIX } from './redis-keys.js';
import { defineOnCueScripts, type ScriptedPipeline, type ScriptedRedis } from './redis-scripts.js';

export interface ChannelLeasesOptions {
  /** This process, unique among the processes sharing the Redis (and never reused). */
  processId: string;
  /** How long a lease lasts without renewal (default 5000 ms): how long a dead owner's channels wait for a new one. */
  ttlMs?: number;
  /** How often held leases are renewed (default 1000 ms); well below `ttlMs`. */
  renewEveryMs?: number;
  /** A lease this process held is gone (another process took the channel): stop running it. */
  onLost: (channel: string) => void;
  /** Key prefix (default `oncue`), the same as the RedisStore's. */
  prefix?: string;
}

interface Held {
  token: string;
  epoch: string;
}

/**
 * Which process owns which channel: one lease per channel in Redis (`oncue:{<channel>}:lease`, a string with a
 * TTL holding the owner's token `<processId>/<epoch>`; the epoch comes from `INCR oncue:{<channel>}:epoch`).
 *
 * The token is the fence of the channel's store (RedisStore.channel): a write is applied only while the lease
 * holds exactly that token, so a process that lost its lease (a long GC pause, a partition) cannot write even
 * before it learns that it lost it.
 *
 * A timer renews every held lease each `renewEveryMs` (one pipeline): a lease still ours is extended; a lease
 * that vanished (it expired, or Redis restarted without it) is taken back if nobody took a newer epoch meanwhile;
 * otherwise it is lost: forgotten here and reported to `onLost`. A Redis error during renewal changes nothing
 * (retried next tick; writes are fenced anyway).
 */
export class ChannelLeases {
  private readonly redis: ScriptedRedis;
  private readonly processId: string;
  private readonly ttlMs: number;
  private readonly prefix: string;
  private readonly onLost: (channel: string) => void;
  private readonly held = new Map<string, Held>();
  private readonly timer: NodeJS.Timeout;
  private renewing = false;
  private stopped = false;

  constructor(redis: Redis, options: ChannelLeasesOptions) {
    if (!options.processId) throw new Error('ChannelLeases needs a processId');
    this.redis = defineOnCueScripts(redis);
    this.processId = options.processId;
    this.ttlMs = options.ttlMs ?? 5000;
    this.prefix = checkPrefix(options.prefix ?? DEFAULT_REDIS_PREFIX);
    this.onLost = options.onLost;
    const renewEveryMs = options.renewEveryMs ?? 1000;
    if (renewEveryMs >= this.ttlMs) throw new Error('renewEveryMs must be below ttlMs');
    this.timer = setInterval(() => void this.renew(), renewEveryMs);
    this.timer.unref();
  }

  /**
   * Takes the channel's lease if nobody holds it (SET NX PX with a new epoch from INCR): answers this process's
   * token, or undefined when another process holds it. Answers the held token when this process already holds it.
   */
  async acquire(channel: string): Promise<string | undefined> {
    if (this.stopped) throw new Error('the channel leases are stopped');
    const mine = this.held.get(channel);
    if (mine) return mine.token;
    const keys = channelKeys(this.prefix, channel);
    const token = (await this.redis.oncueAcquireLease(keys.lease, keys.epoch, this.processId, this.ttlMs)) as string | null;
    if (token === null) return undefined;
    const known = this.held.get(channel);
    if (known) return known.token; // a concurrent acquire of the same channel got there first
    this.held.set(channel, { token, epoch: token.slice(token.lastIndexOf('/') + 1) });
    return token;
  }

  /** The token this process holds for `channel`, if any (synchronous: used as the store's fence). */
  token(channel: string): string | undefined {
    return this.held.get(channel)?.token;
  }

  /** The channels this process holds. */
  channels(): string[] {
    return [...this.held.keys()];
  }

  /** Who holds the channel's lease now: the holder's process id, or undefined. */
  async holder(channel: string): Promise<string | undefined> {
    const token = await this.redis.get(channelKeys(this.prefix, channel).lease);
    return token === null ? undefined : token.slice(0, token.lastIndexOf('/'));
  }

  /** Gives the channel up: forgotten here at once (writes stop), the lease deleted if it is still ours. */
  async release(channel: string): Promise<void> {
    const mine = this.held.get(channel);
    if (!mine) return;
    this.held.delete(channel);
    await this.redis.oncueReleaseLease(channelKeys(this.prefix, channel).lease, mine.token);
  }

  /** Releases every lease held and stops renewing (a clean shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled(this.channels().map((channel) => this.release(channel)));
  }

  /** One renewal round of every held lease (one pipeline). */
  private async renew(): Promise<void> {
    if (this.renewing || this.stopped || this.held.size === 0) return;
    this.renewing = true;
    try {
      const round = [...this.held];
      const pipeline = this.redis.pipeline() as ScriptedPipeline;
      for (const [channel, { token, epoch }] of round) {
        const keys = channelKeys(this.prefix, channel);
        pipeline.oncueRenewLease(keys.lease, keys.epoch, token, this.ttlMs, epoch);
      }
      const results = await pipeline.exec();
      round.forEach(([channel, sent], i) => {
        const [err, ours] = results?.[i] ?? [new Error('no result'), undefined];
        if (err || ours === 1) return;
        if (this.held.get(channel)?.token !== sent.token) return; // released or re-acquired meanwhile
        this.held.delete(channel);
        try {
          this.onLost(channel);
        } catch (err) {
          queueMicrotask(() => {
            throw err; // the listener's own bug: surface it, but let the other channels' results be handled
          });
        }
      });
    } catch {
      // Redis unreachable: try again next tick (the writes are fenced by Redis itself).
    } finally {
      this.renewing = false;
    }
  }
}
