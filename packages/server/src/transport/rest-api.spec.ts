import { describe, expect, it } from 'vitest';
import { MAX_REST_BODY_BYTES } from '@oncue/protocol';
import { newKey, POLL, startTestServer } from '../../test/test-server.js';

describe('REST API', () => {
  it('creates and opens a poll, answering 201 with its view', async () => {
    const t = await startTestServer();
    const response = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: POLL });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{6,}$/),
      kind: 'poll',
      status: 'open',
      question: 'Best snack?',
      options: [
        { label: 'Popcorn', votes: 0 },
        { label: 'Nachos', votes: 0 },
        { label: 'Fruit', votes: 0 },
      ],
      voters: 0,
      multi: false,
      maxChoices: 1,
      allowChange: false,
      results: 'live',
      createdAt: expect.any(Number),
      openedAt: expect.any(Number),
    });
  });

  it('gets one interaction with votes per option, and lists them in creation order', async () => {
    const t = await startTestServer();
    const first = await t.createPoll({ options: [{ label: 'A', image: 'https://example.com/a.png' }, { label: 'B' }] });
    const second = await t.createPoll({ question: 'Second?', draft: true });
    const viewer = await t.connectViewer();
    await viewer.act('vote', { interaction: first, choices: [1], key: newKey() });

    const one = await t.rest('GET', `/api/rooms/${t.room}/interactions/${first}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: first,
      status: 'open',
      options: [
        { label: 'A', image: 'https://example.com/a.png', votes: 0 },
        { label: 'B', votes: 1 },
      ],
      voters: 1,
    });
    const list = await t.rest('GET', `/api/rooms/${t.room}/interactions`);
    expect(list.status).toBe(200);
    expect(list.body.room).toBe(t.room);
    expect(list.body.interactions.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      [first, 'open'],
      [second, 'draft'],
    ]);
  });

  it('opens and closes an interaction', async () => {
    const t = await startTestServer();
    const id = await t.createPoll({ draft: true });
    const opened = await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/open`);
    expect(opened).toMatchObject({ status: 200, body: { id, status: 'open', openedAt: expect.any(Number) } });
    const closed = await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/close`);
    expect(closed).toMatchObject({ status: 200, body: { id, status: 'closed', closedAt: expect.any(Number) } });
    const again = await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/close`);
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'already_closed' } } });
  });

  it('answers health without a token', async () => {
    const t = await startTestServer();
    expect(await t.rest('GET', '/api/health', { token: null })).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('refuses a missing or wrong bearer token', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    for (const token of [null, 'wrong', '']) {
      for (const [method, path] of [
        ['GET', `/api/rooms/${t.room}/interactions`],
        ['GET', `/api/rooms/${t.room}/interactions/${id}`],
        ['POST', `/api/rooms/${t.room}/interactions/${id}/close`],
      ] as const) {
        expect(await t.rest(method, path, { token }), `${method} ${path} with ${token}`).toMatchObject({
          status: 401,
          body: { error: { code: 'unauthorized', message: expect.any(String) } },
        });
      }
      expect(await t.rest('POST', `/api/rooms/${t.room}/interactions`, { token, body: POLL })).toMatchObject({ status: 401 });
    }
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body.status).toBe('open');
  });

  it('answers 404 unknown_room and unknown_interaction', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    expect(await t.rest('GET', '/api/rooms/empty-room/interactions')).toMatchObject({ status: 404, body: { error: { code: 'unknown_room' } } });
    expect(await t.rest('GET', `/api/rooms/empty-room/interactions/${id}`)).toMatchObject({ status: 404, body: { error: { code: 'unknown_room' } } });
    expect(await t.rest('POST', '/api/rooms/empty-room/interactions/abc/close')).toMatchObject({ status: 404, body: { error: { code: 'unknown_room' } } });
    expect(await t.rest('GET', `/api/rooms/${t.room}/interactions/missing`)).toMatchObject({
      status: 404,
      body: { error: { code: 'unknown_interaction' } },
    });
    expect(await t.rest('POST', `/api/rooms/${t.room}/interactions/missing/open`)).toMatchObject({
      status: 404,
      body: { error: { code: 'unknown_interaction' } },
    });
  });

  it('answers 400 unsupported_kind for an unknown kind, even when its fields are wrong for a poll', async () => {
    const t = await startTestServer();
    const response = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { kind: 'blind-box', boxes: 12 } });
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'unsupported_kind' } } });
  });

  it('answers 400 bad_request for malformed JSON, an empty body and invalid specs', async () => {
    const t = await startTestServer();
    const path = `/api/rooms/${t.room}/interactions`;
    for (const rawBody of ['{"kind": "poll",', 'not json', '', '   ']) {
      expect(await t.rest('POST', path, { rawBody }), rawBody).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    }
    for (const body of [[], 'poll', 12, null, {}, { kind: 'poll' }, { ...POLL, options: [] }, { ...POLL, results: 'never' }]) {
      expect(await t.rest('POST', path, { body }), JSON.stringify(body)).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    }
    expect(await t.rest('GET', '/api/rooms/bad%20room/interactions')).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
  });

  it('answers 413 payload_too_large for an oversized body', async () => {
    const t = await startTestServer();
    const path = `/api/rooms/${t.room}/interactions`;
    const big = { ...POLL, padding: 'x'.repeat(MAX_REST_BODY_BYTES) };
    expect(await t.rest('POST', path, { body: big })).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    const huge = { ...POLL, padding: 'x'.repeat(MAX_REST_BODY_BYTES * 20) };
    const response = await t.rest('POST', path, { body: huge }).catch((err: unknown) => err);
    // Far beyond the limit the server answers at once and closes the connection; the client may see either.
    if (!(response instanceof Error)) expect(response).toMatchObject({ status: 413 });
    expect((await t.rest('GET', '/api/health', { token: null })).status).toBe(200);
    expect(await t.rest('GET', path)).toMatchObject({ status: 404 });
  });

  it('answers CORS preflights and adds CORS headers', async () => {
    const t = await startTestServer();
    const preflight = await fetch(`${t.server.url}/api/rooms/${t.room}/interactions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://streamer.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
    const response = await t.rest('GET', '/api/health', { token: null });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers 404 and 405 for routes it does not have', async () => {
    const t = await startTestServer();
    expect(await t.rest('GET', '/api/nothing')).toMatchObject({ status: 404, body: { error: { code: 'bad_request' } } });
    expect(await t.rest('GET', `/api/rooms/${t.room}/interactions/x/explode`)).toMatchObject({ status: 404 });
    expect(await t.rest('DELETE', `/api/rooms/${t.room}/interactions`)).toMatchObject({ status: 405 });
    expect(await t.rest('GET', '/nothing-here')).toMatchObject({ status: 404 });
  });

  it('answers 404 to the proof of a draft giveaway (its prize is not announced yet) and the proof once it is launched', async () => {
    const t = await startTestServer();
    const created = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { kind: 'lottery', prize: 'Secret prize', winners: 1, draft: true } });
    expect(created).toMatchObject({ status: 201, body: { status: 'draft' } });
    const path = `/api/rooms/${t.room}/interactions/${created.body.id}/proof`;
    const hidden = await t.rest('GET', path, { token: null });
    expect(hidden).toMatchObject({ status: 404, body: { error: { code: 'unknown_interaction' } } });
    expect(JSON.stringify(hidden.body)).not.toContain('Secret prize');
    expect((await t.rest('POST', `/api/rooms/${t.room}/interactions/${created.body.id}/open`)).status).toBe(200);
    expect(await t.rest('GET', path, { token: null })).toMatchObject({ status: 200, body: { id: created.body.id, status: 'open' } });
  });

  it('refuses a next body that is not a JSON object', async () => {
    const t = await startTestServer();
    const created = await t.rest('POST', `/api/rooms/${t.room}/interactions`, {
      body: {
        kind: 'quiz',
        questions: [
          { prompt: 'One?', options: [{ label: 'a' }, { label: 'b' }], correct: 0, seconds: 10 },
          { prompt: 'Two?', options: [{ label: 'a' }, { label: 'b' }], correct: 1, seconds: 10 },
        ],
      },
    });
    expect(created.status).toBe(201);
    const path = `/api/rooms/${t.room}/interactions/${created.body.id}/next`;
    for (const rawBody of ['[]', '"next"', '1', 'null']) {
      expect(await t.rest('POST', path, { rawBody }), rawBody).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    }
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${created.body.id}`)).body.current).toBe(0);
    expect(await t.rest('POST', path, { rawBody: '{}' })).toMatchObject({ status: 200, body: { current: 1 } });
  });

  it('answers 429 rate_limited with Retry-After to an address over the REST limit', async () => {
    const t = await startTestServer({ restRate: { max: 3, timeWindowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await t.rest('GET', `/api/rooms/${t.room}/interactions`)).status).not.toBe(429);
    const refused = await t.rest('GET', `/api/rooms/${t.room}/interactions`);
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
