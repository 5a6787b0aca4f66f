import { describe, expect, it } from 'vitest';
import type { ActAnswer, ActRequestInput } from '@oncue/protocol';
import { newKey, startTestServer, type TestClient } from '../../test/test-server.js';
import { MAX_ACTS_PER_FRAME } from './socket-api.js';

/** Every `acked` event the client receives from now on (one event is one frame). */
function ackedFrames(client: TestClient): ActAnswer[][] {
  const frames: ActAnswer[][] = [];
  client.socket.on('acked' as never, (answers: ActAnswer[]) => {
    frames.push(answers);
  });
  return frames;
}

/** Emits every request as an `act` without an ack callback, all in this turn. */
function sendAll(client: TestClient, requests: readonly unknown[]): void {
  for (const request of requests) client.socket.emit('act', request);
}

/** Resolves with every answer received once there are `count` of them. */
async function settle(frames: ActAnswer[][], count: number, timeoutMs = 5000): Promise<ActAnswer[]> {
  const until = Date.now() + timeoutMs;
  while (frames.flat().length < count) {
    if (Date.now() > until) throw new Error(`timed out: ${frames.flat().length} of ${count} answers`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return frames.flat();
}

const vote = (interaction: string, choice: number, key = newKey()): ActRequestInput => ({ interaction, action: 'vote', payload: { choices: [choice] }, key });

describe('batched acknowledgements (`act` without an ack callback)', () => {
  it('answers many actions sent in one turn in fewer acked frames than actions, each by its key with its own receipt', async () => {
    const t = await startTestServer({ rateLimit: false });
    const id = await t.createPoll({ allowChange: true, options: [{ label: 'A' }, { label: 'B' }, { label: 'C' }, { label: 'D' }] });
    const viewer = await t.connectViewer();
    const frames = ackedFrames(viewer);
    const requests = Array.from({ length: 60 }, (_, n) => vote(id, n % 4));

    sendAll(viewer, requests);
    const answers = await settle(frames, requests.length);

    expect(frames.length).toBeLessThan(requests.length);
    expect(answers).toHaveLength(requests.length);
    const byKey = new Map(answers.map((answer) => [answer.key, answer.result]));
    expect(byKey.size).toBe(requests.length);
    for (const request of requests) {
      expect(byKey.get(request.key), request.key).toMatchObject({
        ok: true,
        value: { interaction: id, action: 'vote', mine: (request.payload as { choices: number[] }).choices, at: expect.any(Number) },
      });
    }
    console.log(`${requests.length} acts answered in ${frames.length} acked frames`);
    // One viewer, changing its vote: it counts once.
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body.voters).toBe(1);
  });

  it('answers a repeated key with the first result, in the same turn or a later one, and counts it once', async () => {
    const t = await startTestServer({ rateLimit: false });
    const id = await t.createPoll({ allowChange: true });
    const viewer = await t.connectViewer();
    const frames = ackedFrames(viewer);
    const key = newKey();

    sendAll(viewer, [vote(id, 1, key), vote(id, 0, key)]);
    const [first, sameTurn] = await settle(frames, 2);
    expect(first).toMatchObject({ key, result: { ok: true, value: { mine: [1] } } });
    expect(sameTurn).toEqual(first);

    sendAll(viewer, [vote(id, 0, key)]);
    const later = (await settle(frames, 3))[2];
    expect(later).toEqual(first);
    const view = (await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body;
    expect(view.voters).toBe(1);
    expect(view.tally).toEqual([0, 1, 0]);
  });

  it('still answers an act sent with an ack callback through it, and sends no acked event for it', async () => {
    const t = await startTestServer({ rateLimit: false });
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    const frames = ackedFrames(viewer);

    const answer = await viewer.act('vote', { interaction: id, key: newKey(), choices: [1] });
    expect(answer).toMatchObject({ ok: true, value: { interaction: id, mine: [1] } });
    // A batched act after it: the only acked frame carries its answer alone.
    const request = vote(id, 0);
    sendAll(viewer, [request]);
    expect(await settle(frames, 1)).toEqual([
      { key: request.key, result: expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'already_taken_part' }) }) },
    ]);
  });

  it('refuses bad input in the batch with its typed error, by key when the request has one', async () => {
    const t = await startTestServer({ rateLimit: false });
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    const frames = ackedFrames(viewer);
    const good = vote(id, 0);
    const badPayload = { interaction: id, action: 'vote', payload: { choices: '0' }, key: newKey() };
    const badAction = { interaction: id, action: 'enter', payload: {}, key: newKey() };
    const unknown = vote('nope', 0);
    const badKey = { interaction: id, action: 'vote', payload: { choices: [0] }, key: 'short' };

    sendAll(viewer, [good, badPayload, 42, badAction, unknown, badKey]);
    const answers = await settle(frames, 6);
    const byKey = new Map(answers.map((answer) => [answer.key, answer.result]));

    expect(byKey.get(good.key)).toMatchObject({ ok: true, value: { mine: [0] } });
    expect(byKey.get(badPayload.key)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/^payload\.choices: /) } });
    expect(byKey.get(badAction.key)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/^action: /) } });
    expect(byKey.get(unknown.key)).toMatchObject({ ok: false, error: { code: 'unknown_interaction' } });
    expect(byKey.get('short')).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/key/) } });
    expect(byKey.get(null)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(frames.length).toBeLessThan(6);
  });

  it('takes several actions in one frame (an array) and answers each by its key, as if sent alone', async () => {
    const t = await startTestServer({ rateLimit: false });
    const id = await t.createPoll({ allowChange: true });
    const viewer = await t.connectViewer();
    const frames = ackedFrames(viewer);
    const requests = [vote(id, 0), vote(id, 1), { interaction: id, action: 'vote', payload: { choices: [9] }, key: newKey() }, vote(id, 2)];

    viewer.socket.emit('act', requests);
    const answers = await settle(frames, requests.length);

    const byKey = new Map(answers.map((answer) => [answer.key, answer.result]));
    expect(byKey.get(requests[0]!.key)).toMatchObject({ ok: true, value: { mine: [0] } });
    expect(byKey.get(requests[1]!.key)).toMatchObject({ ok: true, value: { mine: [1] } });
    expect(byKey.get(requests[2]!.key)).toMatchObject({ ok: false, error: { code: 'option_out_of_range' } });
    expect(byKey.get(requests[3]!.key)).toMatchObject({ ok: true, value: { mine: [2] } });
    // The refusal is settled in the turn the frame came in; the votes after their group commit.
    expect(frames.length).toBeLessThan(requests.length);
  });

  it('refuses a frame of more than MAX_ACTS_PER_FRAME actions whole, and an array sent with an ack callback', async () => {
    const t = await startTestServer({ rateLimit: false });
    const id = await t.createPoll({ allowChange: true });
    const viewer = await t.connectViewer();
    const frames = ackedFrames(viewer);
    const requests = Array.from({ length: MAX_ACTS_PER_FRAME + 1 }, (_, n) => vote(id, n % 3));

    viewer.socket.emit('act', requests);
    expect(await settle(frames, 1)).toEqual([
      { key: null, result: { ok: false, error: expect.objectContaining({ code: 'bad_request', message: expect.stringMatching(/at most 50/) }) } },
    ]);
    expect(await viewer.request('act', requests.slice(0, 2))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body.voters).toBe(0);
  });

  it('answers rate_limited refusals in the batch with their retry hint', async () => {
    const t = await startTestServer({ rateLimit: { ratePerSecond: 5, burst: 5 } });
    const id = await t.createPoll({ allowChange: true });
    const viewer = await t.connectViewer();
    const frames = ackedFrames(viewer);
    const requests = Array.from({ length: 12 }, (_, n) => vote(id, n % 2));

    sendAll(viewer, requests);
    const answers = await settle(frames, requests.length);

    const refused = answers.filter((answer) => !answer.result.ok);
    expect(answers.filter((answer) => answer.result.ok)).toHaveLength(5);
    expect(refused).toHaveLength(7);
    for (const answer of refused) expect(answer.result).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
    expect(new Set(answers.map((answer) => answer.key))).toEqual(new Set(requests.map((request) => request.key)));
    expect(frames.length).toBeLessThan(requests.length);
  });
});
