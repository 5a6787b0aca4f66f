import * as v from 'valibot';
import { fastCheckOf } from './fast-check.js';
import { jsonSizeBound } from './json-size-bound.js';
import { MAX_PAYLOAD_BYTES } from './limits.js';
import { fail, ok, type Result } from './result.js';

/**
 * Validates untrusted input against a schema. Answers `payload_too_large`
 * when its JSON form exceeds `maxBytes`, `bad_request` with the first issue
 * (and its path) when it does not match; never throws.
 */
export function parse<S extends v.GenericSchema>(schema: S, input: unknown, maxBytes = MAX_PAYLOAD_BYTES): Result<v.InferOutput<S>> {
  let size: number;
  try {
    size = jsonSize(input, maxBytes);
  } catch {
    return fail('bad_request', 'payload is not serialisable');
  }
  if (size > maxBytes) return fail('payload_too_large', `payload is ${size} bytes; the limit is ${maxBytes}`);
  return validate(schema, input);
}

/**
 * Validates input against a schema, without the size check of {@link parse} (a part of a message it already
 * checked): `bad_request` with the first issue and its path, prefixed with `at` when given (`payload` →
 * `payload.choices: …`, or `payload: …` for the value itself); never throws.
 */
export function validate<S extends v.GenericSchema>(schema: S, input: unknown, at?: string): Result<v.InferOutput<S>> {
  const fast = fastCheckOf(schema)?.(input);
  if (fast !== undefined) return ok(fast as v.InferOutput<S>);
  const result = v.safeParse(schema, input);
  if (result.success) return ok(result.output);
  const issue = result.issues[0];
  const dotPath = v.getDotPath(issue);
  const path = at && dotPath ? `${at}.${dotPath}` : (at ?? dotPath);
  return fail('bad_request', path ? `${path}: ${issue.message}` : issue.message);
}

function jsonSize(input: unknown, maxBytes: number): number {
  // Most messages are far below the limit: bounded without making their JSON, else measured exactly.
  const bound = jsonSizeBound(input, maxBytes);
  if (bound <= maxBytes) return bound;
  const json = JSON.stringify(input);
  if (json === undefined) return 0;
  // Upper bound without allocating a buffer: UTF-16 units × 3 ≥ UTF-8 bytes; exact only when needed.
  return json.length * 3 <= maxBytes ? json.length : new TextEncoder().encode(json).length;
}
