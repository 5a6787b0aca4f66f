import { describe, expect, it } from 'vitest';
import { quizScore, type QuizView } from '@oncue/protocol';
import { LinkDelay } from '../../transport/link-delay.js';
import { quizKind, rankViewers, type QuizConfig, type QuizEntry } from './quiz-kind.js';
import type { InteractionRecord } from '../../store/store.js';

const T0 = 1_700_000_000_000;

function launched(speedScoring = true): InteractionRecord {
  const { config } = quizKind.configure({
    kind: 'quiz',
    speedScoring,
    revealSeconds: 5,
    draft: false,
    questions: [
      { prompt: 'Two plus two?', options: [{ label: '3' }, { label: '4' }], correct: 1, seconds: 10 },
      { prompt: 'Capital of France?', options: [{ label: 'Paris' }, { label: 'Rome' }, { label: 'Oslo' }], correct: 0, seconds: 20 },
    ],
  });
  const record: InteractionRecord = { id: 'q1', room: 'r', kind: 'quiz', status: 'open', createdAt: T0, openedAt: T0, config };
  return quizKind.onTransition!(record, T0);
}

describe('quiz scoring rule', () => {
  it('gives 1000 for an instant correct answer, falling linearly to 500 at the deadline', () => {
    expect(quizScore(true, 0, 15_000, true)).toBe(1000);
    expect(quizScore(true, 7_500, 15_000, true)).toBe(750);
    expect(quizScore(true, 3_000, 15_000, true)).toBe(900);
    expect(quizScore(true, 15_000, 15_000, true)).toBe(500);
    expect(quizScore(true, 99_000, 15_000, true)).toBe(500);
  });

  it('gives 1000 per correct answer without speed scoring, and 0 for a wrong one', () => {
    expect(quizScore(true, 14_000, 15_000, false)).toBe(1000);
    expect(quizScore(false, 0, 15_000, true)).toBe(0);
    expect(quizScore(false, 0, 15_000, false)).toBe(0);
  });
});

describe('quiz ranking', () => {
  it('orders by score, breaks ties by total answer time (lower first), and shares a rank only on a full tie', () => {
    const ranked = rankViewers([
      { viewer: 'slow', score: 1500, timeMs: 9000 },
      { viewer: 'fast', score: 1500, timeMs: 4000 },
      { viewer: 'top', score: 1900, timeMs: 12_000 },
      { viewer: 'twin-b', score: 500, timeMs: 100 },
      { viewer: 'twin-a', score: 500, timeMs: 100 },
    ]);
    expect(ranked.map((r) => [r.viewer, r.rank])).toEqual([
      ['top', 1],
      ['fast', 2],
      ['slow', 3],
      ['twin-a', 4],
      ['twin-b', 4],
    ]);
  });
});

