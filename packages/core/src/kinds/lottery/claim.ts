import type { ActReceipt, ClaimPayload, Result } from '@oncue/protocol';
import { reportInteraction } from '../../interaction-reporter.js';
import type { RoomConnection } from '../../room-connection.js';

/**
 * Claims a prize (a giveaway's, a blind box's) with the fields its interaction asks for (winners only, once, within the claim window): its
 * `claim` action, through the outbox. Resolves with the server's answer: a receipt whose `personal` is this
 * viewer's lottery state (with `claimedAt`), or a typed error (`not_winner`, `already_claimed`, `claim_expired`,
 * `bad_request` for the fields). A viewer's accepted claim is reported to telemetry as a `reward`.
 */
export async function claim(
  conn: Pick<RoomConnection, 'act' | 'room' | 'role' | '$viewer' | '$room'>,
  interaction: string,
  fields: Readonly<Record<string, string>>,
): Promise<Result<ActReceipt>> {
  const payload: ClaimPayload = { fields: { ...fields } };
  const result = await conn.act(interaction, 'claim', payload);
  if (result.ok && conn.role === 'viewer') {
    const kind = conn.$room.get().interactions.find((i) => i.id === interaction)?.kind ?? 'lottery';
    reportInteraction({ type: 'reward', room: conn.room, interaction, kind, viewer: conn.$viewer.get() });
  }
  return result;
}
