import type { Socket } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import type { QuizPersonal, QuizView } from '@oncue/protocol';
import { createQuiz, freshRoom, type TestServer, until, useTestServer } from '../../../test/fixtures.js';
import { outgoing, sockets } from '../../../test/socket-spy.js';
import { memoryStorage } from '../../key-value-storage.js';
import { answer } from './answer.js';

vi.mock('socket.io-client', async (importOriginal) => (await import('../../../test/socket-spy.js')).spyOnSockets(importOriginal as never));

describe('quiz answers', () => {
  let server: TestServer;
  // Each test starts from a running server (one test stops it).
  const conns = useTestServer(
    (started) => (server = started),
    (running) => running.restart(),
  );

  const quizOf = (view: { interactions: unknown[] }, id: string) => (view.interactions as QuizView[]).find((i) => i.id === id);
  /** This viewer's own quiz results in a room state. */
  const mineOf = (state: { personal: Record<string, unknown> }, id: string) => state.personal[id] as QuizPersonal | undefined;

  it('resolves with a receipt and records the choice per question in mine', async () => {
    const room = freshRoom();
    const quiz = await createQuiz(conns.host(server, room));
    const viewer = conns.viewer(server, room);
    const answered = await answer(viewer, quiz.id, 0, 1);
    expect(answered).toMatchObject({ ok: true, value: { interaction: quiz.id, action: 'answer', mine: [1], at: expect.any(Number) } });
    expect(viewer.$room.get().mine).toEqual({ [quiz.id]: [1] });
    expect(viewer.$pending.get()).toEqual([]);
  });

  it('answers refusals as typed errors and does not keep them in the outbox', async () => {
    const room = freshRoom();
    const quiz = await createQuiz(conns.host(server, room));
    const viewer = conns.viewer(server, room);
    expect(await answer(viewer, quiz.id, 1, 0)).toMatchObject({ ok: false, error: { code: 'not_current' } });
    expect(await answer(viewer, quiz.id, 0, 7)).toMatchObject({ ok: false, error: { code: 'option_out_of_range' } });
    expect((await answer(viewer, quiz.id, 0, 0)).ok).toBe(true);
    expect(await answer(viewer, quiz.id, 0, 1)).toMatchObject({ ok: false, error: { code: 'already_taken_part' } });
    expect(viewer.$pending.get()).toEqual([]);
  });

  it('delivers an answer made while disconnected once after reconnecting', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const quiz = await createQuiz(host);
    const viewer = conns.viewer(server, room, memoryStorage());
    await until(viewer.$viewer, (id) => id !== undefined);
    const sent = outgoing(sockets.at(-1) as Socket);
    await server.stop();
    await until(viewer.$connection, (state) => state === 'reconnecting');

    const answered = answer(viewer, quiz.id, 0, 1);
    expect(viewer.$pending.get()).toMatchObject([{ action: 'answer', interaction: quiz.id, payload: { question: 0, choice: 1 } }]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sent).not.toContain('act');

    await server.restart();
    expect(await answered).toMatchObject({ ok: true, value: { action: 'answer', mine: [1] } });
    expect(viewer.$pending.get()).toEqual([]);
    expect(viewer.$room.get().mine).toEqual({ [quiz.id]: [1] });
    expect(sent.filter((event) => event === 'act')).toHaveLength(1);
    await until(host.$room, (state) => quizOf(state, quiz.id)?.questions[0]?.answers?.join() === '0,1');
  });

  it('delivers a pending answer once after a reload', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const quiz = await createQuiz(host);
    const storage = memoryStorage();
    const viewer = conns.viewer(server, room, storage);
    await until(viewer.$viewer, (id) => id !== undefined);
    await server.stop();
    void answer(viewer, quiz.id, 0, 0);
    viewer.release();

    await server.restart();
    const reloaded = conns.viewer(server, room, storage);
    expect(reloaded.$pending.get()).toMatchObject([{ action: 'answer', payload: { question: 0, choice: 0 } }]);
    await until(reloaded.$pending, (pending) => pending.length === 0);
    await until(reloaded.$room, (state) => (state.mine[quiz.id] as number[] | undefined)?.join() === '0');
    await until(host.$room, (state) => quizOf(state, quiz.id)?.questions[0]?.answers?.join() === '1,0');
  });

  it('gets own results when a question closes, and the rank when the quiz is over', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const quiz = await createQuiz(host, { speedScoring: false });
    const viewer = conns.viewer(server, room);
    expect((await answer(viewer, quiz.id, 0, 1)).ok).toBe(true);
    expect(viewer.$room.get().personal[quiz.id]).toBeUndefined();

    expect(await host.nextStep(quiz.id)).toMatchObject({ ok: true, value: { current: 1 } });
    const afterFirst = await until(viewer.$room, (state) => mineOf(state, quiz.id)?.results.length === 1);
    expect(afterFirst.personal[quiz.id]).toMatchObject({ kind: 'quiz', score: 1000, results: [{ question: 0, choice: 1, correct: true, score: 1000 }] });
    expect(quizOf(afterFirst, quiz.id)?.questions[0]).toMatchObject({ status: 'closed', correct: 1, answers: [0, 1] });

    expect((await answer(viewer, quiz.id, 1, 1)).ok).toBe(true);
    expect(await host.nextStep(quiz.id)).toMatchObject({ ok: true, value: { status: 'closed' } });
    const done = await until(viewer.$room, (state) => mineOf(state, quiz.id)?.rank !== undefined);
    expect(done.personal[quiz.id]).toMatchObject({
      score: 1000,
      rank: 1,
      place: 1,
      results: [{ correct: true }, { question: 1, choice: 1, correct: false, score: 0 }],
    });
    // The viewer's leaderboard has no viewer ids: its own row is `place`.
    await until(viewer.$room, (state) => quizOf(state, quiz.id)?.leaderboard !== undefined);
    expect(quizOf(viewer.$room.get(), quiz.id)?.leaderboard).toEqual([{ score: 1000, rank: 1, timeMs: expect.any(Number) }]);

    // Someone who did not take part: no score, no rank.
    const other = conns.viewer(server, room);
    const synced = await until(other.$room, (state) => state.synced);
    expect(mineOf(synced, quiz.id)?.score ?? 0).toBe(0);
    expect(mineOf(synced, quiz.id)?.rank).toBeUndefined();
    expect(await host.nextStep(quiz.id)).toMatchObject({ ok: false, error: { code: 'already_closed' } });
  });

  it('reveals with nextStep({ reveal }) and refuses a step from a question the quiz has left', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const quiz = await createQuiz(host);
    const viewer = conns.viewer(server, room);
    expect((await answer(viewer, quiz.id, 0, 1)).ok).toBe(true);

    const revealed = await host.nextStep(quiz.id, { from: 0, reveal: true });
    expect(revealed).toMatchObject({ ok: true, value: { current: 0, nextAt: expect.any(Number) } });
    const seen = await until(viewer.$room, (state) => quizOf(state, quiz.id)?.questions[0]?.correct !== undefined);
    expect(quizOf(seen, quiz.id)).toMatchObject({ current: 0, nextAt: expect.any(Number) });
    expect(seen.personal[quiz.id]).toMatchObject({ results: [{ question: 0, correct: true }] });

    expect(await host.nextStep(quiz.id, { from: 0 })).toMatchObject({ ok: true, value: { current: 1 } });
    expect(await host.nextStep(quiz.id, { from: 0 })).toMatchObject({ ok: false, error: { code: 'not_current' } });
    await until(viewer.$room, (state) => quizOf(state, quiz.id)?.questions[1]?.status === 'open');
  });

  it('brings own results back in the snapshot of the next page', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const quiz = await createQuiz(host);
    const storage = memoryStorage();
    const first = conns.viewer(server, room, storage);
    expect((await answer(first, quiz.id, 0, 0)).ok).toBe(true);
    expect((await host.nextStep(quiz.id)).ok).toBe(true);
    await until(first.$room, (state) => state.personal[quiz.id] !== undefined);
    first.release();
    const second = conns.viewer(server, room, storage);
    const state = await until(second.$room, (room) => room.synced);
    expect(state.personal[quiz.id]).toMatchObject({ kind: 'quiz', score: 0, results: [{ question: 0, choice: 0, correct: false }] });
    expect(state.mine[quiz.id]).toEqual([0]);
  });
});
