import {
  fail,
  MAX_LINK_DELAY_CREDIT_MS,
  ok,
  quizScore,
  quizActions,
  QuizSpecSchema,
  type AnswerPayload,
  type QuizMine,
  type QuizLeaderboardEntry,
  type QuizPersonal,
  type QuizQuestionResult,
  type QuizQuestionSpec,
  type QuizQuestionView,
  type QuizSpec,
  type QuizView,
  type ViewerId,
} from '@oncue/protocol';
import type { InteractionKindHandler, ViewContext } from '../interaction-kind.js';
import type { InteractionRecord } from '../../store/store.js';

/** What is stored of a quiz spec: the questions with their (secret) correct options. */
export interface QuizConfig {
  questions: QuizQuestionSpec[];
  speedScoring: boolean;
  /** Pause between a reveal and the next question, seconds; 0: the host moves on. */
  revealSeconds: number;
}

/** Times of one question, server clock. */
export interface QuizQuestionTimes {
  openedAt?: number;
  closesAt?: number;
  closedAt?: number;
}

/** Progress of a quiz, kept in `InteractionRecord.state`. */
export interface QuizState {
  /** Index of the open (or last opened) question; -1 before the quiz opens. */
  current: number;
  questions: QuizQuestionTimes[];
  /** While the current question is revealed and another follows: when the next opens by itself. */
  nextAt?: number;
}

/** One accepted answer. */
export interface QuizAnswer {
  choice: number;
  /** Server time it was received. */
  at: number;
  /** Link time credited to the viewer (its smallest measured round trip, capped), ms. */
  offsetMs: number;
  /** `at - (openedAt + offsetMs)`, clamped to `0..seconds*1000`: from when the viewer had the question to when it sent the answer. */
  elapsedMs: number;
}

/** One viewer's answers, by question index. */
export interface QuizEntry {
  answers: Record<string, QuizAnswer>;
  /** The display name the viewer last answered under, for the leaderboard. */
  name?: string;
}

/** Answers per option, per question. */
export type QuizTally = number[][];

const TOP = 10;

export function quizState(record: InteractionRecord): QuizState {
  const state = record.state as QuizState | undefined;
  if (state) return state;
  const config = record.config as QuizConfig;
  return { current: -1, questions: config.questions.map(() => ({})) };
}

function withState(record: InteractionRecord, state: QuizState): InteractionRecord {
  return { ...record, state };
}

function openQuestion(config: QuizConfig, state: QuizState, index: number, now: number): QuizState {
  const questions = state.questions.map((q) => ({ ...q }));
  questions[index] = { openedAt: now, closesAt: now + config.questions[index]!.seconds * 1000 };
  return { current: index, questions };
}

function closeCurrent(state: QuizState, now: number): QuizState {
  const q = state.questions[state.current];
  if (!q || q.openedAt === undefined || q.closedAt !== undefined) return state;
  const questions = state.questions.map((x) => ({ ...x }));
  questions[state.current] = { ...q, closedAt: Math.min(now, q.closesAt ?? now) };
  return { current: state.current, questions };
}

const isClosed = (times: QuizQuestionTimes | undefined): boolean => times?.closedAt !== undefined;

/**
 * How long after its deadline a question stays open for answers in flight:
 * each viewer's answer counts until `closesAt` plus that viewer's grace (its
 * largest recent round trip, at most this), and the reveal waits until then,
 * so that no correct option is out while an answer can still count.
 */
export const ANSWER_GRACE_MS = MAX_LINK_DELAY_CREDIT_MS;

/** Whether the current question is open (answers are taken until its deadline, plus each viewer's grace). */
const isOpen = (state: QuizState): boolean => {
  const times = state.questions[state.current];
  return times?.openedAt !== undefined && !isClosed(times);
};

