import { describe, expect, it } from 'vitest';
import type { ActReceipt, QuizPersonal } from '@oncue/protocol';
import { newKey, startTestServer, type TestServer } from '../../../test/test-server.js';
import { signViewerToken } from '../../identity/viewer-identity.js';

const T0 = 1_800_000_000_000;

const QUIZ = {
  kind: 'quiz',
  questions: [
    { prompt: 'Two plus two?', options: [{ label: '3' }, { label: '4' }, { label: '5' }], correct: 1, seconds: 15 },
    { prompt: 'Largest planet?', options: [{ label: 'Jupiter' }, { label: 'Mars', image: '/img/mars.png' }], correct: 0, seconds: 30 },
  ],
};

async function launch(t: TestServer, spec: Record<string, unknown> = {}): Promise<string> {
  const response = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { ...QUIZ, ...spec } });
  if (response.status !== 201) throw new Error(`launch failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

const get = async (t: TestServer, id: string) => (await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body;
const next = (t: TestServer, id: string) => t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`);

describe('quiz over REST', () => {
  it('launches with 201 and an id, opens the first question at once, and steps through with next', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now });
    const created = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: QUIZ });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), kind: 'quiz', status: 'open', current: 0, closesAt: T0 + 15_000, speedScoring: true });
    const id = created.body.id as string;

    // No clock acks, no link credit: the score below is exact (a loaded machine's loopback round trip would count).
    const viewer = await t.connectViewer({ clockAckDelayMs: null });
    now += 1_000;
    expect(await viewer.act('answer', { interaction: id, question: 0, choice: 1, key: newKey() })).toMatchObject({ ok: true });

    const open = await get(t, id);
    expect(open.status).toBe('open');
    expect(open.questions[0]).toMatchObject({
      status: 'open',
      prompt: 'Two plus two?',
      options: [
        { label: '3', answers: 0 },
        { label: '4', answers: 1 },
        { label: '5', answers: 0 },
      ],
    });
    expect(open.questions[0]).not.toHaveProperty('correct');
    expect(open.questions[1]).toMatchObject({ status: 'pending' });
    expect(open.questions[1]).not.toHaveProperty('correct');
    expect(open.leaderboard).toEqual([]);

    now += 1_000;
    const moved = await next(t, id);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ current: 1, closesAt: now + 30_000 });
    expect(moved.body.questions[0]).toMatchObject({ status: 'closed', correct: 1, closedAt: now });
    expect(moved.body.questions[1]).not.toHaveProperty('correct');

    const done = await next(t, id);
    expect(done.body).toMatchObject({ status: 'closed', closedAt: now });
    const final = await get(t, id);
    expect(final.questions.map((q: { correct: number }) => q.correct)).toEqual([1, 0]);
    expect(final.leaderboard).toEqual([{ viewer: viewer.welcome.viewer, score: 1000 - Math.round((500 * 1000) / 15_000), rank: 1 }]);
    expect((await next(t, id)).body).toMatchObject({ error: { code: 'already_closed' } });
  });

  it('reveals with next {reveal}, opens the next after the pause, and refuses a next from a question already left', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now });
    const id = await launch(t, { revealSeconds: 4 });
    now += 2_000;
    const revealed = await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`, { body: { from: 0, reveal: true } });
    expect(revealed.status).toBe(200);
    expect(revealed.body).toMatchObject({ status: 'open', current: 0, nextAt: now + 4_000, revealSeconds: 4 });
    expect(revealed.body.questions[0]).toMatchObject({ status: 'closed', correct: 1 });
    expect(revealed.body.questions[1]).toMatchObject({ status: 'pending' });
    // A second reveal changes nothing.
    expect((await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`, { body: { reveal: true } })).body).toMatchObject({
      current: 0,
      nextAt: now + 4_000,
    });

    // The host's next during the reveal opens question 1 at once; the same next again is refused, not a skip.
    const opened = await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`, { body: { from: 0 } });
    expect(opened.body).toMatchObject({ current: 1, closesAt: now + 30_000 });
    const stale = await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`, { body: { from: 0 } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'not_current' } });
    expect((await get(t, id)).current).toBe(1);

    for (const body of [{ from: 'x' }, { reveal: 1 }, { from: -2 }, [1], { revel: true }]) {
      const bad = await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`, { body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('carries out a host next with an idempotency key once, over the socket and over REST', async () => {
    const t = await startTestServer();
    const id = await launch(t, { questions: [...QUIZ.questions, QUIZ.questions[0]] });
    const host = await t.connectHost();
    const key = newKey();
    const first = await host.request('host:next', { interaction: id, key });
    const again = await host.request('host:next', { interaction: id, key });
    expect(first).toMatchObject({ ok: true, value: { current: 1 } });
    expect(again).toEqual(first);
    expect((await get(t, id)).current).toBe(1);

    const restKey = newKey();
    const headers = { 'idempotency-key': restKey };
    const viaRest = await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`, { headers });
    const viaRestAgain = await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`, { headers });
    expect(viaRest.body).toMatchObject({ current: 2 });
    expect(viaRestAgain.body).toEqual(viaRest.body);
    expect((await get(t, id)).current).toBe(2);
    expect((await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`, { headers: { 'idempotency-key': 'short' } })).status).toBe(400);
  });

  it('validates the launch: 1-20 questions, 2-6 options, a correct index in range, 5-300 seconds', async () => {
    const t = await startTestServer();
    const bad = [
      { questions: [] },
      { questions: [{ prompt: 'p', options: [{ label: 'a' }], correct: 0 }] },
      { questions: [{ prompt: 'p', options: Array.from({ length: 7 }, (_, i) => ({ label: `o${i}` })), correct: 0 }] },
      { questions: [{ prompt: 'p', options: [{ label: 'a' }, { label: 'b' }], correct: 2 }] },
      { questions: [{ prompt: 'p', options: [{ label: 'a' }, { label: 'b' }], correct: 0, seconds: 4 }] },
      { questions: [{ prompt: 'p', options: [{ label: 'a' }, { label: 'b' }], correct: 0, seconds: 301 }] },
    ];
    for (const spec of bad) {
      const response = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { kind: 'quiz', ...spec } });
      expect(response.status, JSON.stringify(spec)).toBe(400);
    }
    const ok = await t.rest('POST', `/api/rooms/${t.room}/interactions`, {
      body: { kind: 'quiz', questions: [{ prompt: 'p', options: [{ label: 'a' }, { label: 'b' }], correct: 1 }] },
    });
    expect(ok.body.questions[0]).toMatchObject({ seconds: 15 });
  });

  it('refuses next on a poll', async () => {
    const t = await startTestServer();
    const poll = await t.createPoll();
    expect((await next(t, poll)).body).toMatchObject({ error: { code: 'bad_request' } });
  });
});

