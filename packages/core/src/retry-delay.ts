/**
 * Jittered exponential backoff, the same curve socket.io-client's manager
 * uses: `min · 2^attempt`, ±50 % jitter, capped at `max`. Used for the retries
 * the manager does not do itself (after the server ends a session, or refuses
 * a handshake for a reason that may pass).
 */
export function retryDelay(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  const jitter = base * 0.5 * (random() * 2 - 1);
  return Math.max(0, Math.min(maxMs, Math.round(base + jitter)));
}
