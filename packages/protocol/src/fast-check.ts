import type * as v from 'valibot';

/**
 * A hand-written check of a message the server takes at a high rate: it answers the schema's output for an
 * input the schema accepts, or `undefined` when it does not accept it outright (then valibot decides, and words
 * the refusal). It must never accept what the schema refuses, nor answer another output
 * (`fast-check.spec.ts` holds each check to its schema).
 */
export type FastCheck<S extends v.GenericSchema> = (input: unknown) => v.InferOutput<S> | undefined;

const checks = new WeakMap<v.GenericSchema, (input: unknown) => unknown>();

/**
 * Gives `schema` a {@link FastCheck} that {@link validate} (and `parse`) try first: for an `act` on every vote,
 * valibot's generic walk (a dataset object per field) is a visible share of the server's CPU and garbage.
 */
/* @__NO_SIDE_EFFECTS__ */
export function withFastCheck<S extends v.GenericSchema>(schema: S, check: FastCheck<S>): S {
  checks.set(schema, check);
  return schema;
}

/** The fast check of `schema`, if it has one. */
export function fastCheckOf(schema: v.GenericSchema): ((input: unknown) => unknown) | undefined {
  return checks.get(schema);
}
