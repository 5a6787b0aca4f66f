/** Longest `Retry-After` honoured, ms (a server asking for more gets a retry after this). */
export const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

/** A `Retry-After` header (seconds, or an HTTP date) in ms from `now`; `undefined` when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isNaN(ms) ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}
