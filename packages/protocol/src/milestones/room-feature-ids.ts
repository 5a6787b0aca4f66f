// The room features' ids and cheer limits, apart from their schemas (room-features.ts): a client that only sends
// cheers takes these constants without the validation library.

/**
 * Room-level features take viewer actions through the same `act` envelope as the kinds (one action path: the
 * outbox, idempotency keys, rate limits, typed refusals), addressed to a reserved interaction id instead of an
 * interaction's. No interaction the server makes has one of these ids (they are longer and never start with `_`).
 */
export const CHEERS_FEATURE = '_cheers';
/** The viewer's rewards (claiming one): `act { interaction: '_rewards', action: 'claim', payload: { reward, fields } }`. */
export const REWARDS_FEATURE = '_rewards';

/** Most taps one cheer batch may carry (a client sends at most one batch per 500 ms; 20 taps/s is the cap). */
export const MAX_CHEER_BATCH = 100;
/** Taps per second a viewer is credited with at most; the excess is dropped silently (the batch is still acknowledged). */
export const CHEER_TAPS_PER_SECOND = 20;
/** How often the client sends its batched taps, at most. */
export const CHEER_BATCH_MS = 500;
