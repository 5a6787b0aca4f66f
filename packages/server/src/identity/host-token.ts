import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh host token: 32 random bytes, base64url (43 characters). */
export function generateHostToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares a presented token with the expected one in constant time.
 * Both are hashed first so that neither their contents nor their lengths leak through timing.
 */
export function tokensEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
