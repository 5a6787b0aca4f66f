import * as v from 'valibot';
import type { ViewerId } from '../../ids.js';
import type { InteractionStatus } from '../../interaction-status.js';
import {
  DEFAULT_QUIZ_SECONDS,
  DEFAULT_REVEAL_SECONDS,
  MAX_QUESTION_LENGTH,
  MAX_QUIZ_OPTIONS,
  MAX_QUIZ_QUESTIONS,
  MAX_QUIZ_SECONDS,
  MAX_REVEAL_SECONDS,
  MIN_POLL_OPTIONS,
  MIN_QUIZ_SECONDS,
} from '../../limits.js';
import { labelTextSchema } from '../../label-text.js';
import { ChoiceOptionSchema, type ChoiceOption } from '../../choice-option.js';

export const QuizQuestionSpecSchema = v.pipe(
  v.object({
    prompt: labelTextSchema('prompt', MAX_QUESTION_LENGTH),
    options: v.pipe(
      v.array(ChoiceOptionSchema),
      v.minLength(MIN_POLL_OPTIONS, `a question needs ${MIN_POLL_OPTIONS}-${MAX_QUIZ_OPTIONS} options`),
      v.maxLength(MAX_QUIZ_OPTIONS, `a question needs ${MIN_POLL_OPTIONS}-${MAX_QUIZ_OPTIONS} options`),
    ),
    /** Index of the one correct option. Never sent to viewers before the question closes. */
    correct: v.pipe(v.number(), v.integer('correct must be an option index'), v.minValue(0)),
    /** Time limit of the question, in seconds. */
    seconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(MIN_QUIZ_SECONDS), v.maxValue(MAX_QUIZ_SECONDS)), DEFAULT_QUIZ_SECONDS),
  }),
  v.check((q) => q.correct < q.options.length, 'correct is not an option index'),
);

/** What a host sends to launch a quiz. The first question opens with the quiz. */
export const QuizSpecSchema = v.object({
  kind: v.literal('quiz'),
  questions: v.pipe(
    v.array(QuizQuestionSpecSchema),
    v.minLength(1, `a quiz needs 1-${MAX_QUIZ_QUESTIONS} questions`),
    v.maxLength(MAX_QUIZ_QUESTIONS, `a quiz needs 1-${MAX_QUIZ_QUESTIONS} questions`),
  ),
  /** Faster correct answers score more (1000 → 500 at the deadline); off: 1000 per correct answer. */
  speedScoring: v.optional(v.boolean(), true),
  /**
   * How long a question's answer stays revealed before the next question
   * opens by itself, in seconds; 0: the next question waits for the host.
   */
  revealSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_REVEAL_SECONDS)), DEFAULT_REVEAL_SECONDS),
  /** Create as a draft instead of opening at once (default: open). */
  draft: v.optional(v.boolean(), false),
  /** Take part only as a viewer signed in by the integrator (an integrator-signed viewer token); anonymous viewers are refused `signed_viewer_required`. */
  signedOnly: v.optional(v.boolean()),
});

export type QuizSpecInput = v.InferInput<typeof QuizSpecSchema>;
export type QuizSpec = v.InferOutput<typeof QuizSpecSchema>;
export type QuizQuestionSpec = v.InferOutput<typeof QuizQuestionSpecSchema>;

export type QuizQuestionStatus = 'pending' | 'open' | 'closed';

/** One question as clients see it. Viewers get only `status` and `seconds` of questions not yet open. */
export interface QuizQuestionView {
  status: QuizQuestionStatus;
  seconds: number;
  prompt?: string;
  options?: ChoiceOption[];
  /** Server times, ms since the epoch. */
  openedAt?: number;
  closesAt?: number;
  closedAt?: number;
  /** The correct option: only once the question is closed (for everyone, hosts included). */
  correct?: number;
  /** Answers per option: for hosts always, for viewers once the question is closed. */
  answers?: number[];
}

/**
 * One row of a quiz's leaderboard. Viewers get rank, name, score and time
 * only: no viewer id, so nothing on a public leaderboard can be hashed into
 * another interaction's ids (a lottery's entries). A viewer finds its own row
 * through its personal state ({@link QuizPersonal.place}).
 */
export interface QuizLeaderboardEntry {
  /** Hosts only (host sockets and the host-token REST API). */
  viewer?: ViewerId;
  /** The display name the viewer connected with (`Handshake.name`), if any: self-declared, not verified. */
  name?: string;
  score: number;
  /** 1-based; equal score and equal total answer time share a rank. */
  rank: number;
  /** Sum of the measured answer times, ms (the tie-break: lower first). */
  timeMs: number;
}

/** A quiz as viewers and hosts see it. */
export interface QuizView {
  id: string;
  kind: 'quiz';
  status: InteractionStatus;
  speedScoring: boolean;
  /** Pause after each reveal before the next question opens by itself, seconds; 0: the host moves on. */
  revealSeconds: number;
  createdAt: number;
  openedAt?: number;
  closedAt?: number;
  /** Index of the open (or last opened) question; -1 before the quiz opens. */
  current: number;
  /** `closesAt` of the open question. */
  closesAt?: number;
  /**
   * While the current question is closed and revealed and another follows:
   * when the next one opens by itself (server time); absent when it waits for the host.
   */
  nextAt?: number;
  questions: QuizQuestionView[];
  /** Top 10, once the quiz is closed. */
  leaderboard?: QuizLeaderboardEntry[];
}

/** A viewer's own result in one closed question. */
export interface QuizQuestionResult {
  question: number;
  /** Absent when the viewer did not answer. */
  choice?: number;
  correct: boolean;
  score: number;
  /** Measured answer time, ms (from when the question reached this viewer). */
  elapsedMs?: number;
}

/** What only one viewer sees of a quiz: their results in closed questions, and their rank once it is over. */
export interface QuizPersonal {
  kind: 'quiz';
  results: QuizQuestionResult[];
  score: number;
  /** Once the quiz is closed (absent when the viewer did not take part). */
  rank?: number;
  /**
   * Once the quiz is closed: this viewer's 1-based position in the ranked order (unlike `rank`, never shared),
   * so its row is `leaderboard[place - 1]` when `place` is within the rows shown.
   */
  place?: number;
}

/** The scoring rule: 1000 for an instant correct answer, falling linearly to 500 at the deadline; 1000 flat without speed scoring. */
export function quizScore(correct: boolean, elapsedMs: number, limitMs: number, speedScoring: boolean): number {
  if (!correct) return 0;
  if (!speedScoring) return 1000;
  const t = Math.min(1, Math.max(0, elapsedMs / limitMs));
  return Math.round(1000 - 500 * t);
}
