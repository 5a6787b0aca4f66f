import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ViewerId } from '@oncue/protocol';
import { randomId } from './random-id.js';

/**
 * Issues and checks viewer tokens. The server uses {@link HmacViewerIdentity};
 * an integrator whose backend already knows its users can sign tokens for
 * them in the same format (or plug in another implementation).
 */
export interface ViewerIdentity {
  /** A token for `viewer`, or for a fresh viewer id when none is given. */
  issue(viewer?: ViewerId): { viewer: ViewerId; token: string };
  /** The viewer a token names, or `undefined` when it is malformed, forged or expired. */
  verify(token: string): ViewerId | undefined;
}

export interface HmacViewerIdentityOptions {
  /** Server secret; the server generates one once and keeps it in its store so tokens survive restarts. */
  secret: string;
  /** Lifetime of issued tokens, in seconds; absent = they do not expire. */
  ttlSeconds?: number;
  now?: () => number;
}

/** Viewer ids in tokens: the same alphabet as other ids, so they never contain the `.` separator. */
const VIEWER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const VERSION = 'v1';

/**
 * Token format (ASCII, dot-separated):
 *
 *     v1.<viewerId>.<expiry>.<signature>
 *
 * - `viewerId`: 1–64 of `A–Z a–z 0–9 _ -` (an integrator may use its own user ids);
 * - `expiry`: seconds since the epoch in base 10, or empty for a token that does not expire;
 * - `signature`: base64url (no padding) of HMAC-SHA256(secret, "v1.<viewerId>.<expiry>").
 *
 * Example: `v1.Jq3x9Zb_1Q2w3E4r..n8Z…` (no expiry). Signatures are compared in constant time.
 */
export class HmacViewerIdentity implements ViewerIdentity {
  private readonly secret: string;
  private readonly ttlSeconds: number | undefined;
  private readonly now: () => number;

  constructor(options: HmacViewerIdentityOptions) {
    if (!options.secret) throw new Error('HmacViewerIdentity needs a secret');
    this.secret = options.secret;
    this.ttlSeconds = options.ttlSeconds;
    this.now = options.now ?? Date.now;
  }

  issue(viewer: ViewerId = randomId(12)): { viewer: ViewerId; token: string } {
    if (!VIEWER_ID.test(viewer)) throw new Error('viewer ids are 1-64 of A-Z a-z 0-9 _ -');
    const expiry = this.ttlSeconds === undefined ? '' : String(Math.floor(this.now() / 1000) + this.ttlSeconds);
    const body = `${VERSION}.${viewer}.${expiry}`;
    return { viewer, token: `${body}.${this.sign(body)}` };
  }

  verify(token: string): ViewerId | undefined {
    if (typeof token !== 'string' || token.length > 512) return undefined;
    const parts = token.split('.');
    if (parts.length !== 4) return undefined;
    const [version, viewer, expiry, signature] = parts as [string, string, string, string];
    if (version !== VERSION || !VIEWER_ID.test(viewer) || !/^\d{0,15}$/.test(expiry)) return undefined;
    const expected = Buffer.from(this.sign(`${version}.${viewer}.${expiry}`));
    const presented = Buffer.from(signature);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
    if (expiry !== '' && Number(expiry) * 1000 <= this.now()) return undefined;
    return viewer;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
