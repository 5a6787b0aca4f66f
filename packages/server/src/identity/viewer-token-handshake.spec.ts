import { describe, expect, it } from 'vitest';
import { HmacViewerIdentity, signViewerToken } from './viewer-identity.js';
import { startTestServer } from '../../test/test-server.js';

const SECRET = 'viewer-secret-for-handshake-tests-0123456789';

describe('viewer tokens at the handshake', () => {
  it('refuses a forged, tampered, expired or foreign signed token with bad_viewer_token instead of a fresh identity', async () => {
    let now = Date.UTC(2026, 11, 1);
    const t = await startTestServer({ viewerSecret: SECRET, now: () => now });
    const valid = signViewerToken({ secret: SECRET, viewer: 'shop_user_1', name: 'Mia' });
    expect((await t.connectViewer({ viewerToken: valid })).welcome).toMatchObject({ viewer: 'shop_user_1', viewerToken: valid });

    const [version, viewer, expiry, name, signature] = valid.split('.');
    const expiring = signViewerToken({ secret: SECRET, viewer: 'shop_user_2', ttlSeconds: 60, now: () => now });
    const bad = {
      forged: signViewerToken({ secret: 'another-secret-entirely-0123456789abcdef', viewer: 'shop_user_1' }),
      tampered: `${version}.${viewer}.${expiry}.${Buffer.from('Admin').toString('base64url')}.${signature}`,
      'other viewer': `${version}.shop_user_9.${expiry}.${name}.${signature}`,
      garbage: 'garbage',
      'v1 without signature': `v1.${viewer}.${expiry}.`,
    };
    for (const [what, viewerToken] of Object.entries(bad)) {
      expect(await t.connectRefused({ room: t.room, viewerToken }), what).toMatchObject({ data: { code: 'bad_viewer_token' } });
    }
    expect((await t.connectViewer({ viewerToken: expiring })).welcome.viewer).toBe('shop_user_2');
    now += 61_000;
    expect(await t.connectRefused({ room: t.room, viewerToken: expiring }), 'expired').toMatchObject({ data: { code: 'bad_viewer_token' } });
  });

  it('replaces a stale anonymous token the server issued (its secret changed) with a fresh anonymous identity', async () => {
    const t = await startTestServer({ viewerSecret: SECRET });
    const stale = new HmacViewerIdentity({ secret: 'the-secret-before-a-rotation-0123456789' }).issueAnonymous();
    const client = await t.connectViewer({ viewerToken: stale.token });
    expect(client.welcome.viewer).not.toBe(stale.viewer);
    expect(client.welcome.viewerToken).toMatch(/^a1\./);
  });
});
