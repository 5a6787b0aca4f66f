/**
 * The blind-box verification, a chunk of its own in the script-tag SDK: fetched the first time a viewer verifies
 * a box, not with the widget (as the giveaway's draw-verification.ts).
 */
export { verifyBlindbox } from '@oncue/protocol';
