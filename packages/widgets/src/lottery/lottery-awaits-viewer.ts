import type { InteractionView, PersonalState } from '@oncue/protocol';

/**
 * A closed giveaway still concerns the viewer who entered it while any of its prizes can be claimed (a winner
 * claims, the others can still check the draw and see redraws): the stage keeps it after its linger.
 */
export function lotteryAwaitsViewer(view: InteractionView, personal: PersonalState | undefined, now: number): boolean {
  return view.kind === 'lottery' && personal?.kind === 'lottery' && (view.draws ?? []).some((draw) => draw.claimBy > now);
}