/** Total score and answer time of one viewer over the closed questions. */
export function standing(config: QuizConfig, state: QuizState, entry: QuizEntry): { score: number; timeMs: number; results: QuizQuestionResult[] } {
  let score = 0;
  let timeMs = 0;
  const results: QuizQuestionResult[] = [];
  config.questions.forEach((question, i) => {
    if (!isClosed(state.questions[i])) return;
    const answer = entry.answers[String(i)];
    if (!answer) {
      results.push({ question: i, correct: false, score: 0 });
      return;
    }
    const correct = answer.choice === question.correct;
    const points = quizScore(correct, answer.elapsedMs, question.seconds * 1000, config.speedScoring);
    score += points;
    timeMs += answer.elapsedMs;
    results.push({ question: i, choice: answer.choice, correct, score: points, elapsedMs: answer.elapsedMs });
  });
  return { score, timeMs, results };
}

/**
 * Ranks viewers: score (higher first), then total answer time (lower first);
 * equal score and time share a rank. Viewer id orders the rest, for stable output.
 */
export function rankViewers(rows: readonly { viewer: ViewerId; name?: string; score: number; timeMs: number }[]): QuizLeaderboardEntry[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.timeMs - b.timeMs || (a.viewer < b.viewer ? -1 : a.viewer > b.viewer ? 1 : 0));
  const ranked: QuizLeaderboardEntry[] = [];
  sorted.forEach((row, i) => {
    const before = ranked[i - 1];
    const rank = before && before.score === row.score && before.timeMs === row.timeMs ? before.rank : i + 1;
    const entry: QuizLeaderboardEntry = { viewer: row.viewer, score: row.score, rank, timeMs: row.timeMs };
    if (row.name !== undefined) entry.name = row.name;
    ranked.push(entry);
  });
  return ranked;
}

/** A leaderboard row as viewers see it: no viewer id (it would link the row to the viewer's other entries, see `QuizLeaderboardEntry`). */
function publicRow({ viewer: _viewer, ...row }: QuizLeaderboardEntry): QuizLeaderboardEntry {
  return row;
}

/** Final rankings by closed record: nothing changes once a quiz is closed, and each viewer's `personal` needs them. */
const finalRankings = new WeakMap<InteractionRecord, QuizLeaderboardEntry[]>();

function leaderboard(context: ViewContext<QuizConfig, QuizTally, QuizEntry>): QuizLeaderboardEntry[] {
  const closed = context.record.status === 'closed';
  const cached = closed ? finalRankings.get(context.record) : undefined;
  if (cached) return cached;
  const state = quizState(context.record);
  const rows = [...(context.entries ?? [])].map(([viewer, { value }]) => ({ viewer, name: value.name, ...standing(context.config, state, value) }));
  const ranked = rankViewers(rows);
  if (closed) finalRankings.set(context.record, ranked);
  return ranked;
}

/**
 * Quizzes: questions one at a time, each with a deadline; one answer per
 * viewer and question. A viewer is credited its link (the smallest round trip
 * measured on its connection, capped at `MAX_LINK_DELAY_CREDIT_MS`): its answer
 * is timed as `received − openedAt − credit` (the time it had the question),
 * and taken until `closesAt` plus its largest recent round trip (capped the
 * same way): an answer sent before the deadline and still on its way. A
 * question ends by itself `ANSWER_GRACE_MS` after its deadline. The correct
 * option, the answer counts (for viewers) and the scores exist in views only
 * for closed questions.
 */
