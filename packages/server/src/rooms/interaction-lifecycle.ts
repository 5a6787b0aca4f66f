import { canTransition, fail, ok, type InteractionStatus, type Result } from '@oncue/protocol';
import type { InteractionRecord } from '../store/store.js';

/** Statuses a host (or a deadline) can ask for. */
export type TransitionTarget = Exclude<InteractionStatus, 'draft'>;

/**
 * The life of every interaction, whatever its kind: draft → open → closed
 * (or draft → closed), never back. Returns the record as it is after the
 * transition, stamped with `now`; the input is not modified.
 *
 * - opening sets `openedAt`, and `closesAt` when the interaction has a duration;
 * - closing sets `closedAt` — at the deadline itself when it has passed, so a
 *   poll closed late (say, after a restart) still ends when it should have;
 * - opening an open interaction changes nothing (a retried open is harmless);
 * - anything asked of a closed interaction answers `already_closed`.
 */
export function transition(record: InteractionRecord, to: TransitionTarget, now: number): Result<InteractionRecord> {
  if (record.status === 'closed') return fail('already_closed', `interaction ${record.id} is already closed`);
  if (record.status === to) return ok(record);
  if (!canTransition(record.status, to)) return fail('bad_request', `cannot go from ${record.status} to ${to}`);
  if (to === 'open') {
    const next: InteractionRecord = { ...record, status: 'open', openedAt: now };
    if (record.durationSeconds !== undefined) next.closesAt = now + record.durationSeconds * 1000;
    return ok(next);
  }
  const closedAt = record.closesAt !== undefined ? Math.min(now, record.closesAt) : now;
  return ok({ ...record, status: 'closed', closedAt });
}

/** Whether the interaction takes part now: open, and its deadline (if any) not reached. */
export function isAcceptingAt(record: InteractionRecord, now: number): boolean {
  return record.status === 'open' && (record.closesAt === undefined || now < record.closesAt);
}
