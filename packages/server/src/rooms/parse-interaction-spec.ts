import * as v from 'valibot';
import { fail, InteractionSpecSchema, MAX_PAYLOAD_BYTES, parse, type InteractionSpec, type Result } from '@oncue/protocol';
import type { KindRegistry } from '../kinds/interaction-kind.js';

const Anything = v.unknown();

/**
 * Validates an interaction spec from a client: size first, then `kind` (so
 * an unknown kind answers `unsupported_kind`, not a schema error about its
 * fields), then the full schema.
 */
export function parseInteractionSpec(kinds: KindRegistry, input: unknown, maxBytes = MAX_PAYLOAD_BYTES): Result<InteractionSpec> {
  const sized = parse(Anything, input, maxBytes);
  if (!sized.ok) return sized;
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const kind = (input as { kind?: unknown }).kind;
    if (typeof kind === 'string' && !kinds.has(kind)) {
      return fail('unsupported_kind', `interaction kind ${JSON.stringify(kind.slice(0, 40))} is not supported; this server knows ${kinds.kinds().join(', ')}`);
    }
  }
  return parse(InteractionSpecSchema, input, maxBytes);
}
