/** Most A/B variants an interaction may have (the original wording included). */
export const MAX_VARIANTS = 4;

/**
 * The A/B variant a viewer sees, stable for the pair (interaction, viewer):
 * FNV-1a (32 bit) of `interaction + ':' + viewer`, modulo `count`. The server
 * (metrics) and every client compute the same index; `0` when `count` < 2.
 */
export function assignVariant(interaction: string, viewer: string, count: number): number {
  if (count < 2) return 0;
  let hash = 0x811c9dc5;
  const key = `${interaction}:${viewer}`;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}
