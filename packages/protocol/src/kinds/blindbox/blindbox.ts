import * as v from 'valibot';
import { ChoiceOptionSchema } from '../../choice-option.js';
import { ImageUrlSchema } from '../../image-url-schema.js';
import type { InteractionStatus } from '../../interaction-status.js';
import { labelTextSchema } from '../../label-text.js';
import { MAX_LOTTERY_WINNERS, MAX_POLL_SECONDS, MAX_QUESTION_LENGTH } from '../../limits.js';
import { ClaimSpecSchema, type ClaimField, type LotteryClaim } from '../lottery/lottery.js';
import type { BlindboxAnswer } from './blindbox-commitment.js';
import { MAX_TEXT_GUESS, normaliseGuessText } from './blindbox-guess-text.js';
import type { BlindboxGuess, BlindboxReward } from './blindbox-winners.js';

/** Choices a box offers (2–8). */
export const MIN_BLINDBOX_OPTIONS = 2;
export const MAX_BLINDBOX_OPTIONS = 8;
/** Accepted answers of a text box (1–10). */
export const MAX_ACCEPTED_TEXTS = 10;
/** The range of a number guess (integers). */
export const MAX_BLINDBOX_NUMBER = 1_000_000_000;

const integer = (what: string) =>
  v.pipe(v.number(`${what} must be a number`), v.integer(`${what} must be a whole number`), v.minValue(-MAX_BLINDBOX_NUMBER), v.maxValue(MAX_BLINDBOX_NUMBER));

/** How viewers guess: pick an option, type a whole number, or type a short text. */
export const BlindboxGuessSpecSchema = v.variant('type', [
  v.object({
    type: v.literal('choice'),
    options: v.pipe(
      v.array(ChoiceOptionSchema),
      v.minLength(MIN_BLINDBOX_OPTIONS, 'a box needs 2-8 options'),
      v.maxLength(MAX_BLINDBOX_OPTIONS, 'a box needs 2-8 options'),
    ),
    /** Show viewers how many picked each option while guessing (default: only the number of guesses). */
    showDistribution: v.optional(v.boolean(), false),
  }),
  v.object({
    type: v.literal('number'),
    min: v.optional(integer('guess.min'), 0),
    max: v.optional(integer('guess.max'), MAX_BLINDBOX_NUMBER),
    /** What the number counts, shown beside the field (e.g. "candies"). */
    unit: v.optional(labelTextSchema('guess.unit', 20)),
  }),
  v.object({ type: v.literal('text') }),
]);
export type BlindboxGuessSpec = v.InferOutput<typeof BlindboxGuessSpecSchema>;

/** Who wins (see blindbox-winners.ts); `closest` only for number guesses. */
export const BlindboxRewardSchema = v.variant('type', [
  v.object({ type: v.literal('all') }),
  v.object({
    type: v.picklist(['first', 'draw', 'closest']),
    winners: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_LOTTERY_WINNERS)), 1),
  }),
]);

/** What a host sends to launch a blind box. The answer is committed at launch and kept on the server until the reveal. */
export const BlindboxSpecSchema = v.pipe(
  v.object({
    kind: v.literal('blindbox'),
    title: labelTextSchema('title', MAX_QUESTION_LENGTH),
    image: v.optional(ImageUrlSchema),
    guess: BlindboxGuessSpecSchema,
    /** What is in the box: an option index (`choice`), a whole number (`number`), the accepted texts (`text`). */
    answer: v.union([v.number('answer must be a number or a list of texts'), v.array(v.string())], 'answer must be a number or a list of texts'),
    reward: v.optional(BlindboxRewardSchema, { type: 'all' }),
    /** Viewers may change their guess until the box locks (default: one guess, final). */
    changeable: v.optional(v.boolean(), false),
    /** Guesses lock after this many seconds; absent: when the host locks. */
    durationSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_POLL_SECONDS))),
    claim: ClaimSpecSchema,
    draft: v.optional(v.boolean(), false),
    signedOnly: v.optional(v.boolean()),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = answerProblem(dataset.value.guess, dataset.value.answer) ?? rewardProblem(dataset.value.guess, dataset.value.reward);
    if (problem)
      addIssue({
        message: problem.message,
        path: [{ type: 'object', origin: 'value', input: dataset.value, key: problem.field, value: dataset.value[problem.field] }],
      });
  }),
);
export type BlindboxSpecInput = v.InferInput<typeof BlindboxSpecSchema>;
export type BlindboxSpec = v.InferOutput<typeof BlindboxSpecSchema>;

