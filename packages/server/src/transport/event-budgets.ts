import type { ClientEventName } from '@oncue/protocol';
import { ACTION_RATE, type TokenBucketRate } from './rate-limiter.js';

/**
 * What a client event costs the server, by budget: viewer actions (`act`: a
 * stored write each), `sync` (a full room snapshot each) and host events.
 */
export type EventBudget = 'action' | 'sync' | 'host';

/** The budget each client event is charged to. */
export function budgetOf(event: ClientEventName): EventBudget {
  if (event === 'sync') return 'sync';
  return event.startsWith('host:') ? 'host' : 'action';
}

/** Token-bucket rates per budget; `false` for none. */
export type BudgetRates = Record<EventBudget, TokenBucketRate | false>;

/** Rate limits of client events: per socket, and shared by every socket of one client address. */
export interface EventBudgets {
  perSocket: BudgetRates;
  perAddress: BudgetRates;
}

/**
 * Defaults: generous for people, a wall for scripts. A viewer's page syncs
 * after a reconnect or a missed update, not in a loop; one address may be a
 * whole office or campus behind NAT (up to {@link DEFAULT_MAX_SOCKETS_PER_ADDRESS}
 * sockets), so its shares are larger than one socket's.
 * (`perSocket.action` is the server's `rateLimit` option, default {@link ACTION_RATE}.)
 */
export const DEFAULT_EVENT_BUDGETS: EventBudgets = {
  perSocket: {
    action: ACTION_RATE,
    sync: { ratePerSecond: 1, burst: 5 },
    host: { ratePerSecond: 20, burst: 40 },
  },
  perAddress: {
    action: { ratePerSecond: 200, burst: 400 },
    sync: { ratePerSecond: 20, burst: 50 },
    host: { ratePerSecond: 50, burst: 100 },
  },
};

/**
 * Default ceiling of incoming events per socket, whatever they are (unknown
 * events included): a socket past it ignores its `rate_limited` answers, and
 * decoding its flood would take the event loop from everyone else, so it is
 * dropped. Far above what a page sends (actions 20/s, an outbox flush of at
 * most 50 at once).
 */
export const DEFAULT_FLOOD_LIMIT: TokenBucketRate = { ratePerSecond: 100, burst: 200 };

/** Default cap on open connections (engine.io sessions) from one client address. */
export const DEFAULT_MAX_SOCKETS_PER_ADDRESS = 50;

/**
 * Default bound on what the server buffers for one socket that its client has
 * not read (1 MiB, about 70 full snapshots of an 11-poll room): past it the
 * socket is disconnected.
 */
export const DEFAULT_MAX_UNREAD_BYTES = 1024 * 1024;

/** How many new anonymous viewers one address may start, and over what window (a token bucket that refills over the window). */
export interface AnonymousViewerLimit {
  max: number;
  windowMs: number;
}

/** Default: 20 new anonymous viewers per address per 10 minutes. */
export const DEFAULT_ANONYMOUS_VIEWER_LIMIT: AnonymousViewerLimit = { max: 20, windowMs: 10 * 60 * 1000 };
