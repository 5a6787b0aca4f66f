import { REWARDS_FEATURE, type ActReceipt, type RewardClaimPayload, type Result } from '@oncue/protocol';
import type { RoomConnection } from '../room-connection.js';

/**
 * Claims a reward issued to this viewer (a limited item: `RewardView.claim`) with the fields it asks for: `act` on
 * `_rewards`, action `claim`, through the outbox. Resolves with the server's answer: a receipt (the updated progress
 * follows as the `progress` event), or a typed error (`not_earned`, `already_claimed`, `claim_expired`, `flagged`,
 * `bad_request` for the fields).
 */
export function claimReward(conn: Pick<RoomConnection, 'act'>, issued: string, fields: Readonly<Record<string, string>>): Promise<Result<ActReceipt>> {
  const payload: RewardClaimPayload = { issued, fields: { ...fields } };
  return conn.act(REWARDS_FEATURE, 'claim', payload);
}
