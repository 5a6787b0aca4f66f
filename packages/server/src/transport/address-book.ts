import type { EventBudget, BudgetRates, AnonymousViewerLimit } from './event-budgets.js';
import { TokenBucket } from './rate-limiter.js';

export interface AddressBookOptions {
  /** Event rates shared by all sockets of an address. */
  rates: BudgetRates;
  /** Open connections per address; `false` for no cap. */
  maxSockets: number | false;
  /** New anonymous viewers per address; `false` for no cap. */
  anonymousViewers: AnonymousViewerLimit | false;
  /** Monotonic clock, ms (default `performance.now`). */
  now?: () => number;
}

interface AddressState {
  sockets: number;
  buckets: Map<EventBudget | 'anonymous', TokenBucket>;
}

/**
 * What each client address has used: its open connections, its shares of the
 * event budgets and of new anonymous identities. An address is forgotten once
 * it has no connection and its buckets have refilled, so the book holds only
 * addresses seen lately.
 */
export class AddressBook {
  private readonly addresses = new Map<string, AddressState>();
  private readonly now: () => number;
  private lastPrune: number;

  constructor(private readonly options: AddressBookOptions) {
    this.now = options.now ?? (() => performance.now());
    this.lastPrune = this.now();
  }

  /** Whether one more connection from `address` is within the cap. */
  canConnect(address: string): boolean {
    const { maxSockets } = this.options;
    return maxSockets === false || (this.addresses.get(address)?.sockets ?? 0) < maxSockets;
  }

  connected(address: string): void {
    this.state(address).sockets += 1;
  }

  disconnected(address: string): void {
    const state = this.addresses.get(address);
    if (state) state.sockets = Math.max(0, state.sockets - 1);
    this.pruneNowAndThen();
  }

  /** Open connections from `address`. */
  sockets(address: string): number {
    return this.addresses.get(address)?.sockets ?? 0;
  }

  /** Takes one event of `budget` from the address's share: 0 when allowed, else how long to wait, ms. */
  take(address: string, budget: EventBudget): number {
    const rate = this.options.rates[budget];
    return rate === false ? 0 : this.takeFrom(address, budget, rate);
  }

  /** Takes one new anonymous identity from the address's share: 0 when allowed, else how long to wait, ms. */
  takeAnonymous(address: string): number {
    const limit = this.options.anonymousViewers;
    if (limit === false) return 0;
    return this.takeFrom(address, 'anonymous', { burst: limit.max, ratePerSecond: limit.max / (limit.windowMs / 1000) });
  }

  /** Addresses remembered (for tests and the soak benchmark). */
  get size(): number {
    return this.addresses.size;
  }

  /** Forgets addresses with no connection whose buckets have all refilled. */
  prune(): void {
    this.lastPrune = this.now();
    for (const [address, state] of this.addresses) {
      if (state.sockets === 0 && [...state.buckets.values()].every((b) => b.isFull())) this.addresses.delete(address);
    }
  }

  private takeFrom(address: string, name: EventBudget | 'anonymous', rate: { burst: number; ratePerSecond: number }): number {
    const state = this.state(address);
    let bucket = state.buckets.get(name);
    if (!bucket) state.buckets.set(name, (bucket = new TokenBucket({ ...rate, now: this.now })));
    return bucket.takeOrWaitMs();
  }

  private state(address: string): AddressState {
    let state = this.addresses.get(address);
    if (!state) this.addresses.set(address, (state = { sockets: 0, buckets: new Map() }));
    return state;
  }

  /** Prunes at most once a minute, on a disconnect (no timer to keep alive). */
  private pruneNowAndThen(): void {
    if (this.now() - this.lastPrune >= 60_000) this.prune();
  }
}
