import type { ActReceipt, PollMine, Result, VotePayload } from '@oncue/protocol';
import type { RoomConnection } from '../../room-connection.js';

/**
 * Votes in a poll: its `vote` action (`conn.act(interaction, 'vote', { choices })`), through the outbox. Resolves
 * with the server's answer: a receipt whose `mine` is the accepted choices (also put in `$room.mine[interaction]`),
 * or a typed error (`option_out_of_range`, `already_taken_part`, `not_open`, …).
 */
export function vote(conn: Pick<RoomConnection, 'act'>, interaction: string, choices: readonly number[]): Promise<Result<ActReceipt<PollMine>>> {
  const payload: VotePayload = { choices: [...choices] };
  return conn.act(interaction, 'vote', payload) as Promise<Result<ActReceipt<PollMine>>>;
}
