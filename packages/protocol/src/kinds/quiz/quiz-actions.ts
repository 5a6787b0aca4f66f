import * as v from 'valibot';
import type { KindActions } from '../../kind-action.js';

/** The payload of a quiz's `answer`: the question (it must be the open one) and the option chosen. */
export const AnswerPayloadSchema = v.object({
  question: v.pipe(v.number(), v.integer(), v.minValue(0)),
  choice: v.pipe(v.number(), v.integer('choice must be an option index')),
});
export type AnswerPayload = v.InferOutput<typeof AnswerPayloadSchema>;

/** What a quiz shows a viewer back of its own answers (`RoomSnapshot.mine`, `ActReceipt.mine`): the choice per question, -1 where not answered. */
export type QuizMine = number[];

/** A quiz's viewer actions: `answer`, once per question, while that question is open. Correctness and score arrive in `personal` once it closes. */
export const quizActions = {
  answer: { payload: AnswerPayloadSchema, phase: 'open' },
} as const satisfies KindActions;
