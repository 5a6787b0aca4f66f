import * as v from 'valibot';

/** Room names: 1–64 of `A–Z a–z 0–9 _ -`. They appear in URLs. */
export const RoomIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'room must be 1-64 of A-Z a-z 0-9 _ -'));
/** Interaction ids are made by the server; clients only echo them. */
export const InteractionIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid interaction id'));
/** Client-generated idempotency key of one action (a UUID works). */
export const IdempotencyKeySchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'key must be 8-64 of A-Z a-z 0-9 _ -'));

export type RoomId = string;
export type InteractionId = string;
export type IdempotencyKey = string;
/** A viewer's stable id, issued by the server (or an integrator's backend) inside a signed token. */
export type ViewerId = string;
