import type { InteractionView, PersonalState } from '@oncue/protocol';

/**
 * A revealed blind box still concerns a viewer who won it while the prize can be claimed and is not yet: the stage
 * keeps it (with its claim form) even when something else replaces it.
 */
export function blindboxAwaitsViewer(view: InteractionView, personal: PersonalState | undefined, now: number): boolean {
  return view.kind === 'blindbox' && personal?.kind === 'blindbox' && !!personal.won && personal.claimedAt === undefined && (personal.claimBy ?? 0) > now;
}
