/**
 * Every way the server can refuse something, as a closed set of codes.
 * Widgets map a code to a localised message; clients may branch on it.
 */
export const ERROR_CODES = [
  /** The payload does not match the message schema (an `act`: its envelope, an action its kind does not have, or the action's payload schema). */
  'bad_request',
  /** The payload is larger than {@link MAX_PAYLOAD_BYTES}. */
  'payload_too_large',
  /** No viewer or host token, or one that does not verify. */
  'unauthorized',
  /**
   * A viewer token signed for a known user (`v1`/`v2`) that does not verify: forged, tampered with, expired, or
   * signed with another secret. Refused at the handshake (never replaced by an anonymous identity).
   */
  'bad_viewer_token',
  /** The room has no interactions and no host has created it. */
  'unknown_room',
  /** No interaction with that id in the room. */
  'unknown_interaction',
  /** The interaction kind is not supported by this server. */
  'unsupported_kind',
  /** The interaction is not open (still a draft, or closed). */
  'not_open',
  /** The interaction is already closed. */
  'already_closed',
  /** A choice is outside the option range, or too many/few choices. */
  'option_out_of_range',
  /**
   * The viewer already took part and the kind takes no second entry: a poll already voted (without `allowChange`),
   * a quiz question already answered, a lottery already entered. Widgets word it per kind.
   */
  'already_taken_part',
  /** The answer came after the question's deadline (by server time), or the question is closed. */
  'too_late',
  /** The answer is for a question that is not the open one (not yet open). */
  'not_current',
  /** The viewer may not enter this lottery (it is for viewers who took part in another interaction). */
  'not_eligible',
  /** A claim by a viewer who did not win (or whose prize went to a redraw). */
  'not_winner',
  /** The prize was claimed already (with another key). */
  'already_claimed',
  /** The claim window of this prize has closed. */
  'claim_expired',
  /** Too many actions in a short time (or too many connections or new anonymous viewers from one address); see `retryAfterMs`. */
  'rate_limited',
  /** The interaction (or room) takes part only from viewers signed in by the integrator (an integrator-signed viewer token). */
  'signed_viewer_required',
  /** No goal with that id in the room. */
  'unknown_goal',
  /** A reward claim for a reward this viewer was not issued (or a badge not earned). */
  'not_earned',
  /** Rewards are refused to this viewer: its activity looks automated (docs/milestones.md, "Fake volume"). */
  'flagged',
  /** The server failed; the action may be retried with the same key. */
  'internal',
  /**
   * Client-only, never sent by the server: the client's outbox already holds as many unanswered actions as it
   * keeps (`OUTBOX_LIMIT`), so a new one is refused at once rather than evicting an older one.
   */
  'outbox_full',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A refusal as it travels on the wire (socket acks and REST bodies). */
export interface OnCueError {
  code: ErrorCode;
  /** English, for logs and developers; widgets show their own localised text. */
  message: string;
  /** With `rate_limited`: how long to wait before trying again, ms (a hint; the budget may refill sooner). */
  retryAfterMs?: number;
}

/** HTTP status the REST API answers for each error code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  payload_too_large: 413,
  unauthorized: 401,
  bad_viewer_token: 401,
  unknown_room: 404,
  unknown_interaction: 404,
  unsupported_kind: 400,
  not_open: 409,
  already_closed: 409,
  option_out_of_range: 400,
  already_taken_part: 409,
  too_late: 409,
  not_current: 409,
  not_eligible: 403,
  not_winner: 403,
  already_claimed: 409,
  claim_expired: 410,
  rate_limited: 429,
  signed_viewer_required: 403,
  unknown_goal: 404,
  not_earned: 403,
  flagged: 403,
  internal: 500,
  // Client-only (never on the wire); listed so the table stays total.
  outbox_full: 507,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
