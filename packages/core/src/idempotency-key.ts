/**
 * A fresh idempotency key for one action: a UUID from `crypto.randomUUID()`
 * (secure contexts only), else 32 hex digits from `crypto.getRandomValues()`,
 * else from `Math.random()` (collisions are then merely unlikely). Every form
 * matches the protocol's key pattern (8–64 of `A–Z a–z 0–9 _ -`).
 */
export function idempotencyKey(): string {
  const cryptoApi = globalThis.crypto;
  if (typeof cryptoApi?.randomUUID === 'function') return cryptoApi.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof cryptoApi?.getRandomValues === 'function') cryptoApi.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let key = '';
  for (const byte of bytes) key += byte.toString(16).padStart(2, '0');
  return key;
}
