import { randomBytes } from 'node:crypto';

/**
 * A short, url-safe random id (`A–Z a–z 0–9 _ -`), 12 characters by default
 * (9 random bytes, 72 bits): used for interaction and viewer ids.
 */
export function randomId(bytes = 9): string {
  return randomBytes(bytes).toString('base64url');
}
