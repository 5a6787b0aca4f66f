import type { InteractionView } from '@oncue/protocol';
import { computed, type ReadableAtom } from 'nanostores';
import type { RoomConnection } from './room-connection.js';

/**
 * A computed store of one interaction (undefined until it is known). It only
 * notifies when that interaction's view changes: updates keep the identity of
 * the views they do not touch.
 */
export function interactionStore(conn: RoomConnection, id: string): ReadableAtom<InteractionView | undefined> {
  return computed(conn.$room, (room) => room.interactions.find((view) => view.id === id));
}
