import { describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { actRequest, newKey, startTestServer } from '../../test/test-server.js';

describe('idempotency', () => {
  it('counts a vote sent twice with the same key once and answers the same receipt', async () => {
    const t = await startTestServer();
    const id = await t.createPoll({ allowChange: true });
    const viewer = await t.connectViewer();
    const key = newKey();
    const first = await viewer.act('vote', { interaction: id, choices: [0], key });
    const second = await viewer.act('vote', { interaction: id, choices: [0], key });
    expect(first.ok).toBe(true);
    expect(second).toEqual(first);
    const rest = await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`);
    expect(rest.body).toMatchObject({ tally: [1, 0, 0], voters: 1 });
  });

  it('answers the stored result to a repeat with a different payload, changing nothing', async () => {
    const t = await startTestServer();
    const id = await t.createPoll({ allowChange: true });
    const viewer = await t.connectViewer();
    const key = newKey();
    const first = await viewer.act('vote', { interaction: id, choices: [0], key });
    const repeat = await viewer.act('vote', { interaction: id, choices: [2], key });
    expect(repeat).toEqual(first);
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body.tally).toEqual([1, 0, 0]);
  });

  it('de-duplicates concurrent repeats while the first is still being stored', async () => {
    const t = await startTestServer();
    const id = await t.createPoll({ allowChange: true });
    const viewer = await t.connectViewer();
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 10 }, () => viewer.act('vote', { interaction: id, choices: [1], key })));
    for (const result of results) expect(result).toEqual(results[0]);
    expect(results[0]!.ok).toBe(true);
    const rest = await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`);
    expect(rest.body).toMatchObject({ tally: [0, 1, 0], voters: 1 });
  });

  it('counts a vote once when it is resent after the connection dropped before the ack', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const first = await t.connectViewer();
    const host = await t.connectHost();
    const key = newKey();

    // Send, then drop the transport (as a network failure would) without reading the ack.
    // (A clean `disconnect()` right after `emit` would not do: socket.io drops events that
    // arrive in the same read as the disconnect packet, so the vote would never land.)
    first.socket.emit('act', actRequest('vote', { interaction: id, choices: [2], key }));
    first.socket.io.engine.close();
    await host.waitFor(() => host.poll(id)?.voters === 1, 'the vote to land');

    // Same viewer, new connection, same key.
    const again = await t.connectViewer({ viewerToken: first.welcome.viewerToken });
    expect(again.welcome.viewer).toBe(first.welcome.viewer);
    const retried = await again.act('vote', { interaction: id, choices: [2], key });
    expect(retried).toMatchObject({ ok: true, value: { interaction: id, action: 'vote', mine: [2] } });
    expect(again.mine[id]).toEqual([2]);
    const rest = await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`);
    expect(rest.body).toMatchObject({ tally: [0, 0, 1], voters: 1 });
  });

  it('counts a vote once when the retry races the first attempt on a new connection', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const first = await t.connectViewer();
    const key = newKey();
    first.socket.emit('act', actRequest('vote', { interaction: id, choices: [1], key }));
    first.socket.io.engine.close();
    const again = await t.connectViewer({ viewerToken: first.welcome.viewerToken });
    expect(await again.act('vote', { interaction: id, choices: [1], key })).toMatchObject({ ok: true });
    const rest = await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`);
    expect(rest.body).toMatchObject({ tally: [0, 1, 0], voters: 1 });
  });

  it('keeps keys apart between viewers', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const a = await t.connectViewer();
    const b = await t.connectViewer();
    const key = newKey();
    expect(await a.act('vote', { interaction: id, choices: [0], key })).toMatchObject({ ok: true });
    expect(await b.act('vote', { interaction: id, choices: [1], key })).toMatchObject({ ok: true, value: { mine: [1] } });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body.tally).toEqual([1, 1, 0]);
  });

  it('creates one interaction for a host:create retried with the same key', async () => {
    const t = await startTestServer();
    const host = await t.connectHost();
    const request = { spec: { kind: 'poll', question: 'Once?', options: [{ label: 'a' }, { label: 'b' }] }, key: newKey() };
    const [a, b] = await Promise.all([host.request('host:create', request), host.request('host:create', request)]);
    const c = await host.request('host:create', request);
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions`)).body.interactions).toHaveLength(1);
  });

  it('creates one interaction for a REST create retried with the same Idempotency-Key', async () => {
    const t = await startTestServer();
    const key = newKey();
    const body = { kind: 'poll', question: 'Once?', options: [{ label: 'a' }, { label: 'b' }] };
    const a = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body, headers: { 'idempotency-key': key } });
    const b = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body, headers: { 'idempotency-key': key } });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions`)).body.interactions).toHaveLength(1);

    const bad = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body, headers: { 'idempotency-key': 'short' } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
  });

  it('does not crash on a vote sent without an ack callback', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    viewer.socket.emit('act', actRequest('vote', { interaction: id, choices: [0], key: newKey() }));
    viewer.socket.emit('act', { nonsense: true });
    viewer.socket.emit('act');
    viewer.socket.emit('host:create', 42);
    viewer.socket.emit('sync');
    await viewer.waitFor(() => viewer.poll(id)?.voters === 1, 'the ack-less vote to count');
    const raw = connect(t.server.url, { auth: { room: t.room }, transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise((resolve) => raw.on('snapshot', resolve));
    raw.close();
    expect((await t.rest('GET', '/api/health', { token: null })).status).toBe(200);
  });
});
