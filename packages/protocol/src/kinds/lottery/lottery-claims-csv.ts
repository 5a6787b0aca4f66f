import type { LotteryView } from './lottery.js';

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break;
 * a cell starting with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'`
 * so that spreadsheets do not run it as a formula (CSV injection).
 */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The winners of a lottery (or of any kind with prizes whose host view has `claim` and `claims`, a blind box) and
 * their claims as CSV (a host view: it carries the claims): one row per winner, `round, entry, name, claim_by, claimed_at`
 * (`name`: the display name the winner entered under, empty without one; times in ISO 8601 UTC, `claimed_at` empty while unclaimed) and one column per claim field (its label as the heading).
 */
export function lotteryClaimsCsv(view: Pick<LotteryView, 'claim' | 'claims'>): string {
  const fields = view.claim.fields;
  const header = ['round', 'entry', 'name', 'claim_by', 'claimed_at', ...fields.map((f) => f.label)];
  const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());
  const rows = (view.claims ?? []).map((c) => [c.round, c.entry, c.name, iso(c.claimBy), iso(c.claimedAt), ...fields.map((f) => c.fields?.[f.id])]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
