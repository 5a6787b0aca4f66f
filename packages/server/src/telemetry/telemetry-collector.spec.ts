import { describe, expect, it } from 'vitest';
import { MAX_TELEMETRY_BATCH_EVENTS, TELEMETRY_SCHEMA_VERSION } from '@oncue/protocol';
import { MAX_TELEMETRY_ADDRESS_ROOMS, MAX_TELEMETRY_BATCH_ROOMS } from './collector-budget.js';
import { MemoryStore } from '../store/memory-store.js';
import { telemetryEvent } from '../../test/telemetry-event.js';
import { startTestServer } from '../../test/test-server.js';

const batch = (events: unknown[]) => ({ v: TELEMETRY_SCHEMA_VERSION, events });

describe('POST /api/telemetry', () => {
  it('stores a valid batch sent as text/plain without a token and answers what was new', async () => {
    const t = await startTestServer();
    const events = [telemetryEvent({ room: t.room, at: Date.now() }), telemetryEvent({ room: t.room, type: 'submit', at: Date.now() })];
    const response = await t.rest('POST', '/api/telemetry', { body: batch(events), token: null, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ stored: 2, duplicates: 0 });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const ndjson = await t.rest('GET', `/api/rooms/${t.room}/telemetry.ndjson`);
    expect(
      String(ndjson.body)
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).id),
    ).toEqual(events.map((e) => e.id));
  });

  it('stores an event sent twice once, across batches and within one', async () => {
    const t = await startTestServer();
    const a = telemetryEvent({ room: t.room, at: Date.now() });
    const b = telemetryEvent({ room: t.room, at: Date.now() });
    expect((await t.rest('POST', '/api/telemetry', { body: batch([a]), token: null })).body).toEqual({ stored: 1, duplicates: 0 });
    expect((await t.rest('POST', '/api/telemetry', { body: batch([a, b, b]), token: null })).body).toEqual({ stored: 1, duplicates: 2 });
    const ndjson = await t.rest('GET', `/api/rooms/${t.room}/telemetry.ndjson`);
    expect(String(ndjson.body).trim().split('\n')).toHaveLength(2);
  });

  it('keeps de-duplicating after a restart (the ids are in the SQLite file)', async () => {
    const t = await startTestServer();
    const a = telemetryEvent({ room: t.room, at: Date.now() });
    await t.rest('POST', '/api/telemetry', { body: batch([a]), token: null });
    await t.restart();
    expect((await t.rest('POST', '/api/telemetry', { body: batch([a]), token: null })).body).toEqual({ stored: 0, duplicates: 1 });
  });

  it.each([
    ['not JSON', { rawBody: '{nope' }, 'not valid JSON'],
    ['an unknown schema version', { body: { v: 99, events: [telemetryEvent()] } }, 'unknown schema version'],
    ['no events', { body: batch([]) }, 'at least one event'],
    ['too many events', { body: batch(Array.from({ length: MAX_TELEMETRY_BATCH_EVENTS + 1 }, () => ({ type: 'x' }))) }, 'events'],
    ['an unknown event type', { body: batch([telemetryEvent({ type: 'hover' as never })]) }, 'events.0.type'],
    ['a bad room name', { body: batch([telemetryEvent({ room: '../etc' })]) }, 'events.0.room'],
    ['a short event id', { body: batch([telemetryEvent({ id: 'x' })]) }, 'events.0.id'],
    ['a negative dwell', { body: batch([telemetryEvent({ type: 'dwell', ms: -5 })]) }, 'events.0.ms'],
    ['an unknown error code', { body: batch([telemetryEvent({ type: 'rejected', code: 'nope' as never })]) }, 'events.0.code'],
  ])('refuses a batch with %s (400 bad_request) and stores nothing of it', async (_what, init, message) => {
    const store = new MemoryStore();
    const t = await startTestServer({ store });
    const response = await t.rest('POST', '/api/telemetry', { ...init, token: null });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('bad_request');
    expect(response.body.error.message).toContain(message);
    expect(await store.readTelemetry('test-room')).toEqual([]);
  });

  it('answers 429 with Retry-After to an address that sends too fast, and stores nothing of it', async () => {
    const t = await startTestServer({ telemetryRate: { ratePerSecond: 0.001, burst: 2 } });
    const post = () => t.rest('POST', '/api/telemetry', { body: batch([telemetryEvent({ room: t.room, at: Date.now() })]), token: null });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    // Retry-After is the time until the bucket has a token again (1 / 0.001 per second), not a fixed second.
    expect(refused.headers.get('retry-after')).toBe('1000');
    expect(refused.headers.get('access-control-expose-headers')).toBe('Retry-After');
    const ndjson = await t.rest('GET', `/api/rooms/${t.room}/telemetry.ndjson`);
    expect(String(ndjson.body).trim().split('\n')).toHaveLength(2);
  });

  it('keeps each forwarded client to its own budget only when told to trust the proxy', async () => {
    for (const trustProxy of [false, true]) {
      const t = await startTestServer({ telemetryRate: { ratePerSecond: 0.001, burst: 1 }, trustProxy });
      const post = (client: string) =>
        t.rest('POST', '/api/telemetry', {
          body: batch([telemetryEvent({ room: t.room, at: Date.now() })]),
          token: null,
          headers: { 'x-forwarded-for': client },
        });
      expect((await post('203.0.113.1')).status).toBe(200);
      // Behind a trusted proxy the second client has a budget of its own; otherwise both are the proxy's address.
      expect((await post('203.0.113.2')).status).toBe(trustProxy ? 200 : 429);
      expect((await post('203.0.113.1')).status).toBe(429);
    }
  });

  it('counts events, not requests: a batch over the address budget gets 429 with Retry-After and nothing of it is stored', async () => {
    const t = await startTestServer({ telemetryEventRate: { ratePerSecond: 10, burst: 300 } });
    const post = (n: number) =>
      t.rest('POST', '/api/telemetry', { body: batch(Array.from({ length: n }, () => telemetryEvent({ room: t.room, at: Date.now() }))), token: null });
    expect((await post(200)).body).toEqual({ stored: 200, duplicates: 0 });
    const refused = await post(200);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('events') });
    // 100 tokens left, 100 more needed at 10 a second.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(9);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(10);
    expect((await post(100)).status).toBe(200);
    const ndjson = await t.rest('GET', `/api/rooms/${t.room}/telemetry.ndjson`);
    expect(String(ndjson.body).trim().split('\n')).toHaveLength(300);
  });

  it('refuses a batch that spans too many rooms (400), and an address that reports too many rooms a minute (429)', async () => {
    const store = new MemoryStore();
    const t = await startTestServer({ store });
    const post = (rooms: string[]) =>
      t.rest('POST', '/api/telemetry', { body: batch(rooms.map((room) => telemetryEvent({ room, at: Date.now() }))), token: null });
    const rooms = (from: number, n: number) => Array.from({ length: n }, (_, i) => `room-${from + i}`);
    const wide = await post(rooms(0, MAX_TELEMETRY_BATCH_ROOMS + 1));
    expect(wide.status).toBe(400);
    expect(wide.body.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining(`at most ${MAX_TELEMETRY_BATCH_ROOMS} rooms`) });
    expect(await store.readTelemetry('room-0')).toEqual([]);
    for (let from = 0; from < MAX_TELEMETRY_ADDRESS_ROOMS; from += MAX_TELEMETRY_BATCH_ROOMS)
      expect((await post(rooms(from, MAX_TELEMETRY_BATCH_ROOMS))).status).toBe(200);
    expect((await post(rooms(0, MAX_TELEMETRY_BATCH_ROOMS))).status).toBe(200); // rooms it already reported
    const more = await post([`room-${MAX_TELEMETRY_ADDRESS_ROOMS}`]);
    expect(more.status).toBe(429);
    expect(more.body.error.code).toBe('rate_limited');
    expect(Number(more.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await store.readTelemetry(`room-${MAX_TELEMETRY_ADDRESS_ROOMS}`)).toEqual([]);
  });

  it('holds all addresses together to the total event budget', async () => {
    const t = await startTestServer({ telemetryTotalEventRate: { ratePerSecond: 0.001, burst: 250 } });
    const post = (n: number) =>
      t.rest('POST', '/api/telemetry', { body: batch(Array.from({ length: n }, () => telemetryEvent({ room: t.room, at: Date.now() }))), token: null });
    expect((await post(200)).status).toBe(200);
    expect(await post(100)).toMatchObject({ status: 429, body: { error: { code: 'rate_limited', message: expect.stringContaining('busy') } } });
  });

  it('refuses a body over 64 KB with 413 and other methods with 405', async () => {
    const t = await startTestServer();
    const big = await t.rest('POST', '/api/telemetry', { rawBody: JSON.stringify(batch([telemetryEvent({ sdk: 'x'.repeat(70_000) })])), token: null });
    expect(big.status).toBe(413);
    expect((await t.rest('GET', '/api/telemetry', { token: null })).status).toBe(405);
  });
});

