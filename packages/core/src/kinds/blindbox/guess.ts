import type { ActReceipt, GuessPayload, Result } from '@oncue/protocol';
import type { RoomConnection } from '../../room-connection.js';
import { entryTicket } from '../lottery/entry-ticket.js';
import { VIEWER_WAIT_MS, viewerKnown } from '../viewer-known.js';

/**
 * Guesses what is in a blind box (while it is open; once, or changed until it locks when the host allows it): its
 * `guess` action, through the outbox, with this viewer's entry ticket (as a giveaway's `enter`: the id under which
 * the guess is published at the reveal, derived from a secret only this browser holds). `value` is an option index,
 * a whole number or a text, as the box asks. Resolves with the server's answer: a receipt whose `personal` is this
 * viewer's state of the box, or a typed error (`option_out_of_range`, `already_taken_part`, `not_open`, `bad_request`).
 */
export async function guess(
  conn: Pick<RoomConnection, 'act' | 'server' | 'storage' | '$viewer' | '$connection'>,
  interaction: string,
  value: number | string,
): Promise<Result<ActReceipt>> {
  await viewerKnown(conn, VIEWER_WAIT_MS);
  const ticket = await entryTicket(conn, interaction);
  const payload: GuessPayload = ticket === undefined ? { value } : { value, ticket };
  return conn.act(interaction, 'guess', payload);
}