export const quizKind = {
  kind: 'quiz',
  spec: QuizSpecSchema,
  actions: quizActions,

  configure(spec) {
    const config: QuizConfig = {
      speedScoring: spec.speedScoring,
      revealSeconds: spec.revealSeconds,
      questions: spec.questions.map((q) => ({
        prompt: q.prompt,
        options: q.options.map((o) => (o.image === undefined ? { label: o.label } : { label: o.label, image: o.image })),
        correct: q.correct,
        seconds: q.seconds,
      })),
    };
    return { config, draft: spec.draft };
  },

  emptyTally(config) {
    return config.questions.map((q) => q.options.map(() => 0));
  },

  count(tally, previous, next) {
    const add = (entry: QuizEntry | undefined, by: number) => {
      for (const [q, answer] of Object.entries(entry?.answers ?? {})) {
        const row = tally[Number(q)];
        if (row) row[answer.choice] = (row[answer.choice] ?? 0) + by;
      }
    };
    add(previous, -1);
    add(next, 1);
  },

  participate(config, previous, { question, choice }, context) {
    const { record, now, linkDelayMs } = context;
    const graceMs = Math.max(linkDelayMs, context.lateGraceMs ?? 0);
    const state = quizState(record);
    const times = state.questions[question];
    const spec = config.questions[question];
    if (!times || !spec) return fail('not_current', `this quiz has questions 0-${config.questions.length - 1}`);
    if (question > state.current || times.openedAt === undefined) return fail('not_current', `question ${question} is not open yet`);
    // Sent before the deadline, still on its way: taken within the viewer's own (measured, capped) round trip.
    if (question < state.current || isClosed(times) || now >= (times.closesAt ?? Infinity) + graceMs) {
      return fail(
        'too_late',
        `question ${question} closed${times.closesAt !== undefined ? ` at ${new Date(Math.min(times.closesAt, times.closedAt ?? Infinity)).toISOString()}` : ''}`,
      );
    }
    if (choice < 0 || choice >= spec.options.length) return fail('option_out_of_range', `choice must be an option index 0-${spec.options.length - 1}`);
    if (previous?.answers[String(question)]) return fail('already_taken_part', `this viewer has already answered question ${question}`);
    const limitMs = spec.seconds * 1000;
    const elapsedMs = Math.min(limitMs, Math.max(0, now - (times.openedAt + linkDelayMs)));
    const entry: QuizEntry = { answers: { ...previous?.answers, [String(question)]: { choice, at: now, offsetMs: linkDelayMs, elapsedMs } } };
    const name = context.viewerName ?? previous?.name;
    if (name !== undefined) entry.name = name;
    return ok(entry);
  },

  qualified(config, entry) {
    return Object.entries(entry.answers).some(([q, answer]) => config.questions[Number(q)]?.correct === answer.choice);
  },

  mine(entry): QuizMine {
    const indexes = Object.keys(entry.answers).map(Number);
    const mine = Array.from({ length: indexes.length === 0 ? 0 : Math.max(...indexes) + 1 }, () => -1);
    for (const i of indexes) mine[i] = entry.answers[String(i)]!.choice;
    return mine;
  },

  view(context) {
    const { record, config, tally, audience } = context;
    const state = quizState(record);
    const questions = config.questions.map((q, i): QuizQuestionView => {
      const times = state.questions[i] ?? {};
      const status = isClosed(times) ? 'closed' : times.openedAt !== undefined ? 'open' : 'pending';
      if (status === 'pending' && audience === 'viewer') return { status, seconds: q.seconds };
      const view: QuizQuestionView = { status, seconds: q.seconds, prompt: q.prompt, options: q.options.map((o) => ({ ...o })) };
      if (times.openedAt !== undefined) view.openedAt = times.openedAt;
      if (times.closesAt !== undefined) view.closesAt = times.closesAt;
      if (times.closedAt !== undefined) view.closedAt = times.closedAt;
      if (status === 'closed') view.correct = q.correct;
      if (status === 'closed' || audience === 'host') view.answers = [...(tally[i] ?? [])];
      return view;
    });
    const view: QuizView = {
      id: record.id,
      kind: 'quiz',
      status: record.status,
      speedScoring: config.speedScoring,
      revealSeconds: config.revealSeconds,
      createdAt: record.createdAt,
      current: state.current,
      questions,
    };
    if (record.openedAt !== undefined) view.openedAt = record.openedAt;
    if (record.closedAt !== undefined) view.closedAt = record.closedAt;
    const open = questions[state.current];
    if (open?.status === 'open' && open.closesAt !== undefined) view.closesAt = open.closesAt;
    if (record.status === 'open' && state.nextAt !== undefined) view.nextAt = state.nextAt;
    if (record.status === 'closed')
      view.leaderboard = leaderboard(context)
        .slice(0, TOP)
        .map((row) => (audience === 'host' ? { ...row } : publicRow(row)));
    return view;
  },

  personal(context, viewer): QuizPersonal | undefined {
    const entry = context.entries?.get(viewer);
    const state = quizState(context.record);
    if (!entry && !state.questions.some(isClosed)) return undefined;
    const { score, results } = standing(context.config, state, entry?.value ?? { answers: {} });
    const personal: QuizPersonal = { kind: 'quiz', results, score };
    if (entry && context.record.status === 'closed') {
      const ranked = leaderboard(context);
      const index = ranked.findIndex((row) => row.viewer === viewer);
      if (index >= 0) Object.assign(personal, { rank: ranked[index]!.rank, place: index + 1 });
    }
    return personal;
  },

  restView(view) {
    const quiz = view as QuizView;
    return {
      ...quiz,
      questions: quiz.questions.map((q) => ({ ...q, options: q.options?.map((o, i) => ({ ...o, answers: q.answers?.[i] ?? 0 })) })),
      leaderboard:
        quiz.leaderboard?.map(({ viewer, name, score, rank }) => (name === undefined ? { viewer, score, rank } : { viewer, name, score, rank })) ?? [],
    };
  },

  onTransition(record, now) {
    const config = record.config as QuizConfig;
    const state = quizState(record);
    if (record.status === 'open' && state.current < 0) return withState(record, openQuestion(config, state, 0, now));
    if (record.status === 'closed') {
      const { current, questions } = closeCurrent(state, now);
      return withState(record, { current, questions });
    }
    return record;
  },

  stepDeadline(record) {
    if (record.status !== 'open') return undefined;
    const state = quizState(record);
    if (!isOpen(state)) return state.nextAt;
    const closesAt = state.questions[state.current]?.closesAt;
    return closesAt === undefined ? undefined : closesAt + ANSWER_GRACE_MS;
  },

  /**
   * An open question ends at its deadline or by the host: `next` opens the
   * following question at once; `end` and `due` reveal the answer and open
   * the following question `revealSeconds` later (or at the host's `next`).
   * During a reveal, `next` and `due` open the following question. Ending
   * the last question closes the quiz.
   */
  advance(record, now, { mode, from }) {
    if (record.status !== 'open') return fail(record.status === 'closed' ? 'already_closed' : 'not_open', `quiz ${record.id} is ${record.status}`);
    const config = record.config as QuizConfig;
    const state = quizState(record);
    if (from !== undefined && from !== state.current) {
      return fail('not_current', `the quiz has moved on to question ${state.current} (asked to move on from question ${from})`);
    }
    const last = state.current + 1 >= config.questions.length;
    if (isOpen(state)) {
      const closed = closeCurrent(state, now);
      if (last) return ok({ record: withState(record, closed), finished: true });
      if (mode === 'next') return ok({ record: withState(record, openQuestion(config, closed, state.current + 1, now)), finished: false });
      const pause = config.revealSeconds * 1000;
      return ok({ record: withState(record, pause > 0 ? { ...closed, nextAt: now + pause } : closed), finished: false });
    }
    if (mode === 'end') return ok({ record, finished: false });
    if (last) return ok({ record, finished: true });
    return ok({ record: withState(record, openQuestion(config, state, state.current + 1, now)), finished: false });
  },
} satisfies InteractionKindHandler<QuizSpec, QuizConfig, QuizEntry, QuizTally, AnswerPayload>;
