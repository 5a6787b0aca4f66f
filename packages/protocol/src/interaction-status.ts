/** The life of every interaction: draft → open → closed. Nothing goes back. */
export const INTERACTION_STATUSES = ['draft', 'open', 'closed'] as const;
export type InteractionStatus = (typeof INTERACTION_STATUSES)[number];

/** Whether `from → to` is a legal transition. */
export function canTransition(from: InteractionStatus, to: InteractionStatus): boolean {
  return (from === 'draft' && to === 'open') || (from === 'open' && to === 'closed') || (from === 'draft' && to === 'closed');
}