/** Why `answer` does not fit the guess type, or nothing. */
function answerProblem(guess: BlindboxGuessSpec, answer: number | string[]): { field: 'answer' | 'guess'; message: string } | undefined {
  if (guess.type === 'choice') {
    const ok = typeof answer === 'number' && Number.isInteger(answer) && answer >= 0 && answer < guess.options.length;
    return ok ? undefined : { field: 'answer', message: `answer must be an option index, 0-${guess.options.length - 1}` };
  }
  if (guess.type === 'number') {
    if (guess.min > guess.max) return { field: 'guess', message: 'guess.min is above guess.max' };
    const ok = typeof answer === 'number' && Number.isInteger(answer) && answer >= guess.min && answer <= guess.max;
    return ok ? undefined : { field: 'answer', message: `answer must be a whole number from ${guess.min} to ${guess.max}` };
  }
  const texts = Array.isArray(answer) ? answer : [];
  const ok = texts.length >= 1 && texts.length <= MAX_ACCEPTED_TEXTS && texts.every((t) => t.length <= MAX_TEXT_GUESS && normaliseGuessText(t) !== '');
  return ok
    ? undefined
    : { field: 'answer', message: `answer must be 1-${MAX_ACCEPTED_TEXTS} accepted texts of 1-${MAX_TEXT_GUESS} characters, each with a letter or digit` };
}

function rewardProblem(guess: BlindboxGuessSpec, reward: { type: string }): { field: 'reward'; message: string } | undefined {
  return reward.type === 'closest' && guess.type !== 'number' ? { field: 'reward', message: 'reward closest is for number guesses only' } : undefined;
}

/** The committed answer of a validated spec, as the commitment covers it. */
export function blindboxAnswerOf(spec: Pick<BlindboxSpec, 'guess' | 'answer'>): BlindboxAnswer {
  return spec.guess.type === 'text' ? { type: 'text', answer: spec.answer as string[] } : { type: spec.guess.type, answer: spec.answer as number };
}

/** A blind box as viewers and hosts see it. `answer`, `salt`, `seed`, `guesses` and `winners` only once revealed. */
export interface BlindboxView {
  id: string;
  kind: 'blindbox';
  /** `open` (guessing), `closed` (locked, or revealed when `revealedAt` is set). */
  status: InteractionStatus;
  title: string;
  image?: string;
  guess: BlindboxGuessSpec;
  reward: BlindboxReward;
  changeable: boolean;
  claim: { fields: ClaimField[]; seconds: number };
  durationSeconds?: number;
  createdAt: number;
  openedAt?: number;
  closesAt?: number;
  closedAt?: number;
  /** Number of guesses. */
  participants: number;
  /** Guesses per option (`choice`): viewers get it only with `showDistribution`; hosts always. */
  counts?: number[];
  /** Hex SHA-256 of `<canonical answer JSON>:<salt>`, from launch. */
  commitment: string;
  /** Hex SHA-256 of the draw seed, from launch (a `draw` reward). */
  seedCommitment?: string;
  /** The host cancelled the box before the reveal: nobody wins. */
  cancelled?: boolean;
  revealedAt?: number;
  answer?: BlindboxAnswer['answer'];
  salt?: string;
  seed?: string;
  /** Until when (server time) winners can claim. */
  claimBy?: number;
  /** The winners' entry ids, in the rule's order. */
  winners?: string[];
  /** Display names of the winners who have one, by entry id (as a giveaway's `winnerNames`); no other viewer's name. */
  winnerNames?: Record<string, string>;
  /** Every final guess in acceptance order (the proof; hosts get it in the view, viewers fetch `…/proof`). */
  guesses?: BlindboxGuess[];
  /** Each winner's claim with what they filled in, as a giveaway's (`round` 0): hosts only, once revealed. */
  claims?: LotteryClaim[];
}

/** What only one viewer sees of a blind box. */
export interface BlindboxPersonal {
  kind: 'blindbox';
  /** The viewer's entry id (its ticket) and guess. */
  entry?: string;
  guess?: number | string;
  /** Set at the reveal. */
  right?: boolean;
  won?: boolean;
  claimBy?: number;
  claimedAt?: number;
}
