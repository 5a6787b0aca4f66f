import { fail, ok, type ClaimField, type Result } from '@oncue/protocol';

/** A winner's claim as a kind keeps it with the entry. */
export interface PrizeClaim {
  at: number;
  fields: Record<string, string>;
}

/**
 * Decides a winner's claim, the same for every kind with prizes (a giveaway, a blind box): `not_winner` without a
 * prize (`claimBy` undefined), `already_claimed`, `claim_expired` after `claimBy`, `bad_request` unless exactly the
 * asked fields are filled in. The claim to keep, fields in the asked order.
 */
export function decidePrizeClaim(
  asked: readonly ClaimField[],
  claimBy: number | undefined,
  previous: PrizeClaim | undefined,
  fields: Readonly<Record<string, string>>,
  now: number,
): Result<PrizeClaim> {
  if (claimBy === undefined) return fail('not_winner', 'only a winner can claim a prize');
  if (previous) return fail('already_claimed', 'this prize has already been claimed');
  if (now > claimBy) return fail('claim_expired', `the claim window closed at ${new Date(claimBy).toISOString()}`);
  const ids = asked.map((f) => f.id);
  const given = Object.keys(fields);
  if (given.length !== ids.length || ids.some((id) => typeof fields[id] !== 'string')) {
    return fail('bad_request', `fields: fill in exactly ${ids.length ? ids.join(', ') : 'nothing'}`);
  }
  return ok({ at: now, fields: Object.fromEntries(ids.map((id) => [id, fields[id]!])) });
}
