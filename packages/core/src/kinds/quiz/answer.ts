import type { ActReceipt, AnswerPayload, QuizMine, Result } from '@oncue/protocol';
import type { RoomConnection } from '../../room-connection.js';

/**
 * Answers question `question` of a quiz with option `choice`: its `answer` action, through the outbox. Resolves
 * with the server's answer: a receipt whose `mine` is this viewer's choice per question, -1 where not answered
 * (also put in `$room.mine[interaction]`), or a typed error (`too_late`, `not_current`, `already_taken_part`, …).
 * Correctness and score arrive later in `$room.personal` once the question closes.
 */
export function answer(conn: Pick<RoomConnection, 'act'>, interaction: string, question: number, choice: number): Promise<Result<ActReceipt<QuizMine>>> {
  const payload: AnswerPayload = { question, choice };
  return conn.act(interaction, 'answer', payload) as Promise<Result<ActReceipt<QuizMine>>>;
}
