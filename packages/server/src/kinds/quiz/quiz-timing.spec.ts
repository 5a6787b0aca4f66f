import { describe, expect, it } from 'vitest';
import type { ActReceipt, QuizPersonal, QuizView, Result } from '@oncue/protocol';
import { startDelayingProxy } from '../../../test/delaying-proxy.js';
import { newKey, startTestServer, type TestClient, type TestServer } from '../../../test/test-server.js';

/**
 * Quiz answer timing through the real socket layer: what a viewer is credited
 * for its link (docs/protocol.md, "Quiz timing"), whatever it does with its
 * replies, and that a slow honest link loses none of its answer window.
 */

/** The documented bound on a viewer's credit, ms (docs/protocol.md). Literal on purpose: the test pins the docs, not the constant. */
const DOCUMENTED_MAX_CREDIT_MS = 500;
const T0 = 1_800_000_000_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const oneQuestion = (seconds: number) => ({
  kind: 'quiz',
  revealSeconds: 0,
  questions: [{ prompt: 'Quick?', options: [{ label: 'yes' }, { label: 'no' }], correct: 0, seconds }],
});

async function launch(t: TestServer, spec: Record<string, unknown>): Promise<string> {
  const response = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: spec });
  if (response.status !== 201) throw new Error(`launch failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

const result = async (viewer: TestClient, id: string) => {
  await viewer.waitFor(() => (viewer.personal[id] as QuizPersonal | undefined)?.results.length === 1, 'the result', 10_000);
  return (viewer.personal[id] as QuizPersonal).results[0]!;
};

/** Sends engine.io heartbeats every `ms` (the default is 25 s), so a test sees several. */
function heartbeatEvery(t: TestServer, ms: number): void {
  (t.server.io.engine as unknown as { opts: { pingInterval: number } }).opts.pingInterval = ms;
}

describe('quiz timing through the socket layer', () => {
  it('credits a client that holds its clock acks and heartbeat replies for 2 s at most the documented 500 ms', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now });
    heartbeatEvery(t, 200);
    const honest = await t.connectViewer();
    const gaming = await t.connectViewer({ clockAckDelayMs: 2_000, pongDelayMs: 2_000 });
    await sleep(3_000); // the held replies have come back: the server measured round trips of 2 s and more
    const id = await launch(t, oneQuestion(15));
    now += 3_000;
    for (const viewer of [honest, gaming])
      expect(await viewer.act('answer', { interaction: id, question: 0, choice: 0, key: newKey() })).toMatchObject({ ok: true });
    await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`);
    const fair = await result(honest, id);
    const gamed = await result(gaming, id);
    expect(fair.elapsedMs).toBeGreaterThan(2_800); // loopback: a few ms of round trip (more on a busy machine)
    expect(gamed.elapsedMs).toBeGreaterThanOrEqual(3_000 - DOCUMENTED_MAX_CREDIT_MS);
    expect(gamed.elapsedMs, 'its held replies were measured, and credited up to the bound').toBeLessThan(3_000 - 400);
    // What holding its replies bought: at most 500 ms, that is at most 17 points of a 15-s question.
    expect(gamed.score - fair.score).toBeLessThanOrEqual(Math.ceil((500 * DOCUMENTED_MAX_CREDIT_MS) / 15_000));
  });

  it('measures the round trip on engine.io heartbeats too: holding only the clock acks gains nothing once a heartbeat is back', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now });
    heartbeatEvery(t, 100);
    const viewer = await t.connectViewer({ clockAckDelayMs: 2_000 });
    await sleep(2_300); // the held clock ack and several heartbeats are back
    const id = await launch(t, oneQuestion(15));
    now += 3_000;
    expect(await viewer.act('answer', { interaction: id, question: 0, choice: 0, key: newKey() })).toMatchObject({ ok: true });
    await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`);
    expect((await result(viewer, id)).elapsedMs).toBeGreaterThan(2_800); // loopback heartbeats: a few ms (more on a busy machine)
  });

  it('loses a viewer 250 ms away each way none of its answer window, and reveals the answer only after that window', async () => {
    const t = await startTestServer();
    const proxy = await startDelayingProxy(t.server.port, 250);
    const [late, thinker] = await Promise.all([t.connectViewer({ url: proxy.url }), t.connectViewer({ url: proxy.url })]);
    // A viewer whose link was never measured (it does not ack the clock probe; no heartbeat within the test): no credit.
    const near = await t.connectViewer({ clockAckDelayMs: null });
    await sleep(1_000); // the first round trips through the proxy are measured
    // When the question reached each slow viewer, by the shared clock of this host.
    const seen = [late, thinker].map((viewer) => viewer.waitFor(() => viewer.views.size > 0, 'the question', 5_000).then(() => Date.now()));
    const id = await launch(t, oneQuestion(5));
    const seenAt = new Map<TestClient, number>([
      [late, await seen[0]!],
      [thinker, await seen[1]!],
    ]);
    await near.waitFor(() => near.quiz(id) !== undefined, 'the question');
    const closesAt = near.quiz(id)!.closesAt!;

    // Each answers as its own 5-s countdown allows: 4.7 s and 1 s after the question reached it.
    const answerAfter = async (viewer: TestClient, ms: number) => {
      await sleep(seenAt.get(viewer)! + ms - Date.now());
      return viewer.act<ActReceipt>('answer', { interaction: id, question: 0, choice: 0, key: newKey() });
    };
    // Without a credit, an answer 100 ms after the deadline is late: the grace is each viewer's own.
    const tooLate = sleep(closesAt + 100 - Date.now()).then(() => near.act('answer', { interaction: id, question: 0, choice: 0, key: newKey() }));
    const [lateAck, thinkerAck, nearAck] = (await Promise.all([answerAfter(late, 4_700), answerAfter(thinker, 1_000), tooLate])) as Result<ActReceipt>[];

    expect(lateAck).toMatchObject({ ok: true });
    expect(lateAck!.ok && lateAck!.value.at).toBeGreaterThan(closesAt); // it arrived after the deadline, and counted
    expect(thinkerAck).toMatchObject({ ok: true });
    expect(nearAck).toMatchObject({ ok: false, error: { code: 'too_late' } });
    // Scored on the time the viewer had the question: the link (500 ms) is not charged to it. The margin is timer
    // jitter of a busy test machine in the proxy and the clients.
    const lateElapsed = (await result(late, id)).elapsedMs!;
    const thinkerElapsed = (await result(thinker, id)).elapsedMs!;
    expect(Math.abs(lateElapsed - 4_700), `answer time ${lateElapsed} ms`).toBeLessThan(200);
    expect(Math.abs(thinkerElapsed - 1_000), `answer time ${thinkerElapsed} ms`).toBeLessThan(200);

    // No viewer saw the correct option while an answer could still count.
    const reveal = near.updates.find((u) => u.interactions.some((v) => v.id === id && (v as QuizView).questions[0]?.correct !== undefined));
    expect(reveal?.serverTime).toBeGreaterThanOrEqual(closesAt + DOCUMENTED_MAX_CREDIT_MS);
  });
});
