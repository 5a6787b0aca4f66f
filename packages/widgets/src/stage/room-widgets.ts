import type { ViewerKind } from './interaction-widgets.js';

/**
 * The room's own elements (docs/milestones.md): not kinds of interaction, but loaded the same way, each a chunk of
 * its own fetched the first time its element is in the page (or, for the goal, on a stage whose room has one).
 * Their names start with `_`, like the room features' ids, so no kind of interaction can take them.
 */
export const roomWidgets: readonly ViewerKind[] = [
  { kind: '_cheer', tag: 'oncue-cheer', load: () => import('../cheer/cheer.js') },
  { kind: '_goal', tag: 'oncue-goal', load: () => import('../goal/goal.js') },
  { kind: '_milestone-badge', tag: 'oncue-milestone-badge', load: () => import('../milestone-badge/milestone-badge.js') },
];
