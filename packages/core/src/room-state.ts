import type { InteractionView, PersonalState, RoomSnapshot, RoomUpdate } from '@oncue/protocol';

/** What the client knows of its room. Replaced, never mutated, so stores can compare by reference. */
export interface RoomState {
  /** Last applied room version (0 before the first snapshot). */
  version: number;
  /** Every interaction of the room, in creation order (full views as the server sent them). */
  interactions: InteractionView[];
  /** This viewer's accepted choices, by interaction id (server truth + acked local votes). */
  mine: Record<string, number[]>;
  /** What only this viewer sees, by interaction id (a quiz: own results of closed questions, own rank once it is over). */
  personal: Record<string, PersonalState>;
  /** True once a snapshot has been applied. */
  synced: boolean;
}

export const EMPTY_ROOM: RoomState = { version: 0, interactions: [], mine: {}, personal: {}, synced: false };

/** A snapshot is the whole truth: it replaces everything. */
export function applySnapshot(snapshot: RoomSnapshot): RoomState {
  return { version: snapshot.version, interactions: snapshot.interactions, mine: snapshot.mine, personal: snapshot.personal ?? {}, synced: true };
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
  return { kind: 'applied', state: { ...state, version: update.version, interactions } };
}

/** Records this viewer's accepted choices for one interaction. */
export function withMine(state: RoomState, interaction: string, choices: number[]): RoomState {
  return { ...state, mine: { ...state.mine, [interaction]: choices } };
}

/** Records this viewer's accepted answer to one quiz question (`mine` of a quiz: the choice per question, -1 when not answered). */
export function withAnswer(state: RoomState, interaction: string, question: number, choice: number): RoomState {
  const answers = [...(state.mine[interaction] ?? [])];
  while (answers.length <= question) answers.push(-1);
  answers[question] = choice;
  return withMine(state, interaction, answers);
}

/** Records what only this viewer sees of one interaction. */
export function withPersonal(state: RoomState, interaction: string, personal: PersonalState): RoomState {
  return { ...state, personal: { ...state.personal, [interaction]: personal } };
}
