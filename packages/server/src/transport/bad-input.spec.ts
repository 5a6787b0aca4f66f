import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '@oncue/protocol';
import { HOST_TOKEN, newKey, recordingLogger, startTestServer } from '../../test/test-server.js';

describe('bad input over the socket', () => {
  it('refuses a handshake without a valid room', async () => {
    const t = await startTestServer();
    for (const auth of [{}, { room: '' }, { room: 'has spaces' }, { room: 42 }, { room: 'x'.repeat(65) }]) {
      expect(await t.connectRefused(auth)).toMatchObject({ data: { code: 'bad_request' } });
    }
  });

  it('refuses a handshake with a bad display name', async () => {
    const t = await startTestServer();
    for (const name of ['', '   ', 'x'.repeat(33), 'bell\u0007', 'zero\u200bwidth', 42]) {
      expect(await t.connectRefused({ room: t.room, name }), JSON.stringify(name)).toMatchObject({ data: { code: 'bad_request' } });
    }
    const ok = await t.connectViewer({ name: '主播的粉丝 🎉' });
    expect(ok.welcome.viewer).toEqual(expect.any(String));
  });

  it('refuses a handshake with a wrong host token', async () => {
    const t = await startTestServer();
    expect(await t.connectRefused({ room: t.room, hostToken: 'wrong' })).toMatchObject({ data: { code: 'unauthorized' } });
    expect(await t.connectRefused({ room: t.room, hostToken: HOST_TOKEN.slice(0, -1) })).toMatchObject({ data: { code: 'unauthorized' } });
    expect(await t.connectRefused({ room: t.room, hostToken: 7 })).toMatchObject({ data: { code: 'bad_request' } });
  });

  it('issues a new viewer for a missing token, or a forged or garbled anonymous one (a bad signed token is refused: viewer-token-handshake.spec.ts)', async () => {
    const t = await startTestServer();
    const viewer = await t.connectViewer();
    expect(viewer.welcome).toMatchObject({ role: 'viewer', viewer: expect.any(String), viewerToken: expect.any(String) });
    const [version, id, expiry] = viewer.welcome.viewerToken.split('.');
    const forged = `${version}.someone-else.${expiry}.${viewer.welcome.viewerToken.split('.')[3]}`;
    expect(version).toBe('a1');
    for (const viewerToken of [forged, `${version}.${id}.${expiry}.`, '']) {
      const other = await t.connectViewer({ viewerToken });
      expect(other.welcome.viewer).not.toBe(viewer.welcome.viewer);
      expect(other.welcome.viewer).not.toBe('someone-else');
    }
  });

  it('answers bad_request to malformed act envelopes', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    const payloads: unknown[] = [
      undefined,
      null,
      'vote',
      42,
      [],
      {},
      { interaction: id, action: 'vote', payload: { choices: [0] } },
      { interaction: id, payload: { choices: [0] }, key: newKey() },
      { interaction: id, action: 'Vote!', payload: { choices: [0] }, key: newKey() },
      { interaction: id, action: 'vote', payload: { choices: [0] }, key: 'short' },
      { interaction: 'has spaces', action: 'vote', payload: { choices: [0] }, key: newKey() },
      { interaction: 12, action: 'vote', payload: { choices: [0] }, key: newKey() },
    ];
    for (const payload of payloads) {
      const result = await viewer.request('act', payload);
      expect(result, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.any(String) } });
    }
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body.voters).toBe(0);
  });

  it('answers bad_request naming the field to a payload that fails the kind schema of the action', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    const cases: [unknown, RegExp][] = [
      [undefined, /^payload\.choices: /],
      [{}, /^payload\.choices: /],
      [42, /^payload: /],
      [{ choices: '0' }, /^payload\.choices: /],
      [{ choices: [] }, /^payload\.choices: /],
      [{ choices: [0.5] }, /^payload\.choices\.0: /],
    ];
    for (const [payload, message] of cases) {
      const result = await viewer.request('act', { interaction: id, action: 'vote', payload, key: newKey() });
      expect(result, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(message) } });
    }
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body.voters).toBe(0);
  });

  it('answers bad_request naming the actions of the kind to an action the kind does not have', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    for (const action of ['answer', 'enter', 'claim', 'constructor', 'tostring']) {
      const result = await viewer.request('act', { interaction: id, action, payload: { choices: [0] }, key: newKey() });
      expect(result, action).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/^action: a poll takes vote, not /) } });
    }
    // The same key then works for a real action: a refusal changes nothing and is not remembered.
    const key = newKey();
    expect(await viewer.request('act', { interaction: id, action: 'answer', payload: {}, key })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await viewer.act('vote', { interaction: id, choices: [1], key })).toMatchObject({ ok: true, value: { interaction: id, action: 'vote', mine: [1] } });
  });

  it('no longer knows the per-kind events: vote, answer, enter and claim go through act', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    viewer.socket.emit('vote', { interaction: id, choices: [0], key: newKey() });
    await expect(viewer.socket.timeout(300).emitWithAck('vote', { interaction: id, choices: [0], key: newKey() })).rejects.toThrow();
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body.voters).toBe(0);
  });

  it('answers payload_too_large to an oversized message', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    const result = await viewer.act('vote', { interaction: id, choices: [0], key: newKey(), padding: 'x'.repeat(MAX_PAYLOAD_BYTES) });
    expect(result).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    const host = await t.connectHost();
    const create = await host.request('host:create', {
      spec: { kind: 'poll', question: 'Big?', options: [{ label: 'a' }, { label: 'b' }], extra: 'y'.repeat(MAX_PAYLOAD_BYTES) },
      key: newKey(),
    });
    expect(create).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
  });

  it('drops a connection that sends more than the socket buffer limit and keeps serving others', async () => {
    const logger = recordingLogger();
    const t = await startTestServer({ logger });
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    const disconnected = new Promise((resolve) => viewer.socket.on('disconnect', resolve));
    viewer.socket.emit('act', { interaction: id, action: 'vote', payload: { choices: [0] }, key: newKey(), padding: 'x'.repeat(200_000) });
    await disconnected;
    const other = await t.connectViewer();
    expect(await other.act('vote', { interaction: id, choices: [0], key: newKey() })).toMatchObject({ ok: true });
    expect(logger.errors).toEqual([]);
  });

  it('answers unauthorized to host events from a viewer', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    const spec = { kind: 'poll', question: 'Mine?', options: [{ label: 'a' }, { label: 'b' }] };
    expect(await viewer.request('host:create', { spec, key: newKey() })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await viewer.request('host:open', { interaction: id })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await viewer.request('host:close', { interaction: id })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body.status).toBe('open');
  });

  it('answers bad_request or unsupported_kind to malformed host requests', async () => {
    const t = await startTestServer();
    const host = await t.connectHost();
    const poll = { kind: 'poll', question: 'Q?', options: [{ label: 'a' }, { label: 'b' }] };
    const cases: [unknown, string][] = [
      [null, 'bad_request'],
      [{ spec: poll }, 'bad_request'],
      [{ key: newKey() }, 'bad_request'],
      [{ spec: { ...poll, options: [{ label: 'only one' }] }, key: newKey() }, 'bad_request'],
      [{ spec: { ...poll, question: '   ' }, key: newKey() }, 'bad_request'],
      [{ spec: { ...poll, maxChoices: 3, multi: true }, key: newKey() }, 'bad_request'],
      [{ spec: { ...poll, options: [{ label: 'a', image: 'javascript:alert(1)' }, { label: 'b' }] }, key: newKey() }, 'bad_request'],
      [{ spec: { ...poll, durationSeconds: 0 }, key: newKey() }, 'bad_request'],
      [{ spec: { kind: 'raffle', prizes: 3 }, key: newKey() }, 'unsupported_kind'],
      [{ spec: { ...poll, kind: 'quiz' }, key: newKey() }, 'bad_request'], // quizzes are supported; poll fields are not a quiz
      [{ spec: { ...poll, kind: 5 }, key: newKey() }, 'bad_request'],
    ];
    for (const [payload, code] of cases) {
      expect(await host.request('host:create', payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
    }
    expect(await host.request('host:open', { interaction: 'nope-nope' })).toMatchObject({ ok: false, error: { code: 'unknown_room' } });
    await t.createPoll();
    expect(await host.request('host:open', { interaction: 'nope-nope' })).toMatchObject({ ok: false, error: { code: 'unknown_interaction' } });
    expect(await host.request('host:close', {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await host.request('sync', 'yesterday')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('ignores unknown events and keeps working', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    viewer.socket.emit('hack', { a: 1 }, () => {});
    viewer.socket.emit('__proto__', {});
    expect(await viewer.act('vote', { interaction: id, choices: [0], key: newKey() })).toMatchObject({ ok: true });
  });
});
