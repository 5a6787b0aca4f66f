import { createHmac, timingSafeEqual } from 'node:crypto';
import { DisplayNameSchema, parse, type ViewerId } from '@oncue/protocol';
import { randomId } from '../random-id.js';

/** Who a verified viewer token names: the viewer and, when the token carries one, a signed display name. */
export interface VerifiedViewer {
  viewer: ViewerId;
  name?: string;
  /** A token the server issued to an anonymous viewer (not one signed by the integrator for a user it knows). */
  anonymous?: true;
}

/**
 * Issues and checks viewer tokens. The server uses {@link HmacViewerIdentity};
 * an integrator whose backend already knows its users can sign tokens for
 * them in the same format (`signViewerToken`, with the server's
 * `viewerSecret`), or plug in another implementation.
 */
export interface ViewerIdentity {
  /** A token for `viewer` (a fresh viewer id when none is given), with a signed display `name` if given: what an integrator signs for its users. */
  issue(viewer?: ViewerId, name?: string): { viewer: ViewerId; token: string };
  /** A token for a new anonymous viewer (what the server hands a page that brings no token); it verifies with `anonymous: true`. */
  issueAnonymous(): { viewer: ViewerId; token: string };
  /** Who a token names, or `undefined` when it is malformed, forged or expired. */
  verify(token: string): VerifiedViewer | undefined;
}

export interface HmacViewerIdentityOptions {
  /** Server secret; the server generates one once and keeps it in its store so tokens survive restarts. */
  secret: string;
  /** Lifetime of issued tokens, in seconds; absent = they do not expire. */
  ttlSeconds?: number;
  now?: () => number;
}

/** The version tag of the tokens the server issues to anonymous viewers. */
const ANONYMOUS_TAG = 'a1';

/**
 * Whether a token, verified or not, claims to be one the server issued to an anonymous viewer (`a1.`): when it
 * does not verify (the server's secret changed, it expired), the handshake gives a fresh anonymous identity
 * instead of refusing it. Any other token that does not verify (`v1`, `v2`: signed for a known user) is refused
 * with `bad_viewer_token`, never replaced by an anonymous identity. Forging the tag gains nothing: it only earns
 * what connecting without a token earns.
 */
export function isAnonymousToken(token: string): boolean {
  return token.startsWith(`${ANONYMOUS_TAG}.`);
}

/** Viewer ids in tokens: the same alphabet as other ids, so they never contain the `.` separator. */
const VIEWER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Token format (ASCII, dot-separated), without and with a signed display name:
 *
 *     v1.<viewerId>.<expiry>.<signature>
 *     v2.<viewerId>.<expiry>.<name>.<signature>
 *
 * and, for the anonymous viewers the server issues itself (never signed by an
 * integrator, so interactions that take only signed viewers refuse them):
 *
 *     a1.<viewerId>.<expiry>.<signature>
 *
 * - `viewerId`: 1–64 of `A–Z a–z 0–9 _ -` (an integrator may use its own user ids);
 * - `expiry`: seconds since the epoch in base 10, or empty for a token that does not expire;
 * - `name` (v2): base64url (no padding) of the UTF-8 display name, which must be a valid
 *   `DisplayNameSchema` (1–32 characters, no control or format characters) — the name leaderboards
 *   show, whatever name the handshake claims;
 * - `signature`: base64url (no padding) of HMAC-SHA256(secret, everything before the last dot).
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

  issue(viewer: ViewerId = randomId(12), name?: string): { viewer: ViewerId; token: string } {
    if (!VIEWER_ID.test(viewer)) throw new Error('viewer ids are 1-64 of A-Z a-z 0-9 _ -');
    const expiry = this.ttlSeconds === undefined ? '' : String(Math.floor(this.now() / 1000) + this.ttlSeconds);
    let body = `v1.${viewer}.${expiry}`;
    if (name !== undefined) {
      const valid = parse(DisplayNameSchema, name);
      if (!valid.ok) throw new Error(`not a display name: ${valid.error.message}`);
      body = `v2.${viewer}.${expiry}.${Buffer.from(valid.value, 'utf8').toString('base64url')}`;
    }
    return { viewer, token: `${body}.${this.sign(body)}` };
  }

  issueAnonymous(): { viewer: ViewerId; token: string } {
    const viewer = randomId(12);
    const body = `${ANONYMOUS_TAG}.${viewer}.${this.ttlSeconds === undefined ? '' : String(Math.floor(this.now() / 1000) + this.ttlSeconds)}`;
    return { viewer, token: `${body}.${this.sign(body)}` };
  }

  verify(token: string): VerifiedViewer | undefined {
    if (typeof token !== 'string' || token.length > 512) return undefined;
    const parts = token.split('.');
    const version = parts[0];
    if (!((version === 'v1' || version === ANONYMOUS_TAG) && parts.length === 4) && !(version === 'v2' && parts.length === 5)) return undefined;
    const [, viewer, expiry] = parts as [string, string, string];
    const signature = parts[parts.length - 1]!;
    if (!VIEWER_ID.test(viewer) || !/^\d{0,15}$/.test(expiry)) return undefined;
    const expected = Buffer.from(this.sign(parts.slice(0, -1).join('.')));
    const presented = Buffer.from(signature);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
    if (expiry !== '' && Number(expiry) * 1000 <= this.now()) return undefined;
    if (version === ANONYMOUS_TAG) return { viewer, anonymous: true };
    if (version === 'v1') return { viewer };
    const encoded = parts[3]!;
    if (!BASE64URL.test(encoded)) return undefined;
    const name = parse(DisplayNameSchema, Buffer.from(encoded, 'base64url').toString('utf8'));
    return name.ok ? { viewer, name: name.value } : undefined;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

/**
 * A viewer token signed by an integrator's backend for one of its users, with
 * the secret the OnCue server was given (`viewerSecret` / `ONCUE_VIEWER_SECRET`):
 * the viewer keeps `viewer` as their id everywhere, and leaderboards show `name`.
 */
export function signViewerToken(options: { secret: string; viewer: ViewerId; name?: string; ttlSeconds?: number; now?: () => number }): string {
  const { secret, viewer, name, ttlSeconds, now } = options;
  return new HmacViewerIdentity({ secret, ttlSeconds, now }).issue(viewer, name).token;
}
