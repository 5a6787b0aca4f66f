import { csvCell, type ViewerId } from '@oncue/protocol';
import type { IssuedReward } from './issued-reward.js';

/**
 * A channel's issued rewards as CSV for the host (RFC 4180, formula-safe cells like the giveaway's claims): one row per
 * reward in issue order, `viewer, name, reward, rule, type, code, tier, at, claim_by, claimed_at` (`name`: the display
 * name last seen with the viewer's valid interactions, empty without one; times in ISO 8601 UTC, empty when not
 * applicable), then one column per claim field of any item (its label as the heading; empty while unclaimed).
 */
export function rewardsCsv(issued: readonly IssuedReward[], nameOf: (viewer: ViewerId) => string | undefined): string {
  const fields = new Map<string, string>();
  for (const reward of issued) for (const field of reward.claim?.fields ?? []) if (!fields.has(field.id)) fields.set(field.id, field.label);
  const header = ['viewer', 'name', 'reward', 'rule', 'type', 'code', 'tier', 'at', 'claim_by', 'claimed_at', ...fields.values()];
  const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());
  const rows = issued.map((r) => [
    r.viewer,
    nameOf(r.viewer),
    r.reward,
    r.rule,
    r.type,
    r.code,
    r.tier?.name,
    iso(r.at),
    iso(r.claim?.claimBy),
    iso(r.claimed?.at),
    ...[...fields.keys()].map((id) => r.claimed?.fields[id]),
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
