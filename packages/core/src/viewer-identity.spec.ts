import { HmacViewerIdentity, signViewerToken } from '@oncue/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshRoom, type TestServer, until, useTestServer } from '../test/fixtures.js';
import { memoryStorage } from './key-value-storage.js';
import { forgetViewer } from './viewer-identity.js';
import { vote } from './kinds/poll/vote.js';

describe('viewer identity', () => {
  let server: TestServer;
  const conns = useTestServer((started) => (server = started));
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  afterEach(() => warn.mockClear());

  const storageKey = () => `oncue:viewer:${server.url}`;
  const firstViewer = (conn: { $viewer: Parameters<typeof until<string | undefined>>[0] }) => until(conn.$viewer, (id) => id !== undefined);

  it('refuses a bad signed token out loud ($failure, console.warn) and keeps the valid token stored before', async () => {
    const storage = memoryStorage();
    const anonymous = await firstViewer(conns.viewer(server, freshRoom(), storage));
    const stored = storage.getItem(storageKey());
    expect(stored).toBeTruthy();

    const forged = signViewerToken({ secret: 'a-secret-the-server-does-not-know-0123456789', viewer: 'shop_user_8' });
    const refused = conns.viewer(server, freshRoom(), storage, { viewerToken: forged });
    await until(refused.$connection, (state) => state === 'failed');
    expect(refused.$failure.get()).toMatchObject({ code: 'bad_viewer_token' });
    expect(refused.$viewer.get(), 'never a fresh anonymous identity').toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('bad_viewer_token');
    expect(storage.getItem(storageKey()), 'the stored token is untouched').toBe(stored);
    expect(await vote(refused, 'p1', [0])).toMatchObject({ ok: false, error: { code: 'bad_viewer_token' } });

    expect(await firstViewer(conns.viewer(server, freshRoom(), storage))).toBe(anonymous);
  });

  it('refuses an expired signed token', async () => {
    const expired = signViewerToken({ secret: server.viewerSecret, viewer: 'shop_user_9', ttlSeconds: 1, now: () => Date.now() - 10_000 });
    const refused = conns.viewer(server, freshRoom(), memoryStorage(), { viewerToken: expired });
    await until(refused.$connection, (state) => state === 'failed');
    expect(refused.$failure.get()).toMatchObject({ code: 'bad_viewer_token' });
  });

  it("replaces a stale stored anonymous token (the server's secret changed) with a fresh anonymous identity, silently", async () => {
    const storage = memoryStorage();
    storage.setItem(storageKey(), new HmacViewerIdentity({ secret: 'the-secret-before-a-rotation-0123456789' }).issueAnonymous().token);
    const conn = conns.viewer(server, freshRoom(), storage);
    await firstViewer(conn);
    expect(conn.$failure.get()).toBeUndefined();
    expect(storage.getItem(storageKey())).toMatch(/^a1\./);
    expect(warn).not.toHaveBeenCalled();
  });

  it('forgets the stored identity on logout: the next connection is a new viewer', async () => {
    const storage = memoryStorage();
    const before = await firstViewer(conns.viewer(server, freshRoom(), storage));
    storage.setItem('oncue:viewer:https://other.example', 'a1.someone..sig');
    forgetViewer(`${server.url}/`, storage);
    expect(storage.getItem(storageKey())).toBeNull();
    expect(storage.getItem('oncue:viewer:https://other.example'), "another server's identity stays").not.toBeNull();
    const after = await firstViewer(conns.viewer(server, freshRoom(), storage));
    expect(after).not.toBe(before);

    forgetViewer(undefined, storage); // every server
    expect(storage.getItem(storageKey())).toBeNull();
    expect(storage.getItem('oncue:viewer:https://other.example')).toBeNull();
  });
});
