import { fail, ok, type CreditFlag, type Result, type ViewerId } from '@oncue/protocol';
import { decidePrizeClaim } from '../../kinds/prize-claim.js';
import type { IssuedReward } from './issued-reward.js';

/**
 * Decides a viewer's claim of an issued reward (docs/milestones.md, "Claiming a reward"): `not_earned` unless it is
 * an item issued to this viewer in this channel (a coupon or a badge has nothing to claim), `flagged` while the
 * credit signal holds rewards back, then the giveaway's claim flow (`decidePrizeClaim`: `already_claimed`,
 * `claim_expired`, `bad_request` unless exactly the asked fields). The reward as claimed.
 */
export function decideRewardClaim(
  issued: IssuedReward | undefined,
  claimant: { viewer: ViewerId; channel: string; flags: readonly CreditFlag[] },
  id: string,
  fields: Readonly<Record<string, string>>,
  now: number,
): Result<IssuedReward> {
  if (!issued || issued.viewer !== claimant.viewer || issued.channel !== claimant.channel || !issued.claim) {
    return fail('not_earned', `no reward ${id} to claim for this viewer`);
  }
  if (claimant.flags.length > 0) return fail('flagged', `rewards are held back for this viewer (${claimant.flags.join(', ')})`);
  const decided = decidePrizeClaim(issued.claim.fields, issued.claim.claimBy, issued.claimed, fields, now);
  return decided.ok ? ok({ ...issued, claimed: decided.value }) : decided;
}
