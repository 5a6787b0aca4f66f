import * as v from 'valibot';
import { BlindboxSpecSchema, type BlindboxPersonal, type BlindboxView } from './kinds/blindbox/blindbox.js';
import { LotterySpecSchema, type LotteryPersonal, type LotteryView } from './kinds/lottery/lottery.js';
import { PollSpecSchema, type PollView } from './kinds/poll/poll.js';
import { QuizSpecSchema, type QuizPersonal, type QuizView } from './kinds/quiz/quiz.js';

/*
 * The protocol's kind registry: the one place listing the kinds' spec schemas, views and personal states.
 * A kind's own module (`kinds/<kind>/`) holds those and its viewer actions (`<kind>Actions`); a new kind adds
 * one entry to each list below (docs/adding-a-kind.md).
 */

/** What a host sends to create any interaction, discriminated by `kind`. */
export const InteractionSpecSchema = v.variant('kind', [PollSpecSchema, QuizSpecSchema, LotterySpecSchema, BlindboxSpecSchema]);
export type InteractionSpecInput = v.InferInput<typeof InteractionSpecSchema>;
export type InteractionSpec = v.InferOutput<typeof InteractionSpecSchema>;

/** Kinds this protocol version defines. */
export const INTERACTION_KINDS = ['poll', 'quiz', 'lottery', 'blindbox'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** Any interaction as clients see it. */
export type InteractionView = PollView | QuizView | LotteryView | BlindboxView;

/** Per-viewer state of one interaction, by kind (kinds without one have none). */
export type PersonalState = QuizPersonal | LotteryPersonal | BlindboxPersonal;
