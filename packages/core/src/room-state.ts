import type { ActReceipt, InteractionView, PersonalState, RoomMilestones, RoomSnapshot, RoomUpdate, ViewerProgress } from '@oncue/protocol';

/** What the client knows of its room. Replaced, never mutated, so stores can compare by reference. */
export interface RoomState {
  /** Last applied room version (0 before the first snapshot). */
  version: number;
  /** Every interaction of the room, in creation order (full views as the server sent them). */
  interactions: InteractionView[];
  /**
   * What the server shows this viewer back of its own entries, by interaction id (`RoomSnapshot.mine`, then
   * each accepted action's receipt): per kind (a poll: the chosen option indexes; a quiz: the choice per question, -1 when not answered).
   */
  mine: Record<string, unknown>;
  /** What only this viewer sees, by interaction id (a quiz: own results of closed questions, own rank once it is over). */
  personal: Record<string, PersonalState>;
  /** True once a snapshot has been applied. */
  synced: boolean;
  /** The room's cheer count and goals (docs/milestones.md), from the snapshot and each update that carries them; absent while the room has neither. */
  milestones?: RoomMilestones;
  /** This viewer's progress, badges and rewards in the room's channel (the snapshot, then each `progress` event); absent before a valid interaction. */
  progress?: ViewerProgress;
}

export const EMPTY_ROOM: RoomState = { version: 0, interactions: [], mine: {}, personal: {}, synced: false };

/** A snapshot is the whole truth: it replaces everything. */
export function applySnapshot(snapshot: RoomSnapshot): RoomState {
  const state: RoomState = {
    version: snapshot.version,
    interactions: snapshot.interactions,
    mine: snapshot.mine,
    personal: snapshot.personal ?? {},
    synced: true,
  };
  if (snapshot.milestones) state.milestones = snapshot.milestones;
  if (snapshot.progress) state.progress = snapshot.progress;
  return state;
}

/** What applying an update did: the next state, or why it was not applied. */
export type UpdateOutcome =
  | { kind: 'applied'; state: RoomState }
  /** Already seen (`version <= last`), or no snapshot yet: nothing to do. */
  | { kind: 'stale' }
  /** One or more versions are missing: ask for a snapshot. */
  | { kind: 'gap' };

/**
 * Applies an update when it is the next version: each changed interaction
 * replaces the one with its id (new ones are appended, keeping creation order);
 * the others keep their object identity.
 */
export function applyUpdate(state: RoomState, update: RoomUpdate): UpdateOutcome {
  if (!state.synced || update.version <= state.version) return { kind: 'stale' };
  if (update.version !== state.version + 1) return { kind: 'gap' };
  const changed = new Map(update.interactions.map((view) => [view.id, view]));
  const interactions = state.interactions.map((view) => {
    const next = changed.get(view.id);
    if (!next) return view;
    changed.delete(view.id);
    return next;
  });
  interactions.push(...changed.values());
  const next: RoomState = { ...state, version: update.version, interactions };
  if (update.milestones) next.milestones = update.milestones;
  return { kind: 'applied', state: next };
}

/** Records what the server shows this viewer back of its own entry in one interaction. */
export function withMine(state: RoomState, interaction: string, mine: unknown): RoomState {
  return { ...state, mine: { ...state.mine, [interaction]: mine } };
}

/** Applies an accepted action's receipt: its `mine` and `personal`, each when present (the same for every kind). */
export function withReceipt(state: RoomState, receipt: ActReceipt): RoomState {
  let next = state;
  if (receipt.mine !== undefined) next = withMine(next, receipt.interaction, receipt.mine);
  if (receipt.personal !== undefined) next = withPersonal(next, receipt.interaction, receipt.personal);
  return next;
}

/** Records what only this viewer sees of one interaction. */
export function withPersonal(state: RoomState, interaction: string, personal: PersonalState): RoomState {
  return { ...state, personal: { ...state.personal, [interaction]: personal } };
}

/** Records this viewer's progress in the room's channel (the `progress` event). */
export function withProgress(state: RoomState, progress: ViewerProgress): RoomState {
  return { ...state, progress };
}
