import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { HmacViewerIdentity, isAnonymousToken, signViewerToken } from './viewer-identity.js';

describe('HmacViewerIdentity', () => {
  it('issues anonymous tokens that verify to their viewer', () => {
    const identity = new HmacViewerIdentity({ secret: 's3cret' });
    const { viewer, token } = identity.issueAnonymous();
    expect(viewer).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(token).toMatch(/^a1\.[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]{43}$/);
    expect(identity.verify(token)).toEqual({ viewer, anonymous: true });
    expect(isAnonymousToken(token)).toBe(true);
    expect(identity.issueAnonymous().viewer).not.toBe(viewer);
  });

  it('issues anonymous tokens that verify as anonymous and cannot be relabelled as signed', () => {
    const identity = new HmacViewerIdentity({ secret: 's3cret' });
    const { viewer, token } = identity.issueAnonymous();
    expect(token).toMatch(/^a1\.[A-Za-z0-9_-]{16}\.\.[A-Za-z0-9_-]{43}$/);
    expect(identity.verify(token)).toEqual({ viewer, anonymous: true });
    expect(identity.verify(token.replace(/^a1/, 'v1')), 'the version is signed too').toBeUndefined();
    expect(identity.verify(identity.issue(viewer).token), 'a signed token is not anonymous').toEqual({ viewer });
  });

  it('verifies a token for an id chosen by an integrator', () => {
    const identity = new HmacViewerIdentity({ secret: 's3cret' });
    const { token } = identity.issue('user_42');
    expect(identity.verify(token)).toEqual({ viewer: 'user_42' });
    expect(isAnonymousToken(token)).toBe(false);
    expect(isAnonymousToken(signViewerToken({ secret: 's3cret', viewer: 'user_42', name: 'Mia' }))).toBe(false);
    expect(() => identity.issue('has.dot')).toThrow();
  });

  it('refuses tokens signed with another secret, tampered or malformed', () => {
    const identity = new HmacViewerIdentity({ secret: 's3cret' });
    const { token } = identity.issue('alice');
    const [v, , e, sig] = token.split('.');
    expect(new HmacViewerIdentity({ secret: 'other' }).verify(token)).toBeUndefined();
    expect(identity.verify(`${v}.mallory.${e}.${sig}`)).toBeUndefined();
    expect(identity.verify(`${v}.alice.9999999999.${sig}`)).toBeUndefined();
    expect(identity.verify(`${token}x`)).toBeUndefined();
    expect(identity.verify(`${token}!`)).toBeUndefined();
    for (const bad of ['', '...', 'v1.alice', `v2.alice.${e}.${sig}`, `v3.alice.${e}.x.${sig}`, 'a'.repeat(600)]) expect(identity.verify(bad)).toBeUndefined();
  });

  it('refuses expired tokens', () => {
    let now = 1_000_000;
    const identity = new HmacViewerIdentity({ secret: 's3cret', ttlSeconds: 60, now: () => now });
    const { token, viewer } = identity.issueAnonymous();
    now += 59_000;
    expect(identity.verify(token)).toEqual({ viewer, anonymous: true });
    now += 1_000;
    expect(identity.verify(token)).toBeUndefined();
  });

  it('carries a signed display name (v2) that cannot be changed without the secret', () => {
    const identity = new HmacViewerIdentity({ secret: 's3cret' });
    const token = signViewerToken({ secret: 's3cret', viewer: 'user_42', name: '  小红 🎉 ' });
    expect(token).toMatch(/^v2\.user_42\.\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(identity.verify(token)).toEqual({ viewer: 'user_42', name: '小红 🎉' });
    const [v, viewer, e, , sig] = token.split('.');
    const forged = Buffer.from('Admin', 'utf8').toString('base64url');
    expect(identity.verify(`${v}.${viewer}.${e}.${forged}.${sig}`), 'another name, same signature').toBeUndefined();
    expect(new HmacViewerIdentity({ secret: 'other' }).verify(token)).toBeUndefined();
    // A validly signed name that is not a display name (control characters, too long) is refused too.
    const raw = (name: string) => {
      const body = `v2.user_42..${Buffer.from(name, 'utf8').toString('base64url')}`;
      return `${body}.${createHmac('sha256', 's3cret').update(body).digest('base64url')}`;
    };
    expect(identity.verify(raw('Mia'))).toEqual({ viewer: 'user_42', name: 'Mia' });
    expect(identity.verify(raw('bell\u0007'))).toBeUndefined();
    expect(identity.verify(raw('x'.repeat(33)))).toBeUndefined();
    expect(() => signViewerToken({ secret: 's3cret', viewer: 'user_42', name: '' })).toThrow(/display name/);
  });
});
