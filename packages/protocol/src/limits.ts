/** Largest client message (JSON-encoded) the server accepts, in bytes. */
export const MAX_PAYLOAD_BYTES = 8 * 1024;
/** Largest REST request body, in bytes. */
export const MAX_REST_BODY_BYTES = 64 * 1024;
export const MIN_POLL_OPTIONS = 2;
export const MAX_POLL_OPTIONS = 10;
export const MAX_LABEL_LENGTH = 120;
export const MAX_QUESTION_LENGTH = 280;
export const MAX_URL_LENGTH = 2048;
/** Longest display name a viewer connects with, in characters. */
export const MAX_DISPLAY_NAME_LENGTH = 32;
/** Longest poll duration, in seconds (24 h). */
export const MAX_POLL_SECONDS = 86_400;
/**
 * How long the server remembers an idempotency key's answer: 25 hours, one
 * more than a client keeps an unacknowledged action (24 h), so a retry never
 * outlives the record that makes it exactly-once.
 */
export const IDEMPOTENCY_RETENTION_MS = 25 * 60 * 60 * 1000;
/** Longest a client keeps an unacknowledged action before giving up on it. */
export const OUTBOX_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/**
 * The pace at which a client emits queued actions on one connection (the reconnect flush of its outbox and
 * retries): a token bucket of `burst` sends at once, then `ratePerSecond`. Kept under the server's per-socket
 * action limit (`VOTE_RATE` in packages/server/src/transport/rate-limiter.ts: 20/s, burst 40) so that a full outbox
 * flushed on reconnect is never refused `rate_limited`.
 */
export const CLIENT_ACTION_RATE: { readonly ratePerSecond: number; readonly burst: number } = { ratePerSecond: 15, burst: 30 };
/** Default coalescing interval of tally broadcasts, in milliseconds. */
export const DEFAULT_TALLY_INTERVAL_MS = 100;
export const MAX_QUIZ_QUESTIONS = 20;
export const MAX_QUIZ_OPTIONS = 6;
export const MIN_QUIZ_SECONDS = 5;
export const MAX_QUIZ_SECONDS = 300;
export const DEFAULT_QUIZ_SECONDS = 15;
/** Pause between a question's reveal and the next question, seconds (0: wait for the host). */
export const DEFAULT_REVEAL_SECONDS = 5;
export const MAX_REVEAL_SECONDS = 300;
/**
 * Most link time credited to a viewer's quiz answer, ms. A viewer is credited
 * the smallest round trip the server measured on its connection (the question
 * travels one way, the answer the other), at most this: 500 ms is the round
 * trip of a viewer 250 ms away each way, about the slowest terrestrial link
 * (a congested mobile network on another continent). A client that delays its
 * replies to look slower gains at most this much answer time (at most 17 points
 * of a 15-s speed-scored question, 50 of a 5-s one). It is also the grace
 * window after a question's deadline during which answers still in flight are
 * taken, and so how long the reveal of the correct option waits after the deadline.
 */
export const MAX_LINK_DELAY_CREDIT_MS = 500;
/** Most prizes of one lottery draw. */
export const MAX_LOTTERY_WINNERS = 100;
export const MAX_CLAIM_FIELDS = 3;
export const MAX_CLAIM_VALUE_LENGTH = 200;
/** Longest claim window, in seconds (30 days); the default is 24 h. */
export const MAX_CLAIM_SECONDS = 30 * 86_400;
export const DEFAULT_CLAIM_SECONDS = 86_400;
