import type { Redis } from 'ioredis';

/** How long a process's address stays listed without a refresh, ms. */
const NODE_TTL_MS = 15_000;
/** How often a process refreshes its address, ms. */
const REFRESH_MS = 5_000;

/**
 * Where each server process answers calls forwarded to the rooms it owns: `oncue:node:<process id>` → its internal
 * URL, refreshed while the process lives and gone 15 s after it stops (docs/scaling.md).
 */
export class NodeDirectory {
  private timer: NodeJS.Timeout | undefined;
  /** This process's id, once registered. */
  private processId: string | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'oncue',
  ) {}

  /** Lists this process under `processId` at `url` and keeps it listed until {@link stop}. */
  async register(processId: string, url: string): Promise<void> {
    const refresh = (): Promise<unknown> => this.redis.set(this.key(processId), url, 'PX', NODE_TTL_MS);
    await refresh();
    this.timer = setInterval(() => {
      refresh().catch(() => {
        // Redis is away: the entry lives on for its TTL, and the next refresh puts it back.
      });
    }, REFRESH_MS);
    this.timer.unref();
    this.processId = processId;
  }

  /** The internal URL of a process, if it is listed. */
  async url(processId: string): Promise<string | undefined> {
    return (await this.redis.get(this.key(processId))) ?? undefined;
  }

  /** Stops refreshing and removes this process's entry. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    if (this.processId !== undefined) await this.redis.del(this.key(this.processId)).catch(() => {});
  }

  private key(processId: string): string {
    return `${this.prefix}:node:${processId}`;
  }
}
