import type { ActReceipt, EnterPayload, Result } from '@oncue/protocol';
import type { RoomConnection } from '../../room-connection.js';
import { VIEWER_WAIT_MS, viewerKnown } from '../viewer-known.js';
import { entryTicket } from './entry-ticket.js';

export { VIEWER_WAIT_MS };

/**
 * Enters a lottery (once per viewer, while it is open): its `enter` action, through the outbox, with this
 * viewer's {@link entryTicket}. Right after connecting the viewer id may not be known yet: the ticket waits for
 * it (up to {@link VIEWER_WAIT_MS}, or until the connection fails), then the entry goes without one (the server
 * draws a random ticket). Resolves with the server's answer: a receipt whose `personal` is this viewer's lottery
 * state (also put in `$room.personal[interaction]`), or a typed error (`not_eligible`, `already_taken_part`, `not_open`).
 */
export async function enter(
  conn: Pick<RoomConnection, 'act' | 'server' | 'storage' | '$viewer' | '$connection'>,
  interaction: string,
): Promise<Result<ActReceipt>> {
  await viewerKnown(conn, VIEWER_WAIT_MS);
  const ticket = await entryTicket(conn, interaction);
  const payload: EnterPayload = ticket === undefined ? {} : { ticket };
  return conn.act(interaction, 'enter', payload);
}
