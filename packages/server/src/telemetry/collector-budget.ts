import { fail, ok, type Result } from '@oncue/protocol';
import { TokenBucket, type TokenBucketRate } from '../transport/rate-limiter.js';

/** Telemetry requests per client address: a reporter sends about one request per 5 s; a venue's viewers may share one address. */
export const TELEMETRY_RATE: TokenBucketRate = { ratePerSecond: 50, burst: 200 };
/** Telemetry events per client address: about 1,000 viewers behind one NAT report well under this. */
export const TELEMETRY_EVENT_RATE: TokenBucketRate = { ratePerSecond: 200, burst: 1000 };
/** Telemetry events from all addresses together: the collector's share of the server. */
export const TELEMETRY_TOTAL_EVENT_RATE: TokenBucketRate = { ratePerSecond: 2000, burst: 4000 };
/** Distinct rooms one batch may hold events of (a page reports its own room, rarely a few). */
export const MAX_TELEMETRY_BATCH_ROOMS = 10;
/** Distinct rooms one address may report per {@link TELEMETRY_ROOM_WINDOW_MS}. */
export const MAX_TELEMETRY_ADDRESS_ROOMS = 50;
export const TELEMETRY_ROOM_WINDOW_MS = 60_000;
/** Addresses remembered; beyond, the table is emptied (a flood of addresses only resets the limits). */
const MAX_ADDRESSES = 10_000;

export interface CollectorBudgetOptions {
  /** Requests per address; `false`: none. */
  requestRate?: TokenBucketRate | false;
  /** Events per address; `false`: none. */
  eventRate?: TokenBucketRate | false;
  /** Events from all addresses together; `false`: none. */
  totalEventRate?: TokenBucketRate | false;
  /** Clock for the room window, ms (tests inject one). */
  now?: () => number;
}

export interface BudgetRefusal {
  message: string;
  /** Seconds, for `Retry-After`. */
  retryAfter: number;
}

interface AddressBudget {
  requests?: TokenBucket;
  events?: TokenBucket;
  windowStart: number;
  rooms: Set<string>;
}

/**
 * The collector's fair share, counted in events rather than requests: a batch of 200 events costs
 * 200 times what one event costs. Per address: requests, events and distinct rooms per minute;
 * across addresses: events. Anything over budget is refused whole (`rate_limited`, with the
 * seconds to wait), before any work is done on it.
 */
export class CollectorBudget {
  private readonly addresses = new Map<string, AddressBudget>();
  private readonly total?: TokenBucket;
  private readonly now: () => number;

  constructor(private readonly options: CollectorBudgetOptions = {}) {
    const rate = options.totalEventRate ?? TELEMETRY_TOTAL_EVENT_RATE;
    if (rate) this.total = new TokenBucket(rate);
    this.now = options.now ?? Date.now;
  }

  /** Counts a request before its body is read. */
  request(address: string): BudgetRefusal | undefined {
    const bucket = this.address(address).requests;
    if (!bucket || bucket.take()) return undefined;
    return { message: 'too many telemetry requests; retry later', retryAfter: bucket.secondsUntil() };
  }

  /** Counts a batch's events and rooms; answers the refusal, or nothing when the batch may be stored. */
  batch(address: string, events: readonly { room: string }[]): Result<undefined> | { refused: BudgetRefusal } {
    const rooms = new Set(events.map((e) => e.room));
    if (rooms.size > MAX_TELEMETRY_BATCH_ROOMS)
      return fail('bad_request', `a batch may hold events of at most ${MAX_TELEMETRY_BATCH_ROOMS} rooms, not ${rooms.size}`);
    const budget = this.address(address);
    const now = this.now();
    if (now - budget.windowStart >= TELEMETRY_ROOM_WINDOW_MS) {
      budget.windowStart = now;
      budget.rooms.clear();
    }
    const newRooms = [...rooms].filter((r) => !budget.rooms.has(r));
    if (budget.rooms.size + newRooms.length > MAX_TELEMETRY_ADDRESS_ROOMS) {
      const retryAfter = Math.max(1, Math.ceil((budget.windowStart + TELEMETRY_ROOM_WINDOW_MS - now) / 1000));
      return { refused: { message: `one address may report at most ${MAX_TELEMETRY_ADDRESS_ROOMS} rooms a minute`, retryAfter } };
    }
    if (budget.events && !budget.events.take(events.length)) {
      return { refused: { message: 'too many telemetry events from this address; retry later', retryAfter: budget.events.secondsUntil(events.length) } };
    }
    if (this.total && !this.total.take(events.length)) {
      return { refused: { message: 'the collector is busy; retry later', retryAfter: this.total.secondsUntil(events.length) } };
    }
    for (const room of newRooms) budget.rooms.add(room);
    return ok(undefined);
  }

  private address(address: string): AddressBudget {
    let budget = this.addresses.get(address);
    if (!budget) {
      if (this.addresses.size >= MAX_ADDRESSES) this.addresses.clear();
      const requestRate = this.options.requestRate ?? TELEMETRY_RATE;
      const eventRate = this.options.eventRate ?? TELEMETRY_EVENT_RATE;
      budget = {
        requests: requestRate ? new TokenBucket(requestRate) : undefined,
        events: eventRate ? new TokenBucket(eventRate) : undefined,
        windowStart: this.now(),
        rooms: new Set(),
      };
      this.addresses.set(address, budget);
    }
    return budget;
  }
}