describe('quiz answers over the socket', () => {
  it('never lets the correct answer reach a viewer before its question closes', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now });
    const early = await t.connectViewer();
    const host = await t.connectHost();
    const id = await launch(t);
    const late = await t.connectViewer({ clockAckDelayMs: null }); // no link credit: its score below is exact
    await early.waitFor(() => early.quiz(id) !== undefined, 'the quiz');
    now += 500;
    await early.act('answer', { interaction: id, question: 0, choice: 0, key: newKey() });
    await late.act('answer', { interaction: id, question: 0, choice: 1, key: newKey() });
    await late.request('sync', {});
    await host.waitFor(() => (host.quiz(id)?.questions[0]?.answers ?? []).reduce((a, b) => a + b, 0) === 2, 'both answers');
    await new Promise((resolve) => setTimeout(resolve, 60)); // let the coalesced update out

    for (const viewer of [early, late]) {
      const seen = JSON.stringify(viewer.received);
      expect(viewer.received.map((r) => r.event)).toEqual(expect.arrayContaining(['welcome', 'snapshot']));
      expect(seen).not.toContain('"correct"');
      expect(seen).not.toContain('"answers"');
      expect(seen).not.toContain('Largest planet'); // later questions are not shown either
    }

    await host.request('host:next', { interaction: id });
    await early.waitFor(() => early.quiz(id)?.questions[0]?.correct === 1, 'the reveal');
    await early.waitFor(() => (early.personal[id] as QuizPersonal | undefined)?.results.length === 1, 'the own result');
    expect(early.quiz(id)?.questions[0]).toMatchObject({ status: 'closed', correct: 1, answers: [1, 1, 0] });
    expect(early.personal[id]).toMatchObject({ results: [{ question: 0, choice: 0, correct: false, score: 0 }], score: 0 });
    await late.waitFor(() => (late.personal[id] as QuizPersonal | undefined)?.score === 1000 - Math.round((500 * 500) / 15_000), 'the own score');
    // The second question is open now: its answer is still nowhere.
    expect(JSON.stringify(early.quiz(id)?.questions[1])).not.toContain('"correct"');
  });

  it("sends a viewer's own result to each of its sockets (its own channel) and never to another viewer", async () => {
    const t = await startTestServer();
    const host = await t.connectHost();
    const id = await launch(t);
    const phone = await t.connectViewer();
    const laptop = await t.connectViewer({ viewerToken: phone.welcome.viewerToken }); // the same viewer, a second socket
    const other = await t.connectViewer();
    const idle = await t.connectViewer(); // never answers
    expect(laptop.welcome.viewer).toBe(phone.welcome.viewer);
    expect(await phone.act('answer', { interaction: id, question: 0, choice: 1, key: newKey() })).toMatchObject({ ok: true });
    expect(await other.act('answer', { interaction: id, question: 0, choice: 0, key: newKey() })).toMatchObject({ ok: true });
    await host.request('host:next', { interaction: id, reveal: true });
    for (const socket of [phone, laptop]) {
      await socket.waitFor(() => (socket.personal[id] as QuizPersonal | undefined)?.results.length === 1, 'the own result');
      expect(socket.personal[id]).toMatchObject({ results: [{ question: 0, choice: 1, correct: true }] });
    }
    await other.waitFor(() => (other.personal[id] as QuizPersonal | undefined)?.results.length === 1, 'the own result');
    expect(other.personal[id]).toMatchObject({ results: [{ question: 0, choice: 0, correct: false }] });
    await idle.waitFor(() => (idle.personal[id] as QuizPersonal | undefined)?.results.length === 1, 'the no-answer result');
    expect(idle.personal[id]).toMatchObject({ results: [{ question: 0, correct: false }], score: 0 });
    expect((idle.personal[id] as QuizPersonal).results[0]).not.toHaveProperty('choice');
    // Exactly one personal message per socket for this step: nobody got another viewer's.
    for (const socket of [phone, laptop, other, idle]) {
      expect(socket.received.filter((r) => r.event === 'personal')).toHaveLength(1);
    }
  });

  it('acknowledges an answer once: the same key answers the same receipt, another key is refused', async () => {
    const t = await startTestServer();
    const id = await launch(t);
    const viewer = await t.connectViewer();
    const key = newKey();
    const first = await viewer.act<ActReceipt>('answer', { interaction: id, question: 0, choice: 2, key });
    expect(first).toEqual({ ok: true, value: { interaction: id, action: 'answer', at: expect.any(Number), mine: [2] } });
    expect(await viewer.act('answer', { interaction: id, question: 0, choice: 2, key })).toEqual(first);
    expect(await viewer.act('answer', { interaction: id, question: 0, choice: 1, key: newKey() })).toMatchObject({
      ok: false,
      error: { code: 'already_taken_part' },
    });
    expect((await get(t, id)).questions[0].answers).toEqual([0, 0, 1]);
    const again = await t.connectViewer({ viewerToken: viewer.welcome.viewerToken });
    expect(again.mine[id]).toEqual([2]);
  });

  it('rejects a late answer by server time with too_late, and answers to questions not open with not_current', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now });
    const id = await launch(t);
    const viewer = await t.connectViewer();
    expect(await viewer.act('answer', { interaction: id, question: 1, choice: 0, key: newKey() })).toMatchObject({ ok: false, error: { code: 'not_current' } });
    now += 15_000 + 500; // past the deadline and any link credit, by the server clock; the timer has not run yet
    expect(await viewer.act('answer', { interaction: id, question: 0, choice: 1, key: newKey() })).toMatchObject({ ok: false, error: { code: 'too_late' } });
    const rest = await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`);
    expect(rest.body.current).toBe(1);
    expect(await viewer.act('answer', { interaction: id, question: 0, choice: 1, key: newKey() })).toMatchObject({ ok: false, error: { code: 'too_late' } });
    expect(await viewer.act('vote', { interaction: id, choices: [0], key: newKey() })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('ranks by score, then by total answer time, with scores off for speed when asked', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now });
    const id = await launch(t, { speedScoring: false });
    const [a, b, c] = await Promise.all([t.connectViewer({ name: '  Mia  ' }), t.connectViewer({ name: '小红' }), t.connectViewer()]);
    now += 1_000;
    await c!.act('answer', { interaction: id, question: 0, choice: 0, key: newKey() }); // wrong
    now += 1_000;
    await b!.act('answer', { interaction: id, question: 0, choice: 1, key: newKey() }); // right, 2 s
    now += 3_000;
    await a!.act('answer', { interaction: id, question: 0, choice: 1, key: newKey() }); // right, 5 s
    await next(t, id);
    await a!.act('answer', { interaction: id, question: 1, choice: 0, key: newKey() }); // right, 0 s
    await b!.act('answer', { interaction: id, question: 1, choice: 0, key: newKey() }); // right, 0 s
    await next(t, id);
    const final = await get(t, id);
    expect(final.leaderboard).toEqual([
      { viewer: b!.welcome.viewer, name: '小红', score: 2000, rank: 1 },
      { viewer: a!.welcome.viewer, name: 'Mia', score: 2000, rank: 2 },
      { viewer: c!.welcome.viewer, score: 0, rank: 3 },
    ]);
    await a!.waitFor(() => (a!.personal[id] as QuizPersonal | undefined)?.rank === 2, 'the own rank');
  });

  it('shows the name an integrator signed into the viewer token over the one the page claims, and only signed ones when asked', async () => {
    const viewerSecret = 'integrator-shared-secret-0123456789abcdef';
    const t = await startTestServer({ viewerSecret });
    const id = await launch(t, { speedScoring: false });
    const token = signViewerToken({ secret: viewerSecret, viewer: 'shop_user_42', name: '小红' });
    const signed = await t.connectViewer({ viewerToken: token, name: 'Impostor' });
    expect(signed.welcome.viewer).toBe('shop_user_42');
    const claimed = await t.connectViewer({ name: 'Mia' });
    for (const viewer of [signed, claimed]) await viewer.act('answer', { interaction: id, question: 0, choice: 1, key: newKey() });
    await next(t, id);
    await next(t, id);
    const names = (await get(t, id)).leaderboard.map((row: { viewer: string; name?: string }) => [row.viewer, row.name]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['shop_user_42', '小红'],
        [claimed.welcome.viewer, 'Mia'],
      ]),
    );

    const strict = await startTestServer({ viewerSecret, signedNamesOnly: true });
    const strictId = await launch(strict, { speedScoring: false });
    const a = await strict.connectViewer({ viewerToken: token });
    const b = await strict.connectViewer({ name: 'Mia' });
    for (const viewer of [a, b]) await viewer.act('answer', { interaction: strictId, question: 0, choice: 1, key: newKey() });
    await next(strict, strictId);
    await next(strict, strictId);
    const rows = (await get(strict, strictId)).leaderboard as { viewer: string; name?: string }[];
    expect(rows.find((r) => r.viewer === 'shop_user_42')?.name).toBe('小红');
    expect(rows.find((r) => r.viewer === b.welcome.viewer)).not.toHaveProperty('name');
    await expect(startTestServer({ viewerSecret: 'short' })).rejects.toThrow(/32 characters/);
  });

  it('credits a slow connection its measured round trip, at most 500 ms', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now });
    const id = await launch(t);
    const fast = await t.connectViewer();
    const slow = await t.connectViewer({ clockAckDelayMs: 300 });
    const slower = await t.connectViewer({ clockAckDelayMs: 900 });
    const silent = await t.connectViewer({ clockAckDelayMs: null });
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the slow probes have come back
    now += 3_000;
    const viewers = [fast, slow, slower, silent];
    for (const viewer of viewers) await viewer.act('answer', { interaction: id, question: 0, choice: 1, key: newKey() });
    await next(t, id);
    for (const viewer of viewers) await viewer.waitFor(() => (viewer.personal[id] as QuizPersonal | undefined)?.results.length === 1, 'the result');
    const elapsed = (v: typeof fast) => (v.personal[id] as QuizPersonal).results[0]!.elapsedMs!;
    expect(elapsed(fast)).toBeLessThanOrEqual(3_000);
    expect(elapsed(fast)).toBeGreaterThan(2_800); // loopback: a few ms of round trip (more on a busy machine)
    expect(elapsed(slow)).toBeLessThanOrEqual(3_000 - 300);
    expect(elapsed(slow)).toBeGreaterThan(3_000 - 300 - 200);
    expect(elapsed(slower)).toBe(3_000 - 500); // capped (quiz-timing.spec.ts: whatever the client does)
    // No measured round trip, no credit.
    expect(elapsed(silent)).toBe(3_000);
  });

  it('keeps acknowledged answers and the question deadline across a restart mid-question', async () => {
    const t = await startTestServer({ now: () => T0 });
    const id = await launch(t, { questions: [{ prompt: 'Quick?', options: [{ label: 'y' }, { label: 'n' }], correct: 0, seconds: 5 }] });
    const viewer = await t.connectViewer();
    const key = newKey();
    const receipt = await viewer.act('answer', { interaction: id, question: 0, choice: 0, key });
    expect(receipt).toMatchObject({ ok: true });

    // Restart 4.75 s into the question (by the injected clock): 250 ms are left.
    const restartedAt = Date.now();
    await t.restart({ now: () => T0 + 4_750 + (Date.now() - restartedAt) });

    const again = await t.connectViewer({ viewerToken: viewer.welcome.viewerToken });
    expect(again.quiz(id)).toMatchObject({ status: 'open', current: 0, closesAt: T0 + 5_000 });
    expect(again.mine[id]).toEqual([0]);
    expect(await again.act('answer', { interaction: id, question: 0, choice: 0, key })).toEqual(receipt);
    await again.waitFor(() => again.quiz(id)?.status === 'closed', 'the deadline', 3_000);
    expect(again.quiz(id)?.questions[0]).toMatchObject({ status: 'closed', closedAt: T0 + 5_000, correct: 0, answers: [1, 0] });
    // A viewer's socket gets no viewer ids on the leaderboard; the viewer finds its row through `place`.
    expect(again.quiz(id)?.leaderboard).toEqual([{ score: 1000, rank: 1, timeMs: 0 }]);
    await again.waitFor(() => (again.personal[id] as QuizPersonal | undefined)?.rank === 1, 'the own rank');
    expect(again.personal[id]).toMatchObject({ rank: 1, place: 1 });
    expect((await get(t, id)).leaderboard).toEqual([{ viewer: viewer.welcome.viewer, score: 1000, rank: 1 }]);
  });
});
