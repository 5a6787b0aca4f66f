import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { io as connect } from 'socket.io-client';
import { actRequest, newKey, startTestServer, type TestServer } from '../../test/test-server.js';
import { signViewerToken } from '../identity/viewer-identity.js';
import type { Logger } from '../logger.js';

const enter = (id: string) => ({ interaction: id, key: newKey() });

/** A logger that keeps its warnings. */
function warningLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { info: () => {}, warn: (m) => warnings.push(m), error: () => {}, warnings };
}

/** Opens a socket.io connection as a browser would; resolves `connected` or the refusal. */
function tryConnect(url: string, auth: Record<string, unknown>, extraHeaders: Record<string, string> = {}) {
  return new Promise<{ connected: true; close(): void } | { connected: false; message: string; data: any }>((resolve) => {
    const socket = connect(url, { auth, extraHeaders, transports: ['websocket'], forceNew: true, reconnection: false });
    socket.on('connect', () => resolve({ connected: true, close: () => socket.close() }));
    socket.on('connect_error', (err: Error & { data?: unknown }) => {
      socket.close();
      resolve({ connected: false, message: err.message, data: err.data });
    });
  });
}

/**
 * A client that speaks the engine.io/socket.io text protocol over a raw
 * WebSocket, joins, then stops reading its TCP socket and floods `event`
 * frames (with ack ids, so each one asks for an answer).
 */
