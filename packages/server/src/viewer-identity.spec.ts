import { describe, expect, it } from 'vitest';
import { HmacViewerIdentity } from './viewer-identity.js';

describe('HmacViewerIdentity', () => {
  it('issues tokens that verify to their viewer', () => {
    const identity = new HmacViewerIdentity({ secret: 's3cret' });
    const { viewer, token } = identity.issue();
    expect(viewer).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]{43}$/);
    expect(identity.verify(token)).toBe(viewer);
    expect(identity.issue().viewer).not.toBe(viewer);
  });

  it('verifies a token for an id chosen by an integrator', () => {
    const identity = new HmacViewerIdentity({ secret: 's3cret' });
    expect(identity.verify(identity.issue('user_42').token)).toBe('user_42');
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
    for (const bad of ['', '...', 'v1.alice', `v2.alice.${e}.${sig}`, 'a'.repeat(600)]) expect(identity.verify(bad)).toBeUndefined();
  });

  it('refuses expired tokens', () => {
    let now = 1_000_000;
    const identity = new HmacViewerIdentity({ secret: 's3cret', ttlSeconds: 60, now: () => now });
    const { token, viewer } = identity.issue();
    now += 59_000;
    expect(identity.verify(token)).toBe(viewer);
    now += 1_000;
    expect(identity.verify(token)).toBeUndefined();
  });
});
