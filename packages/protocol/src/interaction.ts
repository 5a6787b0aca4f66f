import * as v from 'valibot';
import { LotterySpecSchema, type LotteryView } from './lottery.js';
import { PollSpecSchema, type PollView } from './poll.js';
import { QuizSpecSchema, type QuizView } from './quiz.js';

/**
 * What a host sends to create any interaction, discriminated by `kind`.
 * New kinds (quiz, lottery, …) join this variant and {@link InteractionView}.
 */
export const InteractionSpecSchema = v.variant('kind', [PollSpecSchema, QuizSpecSchema, LotterySpecSchema]);
export type InteractionSpecInput = v.InferInput<typeof InteractionSpecSchema>;
export type InteractionSpec = v.InferOutput<typeof InteractionSpecSchema>;

/** Kinds this protocol version defines. */
export const INTERACTION_KINDS = ['poll', 'quiz', 'lottery'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** Any interaction as clients see it. */
export type InteractionView = PollView | QuizView | LotteryView;