async function silentFlooder(t: TestServer, event: string, payload: unknown, maxMs: number): Promise<{ sent: number; stop(): void }> {
  const ws = new WebSocket(`${t.server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('0')) ws.send(`40${JSON.stringify({ room: t.room })}`);
      else if (text.startsWith('40')) {
        (ws as unknown as { _socket: { pause(): void } })._socket.pause();
        resolve();
      } else if (text.startsWith('44')) reject(new Error(text));
    });
  });
  const state = { sent: 0, stopped: false, stop: () => {} };
  const started = performance.now();
  state.stop = () => {
    state.stopped = true;
    ws.terminate();
  };
  const flood = () => {
    if (state.stopped || performance.now() - started > maxMs || ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount < 256 * 1024) {
      for (let i = 0; i < 100; i++) ws.send(`42${++state.sent}${JSON.stringify([event, payload])}`);
    }
    setImmediate(flood);
  };
  flood();
  return state;
}

/** Waits until `predicate` holds, polling. */
async function until(predicate: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('budgets of client events', () => {
  it('answers rate_limited with a retry hint once a socket spends its sync budget', async () => {
    const t = await startTestServer();
    const viewer = await t.connectViewer();
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await viewer.request('sync', {}));
    expect(answers.slice(0, 5).every((a) => a.ok)).toBe(true);
    const refused = answers.slice(5);
    for (const a of refused) expect(a).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
    const hint = (refused[0] as { error: { retryAfterMs: number } }).error.retryAfterMs;
    expect(hint).toBeGreaterThan(0);
    expect(hint).toBeLessThanOrEqual(1000);
    // After the hinted wait, one more sync goes through.
    await new Promise((r) => setTimeout(r, hint + 20));
    expect(await viewer.request('sync', {})).toMatchObject({ ok: true });
  });

  it('shares one budget between all sockets of an address', async () => {
    const t = await startTestServer({
      eventBudgets: { perSocket: { sync: { ratePerSecond: 100, burst: 100 } }, perAddress: { sync: { ratePerSecond: 0.1, burst: 6 } } },
    });
    const a = await t.connectViewer();
    const b = await t.connectViewer();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await a.request('sync', {}), await b.request('sync', {}));
    expect(answers.map((x) => x.ok)).toEqual([true, true, true, true, true, true, false, false]);
    expect(answers[7]).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('charges votes to the socket and to the address', async () => {
    const t = await startTestServer({
      rateLimit: { ratePerSecond: 0.1, burst: 3 },
      eventBudgets: { perAddress: { action: { ratePerSecond: 0.1, burst: 5 } } },
    });
    const id = await t.createPoll({ allowChange: true });
    const a = await t.connectViewer();
    const b = await t.connectViewer();
    const vote = (c: typeof a) => c.act('vote', { interaction: id, choices: [0], key: newKey() });
    const fromA = [await vote(a), await vote(a), await vote(a), await vote(a)].map((r) => r.ok);
    expect(fromA, 'the socket allows 3').toEqual([true, true, true, false]);
    const fromB = [await vote(b), await vote(b), await vote(b)].map((r) => r.ok);
    expect(fromB, 'the address allows 5 in all').toEqual([true, true, false]);
  });

  it('disconnects a socket that floods sync and never reads, with a log line, before it costs the server much memory', async () => {
    const logger = warningLogger();
    // No sync budget: every request gets a full snapshot, so only the bound on unread bytes stands in the way.
    const t = await startTestServer({ logger, eventBudgets: false, maxUnreadBytes: 256 * 1024 });
    for (let i = 0; i < 11; i++) await t.createPoll({ question: `Question ${i}: which of these outfits should the host wear next?` });
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
    const flooder = await silentFlooder(t, 'sync', {}, 10_000);
    try {
      await until(() => t.server.io.engine.clientsCount === 0, 'the silent socket to be dropped', 10_000);
    } finally {
      clearInterval(sampler);
      flooder.stop();
    }
    expect(logger.warnings.some((w) => /disconnecting socket .* bytes unread, limit 262144/.test(w))).toBe(true);
    // The old server held every answer: hundreds of MB within seconds (~48 MB/s measured).
    expect((peak - heapBefore) / 1024 / 1024).toBeLessThan(64);
    // Everyone else is still served.
    const viewer = await t.connectViewer();
    expect(viewer.views.size).toBe(11);
  });

  it('drops a non-reading socket that floods refused events too (the refusals pile up as well)', async () => {
    const logger = warningLogger();
    // The flood guard off: this is about what the refusals leave unread.
    const t = await startTestServer({ logger, maxUnreadBytes: 64 * 1024, floodLimit: false });
    const id = await t.createPoll();
    const flooder = await silentFlooder(t, 'act', actRequest('vote', { interaction: id, choices: [0], key: 'same-key' }), 10_000);
    try {
      await until(() => t.server.io.engine.clientsCount === 0, 'the silent socket to be dropped', 10_000);
    } finally {
      flooder.stop();
    }
    expect(flooder.sent).toBeGreaterThan(0);
    expect(logger.warnings.some((w) => w.includes('bytes unread'))).toBe(true);
  });

  it('drops a socket that floods events past its flood limit, unknown events included, and keeps a burst a page can send', async () => {
    const logger = warningLogger();
    const t = await startTestServer({ logger });
    const id = await t.createPoll({ allowChange: true });
    // A page flushing its outbox (as much as the action burst takes) and syncing is no flood.
    const page = await t.connectViewer();
    const answers = await Promise.all([
      ...Array.from({ length: 40 }, () => page.act('vote', { interaction: id, choices: [0], key: newKey() })),
      ...Array.from({ length: 5 }, () => page.request('sync', {})),
    ]);
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(page.socket.connected).toBe(true);
    // A script sending events nobody handles, far past any budget, is dropped.
    const flooder = await t.connectViewer();
    const dropped = new Promise<string>((resolve) => flooder.socket.on('disconnect', resolve));
    for (let i = 0; i < 1000; i++) flooder.socket.emit('nonsense', { i });
    expect(await dropped).toBe('io server disconnect');
    expect(logger.warnings.some((w) => w.includes('flooding: over 200 events at once or 100/s'))).toBe(true);
    expect(page.socket.connected).toBe(true);
  });

  it('caps open connections per address, and counts the forwarded address only when told to trust the proxy', async () => {
    const t = await startTestServer({ maxSocketsPerAddress: 2 });
    const first = await tryConnect(t.server.url, { room: t.room });
    const second = await tryConnect(t.server.url, { room: t.room });
    expect([first.connected, second.connected]).toEqual([true, true]);
    const third = await tryConnect(t.server.url, { room: t.room }, { 'x-forwarded-for': '203.0.113.7' });
    expect(third.connected, 'X-Forwarded-For is not trusted by default').toBe(false);
    if (first.connected) first.close();
    await until(() => t.server.io.engine.clientsCount === 1, 'the closed connection to be counted out', 2000);
    const fourth = await tryConnect(t.server.url, { room: t.room });
    expect(fourth.connected, 'a freed place can be taken again').toBe(true);

    const proxied = await startTestServer({ maxSocketsPerAddress: 1, trustProxy: 1 });
    const alice = await tryConnect(proxied.server.url, { room: t.room }, { 'x-forwarded-for': '203.0.113.7' });
    const bob = await tryConnect(proxied.server.url, { room: t.room }, { 'x-forwarded-for': '198.51.100.1, 203.0.113.8' });
    const aliceAgain = await tryConnect(proxied.server.url, { room: t.room }, { 'x-forwarded-for': '203.0.113.7' });
    expect([alice.connected, bob.connected, aliceAgain.connected]).toEqual([true, true, false]);
    for (const c of [second, fourth, alice, bob]) if (c.connected) c.close();
  });

  it('caps new anonymous viewers per address with a typed refusal, and lets known viewers back in', async () => {
    const viewerSecret = 'integrator-shared-secret-0123456789abcdef';
    const logger = warningLogger();
    const t = await startTestServer({ anonymousViewers: { max: 3, windowMs: 60_000 }, viewerSecret, logger });
    const viewers = [await t.connectViewer(), await t.connectViewer(), await t.connectViewer()];
    const refused = await t.connectRefused({ room: t.room });
    expect(refused.data).toMatchObject({ code: 'rate_limited', retryAfterMs: expect.any(Number) });
    expect(refused.data.retryAfterMs).toBeGreaterThan(10_000);
    await t.connectRefused({ room: t.room });
    // The operator is told once (not once per refusal) and pointed at the proxy setting and the limit.
    expect(logger.warnings.filter((w) => /refused a new anonymous viewer from .*ONCUE_TRUST_PROXY/.test(w))).toHaveLength(1);
    // A viewer who comes back with their token is not new; a viewer signed by the integrator is not anonymous.
    const token = viewers[0]!.welcome.viewerToken;
    viewers[0]!.close();
    expect((await t.connectViewer({ viewerToken: token })).welcome.viewer).toBe(viewers[0]!.welcome.viewer);
    const signed = await t.connectViewer({ viewerToken: signViewerToken({ secret: viewerSecret, viewer: 'shop_user_1' }) });
    expect(signed.welcome.viewer).toBe('shop_user_1');
    // Hosts carry the host token: not counted either.
    await t.connectHost();
  });
});

describe('signed-only interactions', () => {
  const viewerSecret = 'integrator-shared-secret-0123456789abcdef';
  const LOTTERY = { kind: 'lottery', prize: 'A lipstick set', winners: 1, signedOnly: true };

  it('refuses entries from anonymous viewers with signed_viewer_required and takes signed ones', async () => {
    const t = await startTestServer({ viewerSecret });
    const created = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: LOTTERY });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const anonymous = await t.connectViewer();
    expect(await anonymous.act('enter', enter(id))).toMatchObject({ ok: false, error: { code: 'signed_viewer_required' } });
    // An anonymous token the server issued does not pass for a signed one after a reconnect either.
    const again = await t.connectViewer({ viewerToken: anonymous.welcome.viewerToken });
    expect(await again.act('enter', enter(id))).toMatchObject({ ok: false, error: { code: 'signed_viewer_required' } });
    const signed = await t.connectViewer({ viewerToken: signViewerToken({ secret: viewerSecret, viewer: 'shop_user_7', name: 'Mia' }) });
    expect(await signed.act('enter', enter(id))).toMatchObject({ ok: true });
    // Interactions without the flag take everyone.
    const poll = await t.createPoll();
    expect(await anonymous.act('vote', { interaction: poll, choices: [0], key: newKey() })).toMatchObject({ ok: true });
    // The flag survives a restart (it is part of the stored interaction).
    await t.restart();
    const later = await t.connectViewer();
    expect(await later.act('enter', enter(id))).toMatchObject({ ok: false, error: { code: 'signed_viewer_required' } });
  });

  it('refuses every action of anonymous viewers in a signed-only room', async () => {
    const t = await startTestServer({ viewerSecret, signedOnlyRooms: ['test-room'] });
    const poll = await t.createPoll();
    const anonymous = await t.connectViewer();
    expect(await anonymous.act('vote', { interaction: poll, choices: [0], key: newKey() })).toMatchObject({
      ok: false,
      error: { code: 'signed_viewer_required' },
    });
    expect(await anonymous.request('sync', {}), 'reading is fine').toMatchObject({ ok: true });
    const signed = await t.connectViewer({ viewerToken: signViewerToken({ secret: viewerSecret, viewer: 'shop_user_8' }) });
    expect(await signed.act('vote', { interaction: poll, choices: [0], key: newKey() })).toMatchObject({ ok: true });
  });
});