describe('quiz answers', () => {
  const context = (record: InteractionRecord, now: number, linkDelayMs = 0, lateGraceMs?: number) => ({
    record,
    action: 'answer',
    now,
    linkDelayMs,
    lateGraceMs,
  });

  it('times an answer from the open time plus the viewer link delay, never below zero nor above the limit', () => {
    const record = launched();
    const config = record.config as QuizConfig;
    const answer = (now: number, delay: number) => quizKind.participate(config, undefined, { question: 0, choice: 1 }, context(record, now, delay));
    expect(answer(T0 + 3000, 0)).toMatchObject({ ok: true, value: { answers: { 0: { elapsedMs: 3000, offsetMs: 0 } } } });
    expect(answer(T0 + 3000, 400)).toMatchObject({ ok: true, value: { answers: { 0: { elapsedMs: 2600, offsetMs: 400 } } } });
    expect(answer(T0 + 100, 400)).toMatchObject({ ok: true, value: { answers: { 0: { elapsedMs: 0 } } } });
  });

  it('refuses a second answer to a question, answers to closed or future questions, late answers and bad choices', () => {
    const record = launched();
    const config = record.config as QuizConfig;
    const req = (question: number, choice: number) => ({ question, choice });
    const first = quizKind.participate(config, undefined, req(0, 0), context(record, T0 + 1000));
    expect(first.ok).toBe(true);
    const previous = first.ok ? first.value : undefined;
    expect(quizKind.participate(config, previous, req(0, 1), context(record, T0 + 2000))).toMatchObject({ ok: false, error: { code: 'already_taken_part' } });
    expect(quizKind.participate(config, undefined, req(1, 0), context(record, T0 + 2000))).toMatchObject({ ok: false, error: { code: 'not_current' } });
    expect(quizKind.participate(config, undefined, req(0, 1), context(record, T0 + 10_000))).toMatchObject({ ok: false, error: { code: 'too_late' } });
    // After the deadline, within the viewer's link credit: still on its way, taken; beyond it, late.
    expect(quizKind.participate(config, undefined, req(0, 1), context(record, T0 + 10_299, 300))).toMatchObject({
      ok: true,
      value: { answers: { 0: { elapsedMs: 9_999 } } },
    });
    expect(quizKind.participate(config, undefined, req(0, 1), context(record, T0 + 10_300, 300))).toMatchObject({ ok: false, error: { code: 'too_late' } });
    // A link whose round trips vary (300-450 ms): its answer is taken within the largest, timed with the smallest.
    expect(quizKind.participate(config, undefined, req(0, 1), context(record, T0 + 10_449, 300, 450))).toMatchObject({
      ok: true,
      value: { answers: { 0: { elapsedMs: 10_000 } } },
    });
    expect(quizKind.participate(config, undefined, req(0, 1), context(record, T0 + 10_450, 300, 450))).toMatchObject({
      ok: false,
      error: { code: 'too_late' },
    });
    // The question ends by itself once the longest credit has passed.
    expect(quizKind.stepDeadline!(record)).toBe(T0 + 10_000 + 500);
    expect(quizKind.participate(config, undefined, req(0, 2), context(record, T0 + 1000))).toMatchObject({ ok: false, error: { code: 'option_out_of_range' } });
    const stepped = quizKind.advance!(record, T0 + 5000, { mode: 'next' });
    expect(stepped.ok && stepped.value.finished).toBe(false);
    const next = stepped.ok ? stepped.value.record : record;
    expect(quizKind.participate(config, undefined, req(0, 1), context(next, T0 + 5001))).toMatchObject({ ok: false, error: { code: 'too_late' } });
  });

  it('shows the correct option and viewer answer counts only for closed questions, and hides questions not yet open', () => {
    const record = launched();
    const config = record.config as QuizConfig;
    const entries = new Map<string, { value: QuizEntry; at: number }>([
      ['v1', { value: { answers: { 0: { choice: 1, at: T0 + 1000, offsetMs: 0, elapsedMs: 1000 } } }, at: T0 + 1000 }],
    ]);
    const tally = quizKind.emptyTally(config);
    quizKind.count(tally, undefined, entries.get('v1')!.value);
    const view = (r: InteractionRecord, audience: 'viewer' | 'host') =>
      quizKind.view({ record: r, config, tally, participants: 1, audience, entries }) as QuizView;

    const open = view(record, 'viewer');
    expect(open.questions[0]).not.toHaveProperty('correct');
    expect(open.questions[0]).not.toHaveProperty('answers');
    expect(open.questions[1]).toEqual({ status: 'pending', seconds: 20 });
    expect(view(record, 'host').questions[0]).toMatchObject({ answers: [0, 1] });
    expect(view(record, 'host').questions[0]).not.toHaveProperty('correct');

    const stepped = quizKind.advance!(record, T0 + 4000, { mode: 'end' });
    const next = stepped.ok ? stepped.value.record : record;
    expect(view(next, 'viewer').questions[0]).toMatchObject({ status: 'closed', correct: 1, answers: [0, 1], closedAt: T0 + 4000 });
    expect(quizKind.personal!({ record: next, config, tally, participants: 1, audience: 'viewer', entries }, 'v1')).toEqual({
      kind: 'quiz',
      score: 950,
      results: [{ question: 0, choice: 1, correct: true, score: 950, elapsedMs: 1000 }],
    });
  });
});

describe('link delay', () => {
  it('credits the smallest recent round trip and gives the largest as grace, both capped', () => {
    const link = new LinkDelay(500, 3);
    expect(link.creditMs()).toBe(0);
    expect(link.graceMs()).toBe(0);
    link.sample(120);
    link.sample(180);
    expect(link.creditMs()).toBe(120);
    expect(link.graceMs()).toBe(180);
    link.sample(-5);
    link.sample(Number.NaN);
    expect(link.creditMs()).toBe(120);
    link.sample(900);
    expect(link.graceMs()).toBe(500);
    link.sample(5000);
    link.sample(6000);
    link.sample(7000);
    expect(link.creditMs()).toBe(500);
  });
});
