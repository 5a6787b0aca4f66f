import type { ActReceipt, ClaimPayload, Result } from '@oncue/protocol';
import { reportInteraction } from '../../interaction-reporter.js';
import type { RoomConnection } from '../../room-connection.js';

/**
 * Claims a lottery prize with the fields the lottery asks for (winners only, once, within the claim window): its
 * `claim` action, through the outbox. Resolves with the server's answer: a receipt whose `personal` is this
 * viewer's lottery state (with `claimedAt`), or a typed error (`not_winner`, `already_claimed`, `claim_expired`,
 * `bad_request` for the fields). A viewer's accepted claim is reported to telemetry as a `reward`.
 */
export async function claim(
  conn: Pick<RoomConnection, 'act' | 'room' | 'role' | '$viewer'>,
  interaction: string,
  fields: Readonly<Record<string, string>>,
): Promise<Result<ActReceipt>> {
  const payload: ClaimPayload = { fields: { ...fields } };
  const result = await conn.act(interaction, 'claim', payload);
  if (result.ok && conn.role === 'viewer') reportInteraction({ type: 'reward', room: conn.room, interaction, kind: 'lottery', viewer: conn.$viewer.get() });
  return result;
}