describe('metrics and export endpoints', () => {
  it('need the host token', async () => {
    const t = await startTestServer();
    for (const path of ['metrics', 'telemetry.csv', 'telemetry.ndjson']) {
      const response = await t.rest('GET', `/api/rooms/${t.room}/${path}`, { token: 'wrong' });
      expect(response.status, path).toBe(401);
    }
  });

  it('exports CSV with a header, quoting, and formula cells defused', async () => {
    const t = await startTestServer();
    const at = Date.now();
    await t.rest('POST', '/api/telemetry', {
      body: batch([
        telemetryEvent({ room: t.room, at, viewer: '=HYPERLINK("x")' }),
        telemetryEvent({ room: t.room, at, viewer: '@cmd', type: 'dwell', ms: 1200 }),
      ]),
      token: null,
    });
    const response = await t.rest('GET', `/api/rooms/${t.room}/telemetry.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain(`oncue-${t.room}-telemetry.csv`);
    const lines = String(response.body).trim().split('\r\n');
    expect(lines[0]).toBe('id,v,seq,type,room,interaction,kind,viewer,session,at,sdk,variant,code,ms,state,receivedAt');
    expect(lines[1]).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(lines[2]).toContain(`,'@cmd,`);
    expect(lines[2]).toContain(',dwell,');
    expect(lines[2]).toContain(',1200,');
  });
});
