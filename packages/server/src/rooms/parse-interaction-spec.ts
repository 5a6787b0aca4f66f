import * as v from 'valibot';
import { fail, IdempotencyKeySchema, InteractionSpecSchema, MAX_PAYLOAD_BYTES, parse, type InteractionSpec, type Result } from '@oncue/protocol';
import type { KindRegistry } from '../kinds/interaction-kind.js';

const Anything = v.unknown();

/**
 * Validates an interaction spec from a client: size first, then `kind` (so
 * an unknown kind answers `unsupported_kind`, not a schema error about its
 * fields), then the kind's own spec schema (its handler's `spec`).
 */
export function parseInteractionSpec(kinds: KindRegistry, input: unknown, maxBytes = MAX_PAYLOAD_BYTES): Result<InteractionSpec> {
  const sized = parse(Anything, input, maxBytes);
  if (!sized.ok) return sized;
  const schema = specSchemaOf(kinds, input);
  if (schema === null) return unsupported(kinds, input);
  return parse(schema ?? InteractionSpecSchema, input, maxBytes) as Result<InteractionSpec>;
}

/**
 * Validates a `host:create` request, `{ spec, key }`, like {@link parseInteractionSpec} (an unknown kind answers
 * `unsupported_kind`; a refusal names the field under `spec`).
 */
export function parseCreateRequest(kinds: KindRegistry, input: unknown): Result<{ spec: InteractionSpec; key: string }> {
  const spec = (input as { spec?: unknown } | null)?.spec;
  const kind = specSchemaOf(kinds, spec);
  if (kind === null) return unsupported(kinds, spec);
  const schema = v.object({ spec: kind ?? InteractionSpecSchema, key: IdempotencyKeySchema });
  return parse(schema, input) as Result<{ spec: InteractionSpec; key: string }>;
}

/** The spec schema of the kind `input` names: `undefined` when it names none (the generic schema then says what is wrong), `null` for a kind this server does not run. */
function specSchemaOf(kinds: KindRegistry, input: unknown): v.GenericSchema | null | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const kind = (input as { kind?: unknown }).kind;
  if (typeof kind !== 'string') return undefined;
  return kinds.get(kind)?.spec ?? null;
}

function unsupported<T>(kinds: KindRegistry, input: unknown): Result<T> {
  const kind = String((input as { kind: string }).kind);
  return fail('unsupported_kind', `interaction kind ${JSON.stringify(kind.slice(0, 40))} is not supported; this server knows ${kinds.kinds().join(', ')}`);
}
