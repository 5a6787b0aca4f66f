/**
 * What only "Verify the draw" needs: the draw recomputed from its proof (HMAC-SHA-256 over the sorted entry list).
 * The lottery element imports this module dynamically when the viewer verifies, so the script-tag SDK fetches it
 * as a chunk of its own (`chunks/draw-verification-<hash>.js`) then, not with the lottery.
 */
export { verifyDraw } from '@oncue/protocol';
