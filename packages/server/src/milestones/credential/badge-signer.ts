import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { BadgeTier, ViewerId } from '@oncue/protocol';
import type { Store } from '../../store/store.js';

/** Store meta key of the credential signing key (its private JWK, made at first start), next to the viewer token secret. */
export const CREDENTIAL_KEY_META = 'badge-credential-key';
/** The JWS algorithm of badge credentials. */
export const BADGE_CREDENTIAL_ALG = 'ES256';
/** The `typ` header of badge credentials. */
export const BADGE_CREDENTIAL_TYP = 'oncue-badges+jwt';

/** A badge as the credential states it: its tier's name and count, and when the viewer earned it. */
export interface CredentialBadge {
  name: string;
  at: number;
  /** When it was earned, ms since the epoch. */
  earnedAt: number;
}

/** The claims of a badge credential (docs/milestones.md, "A badge the embedding site can check"). */
export interface BadgeCredentialClaims {
  iss: string;
  /** The viewer id. */
  sub: ViewerId;
  channel: string;
  badges: CredentialBadge[];
  /** Issued at, seconds since the epoch. */
  iat: number;
}

/**
 * Signs viewers' badges as a compact JWS (ES256, with `jose`) that a site's backend verifies with the public key the
 * server publishes at `/.well-known/jwks.json`, without calling OnCue. The key pair is made at first start; its
 * private JWK is kept in the store's meta ({@link CREDENTIAL_KEY_META}), so credentials stay valid across restarts.
 */
export class BadgeSigner {
  private privateKey: Awaited<ReturnType<typeof importJWK>> | undefined;
  private publicJwk: JWK | undefined;

  /** `meta`: the store's meta values as loaded at start. */
  constructor(private readonly options: { store: Store; issuer: string; meta: Readonly<Record<string, string>> }) {}

  /** Takes the stored key, or makes one and claims it in the store (awaited: no credential before the key is durable). */
  async load(): Promise<void> {
    const stored = this.options.meta[CREDENTIAL_KEY_META];
    let jwk = stored === undefined ? undefined : (JSON.parse(stored) as JWK);
    if (!jwk) {
      // Another process sharing the store may make its key at the same moment: the first stored key wins, for both.
      const pair = await generateKeyPair(BADGE_CREDENTIAL_ALG, { extractable: true });
      const generated = await exportJWK(pair.privateKey);
      jwk = JSON.parse(await this.options.store.claimMeta(CREDENTIAL_KEY_META, JSON.stringify(generated))) as JWK;
    }
    const { d: _private, ...publicPart } = jwk;
    const kid = await calculateJwkThumbprint(publicPart);
    this.privateKey = await importJWK(jwk, BADGE_CREDENTIAL_ALG);
    this.publicJwk = { kty: publicPart.kty!, crv: publicPart.crv!, x: publicPart.x!, y: publicPart.y!, kid, alg: BADGE_CREDENTIAL_ALG, use: 'sig' };
  }

  /** The JWK Set to publish (empty before {@link load}). */
  jwks(): { keys: JWK[] } {
    return { keys: this.publicJwk ? [{ ...this.publicJwk }] : [] };
  }

  /** The credential of `viewer`'s badges in `channel`, issued at `now` (ms). */
  async sign(viewer: ViewerId, channel: string, badges: readonly { tier: BadgeTier; at: number }[], now: number): Promise<string> {
    if (!this.privateKey || !this.publicJwk) throw new Error('the badge signing key is not loaded');
    const claims: Omit<BadgeCredentialClaims, 'iss' | 'sub' | 'iat'> = {
      channel,
      badges: badges.map((b) => ({ name: b.tier.name, at: b.tier.at, earnedAt: b.at })),
    };
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: BADGE_CREDENTIAL_ALG, kid: this.publicJwk.kid!, typ: BADGE_CREDENTIAL_TYP })
      .setIssuer(this.options.issuer)
      .setSubject(viewer)
      .setIssuedAt(Math.floor(now / 1000))
      .sign(this.privateKey);
  }
}
