import type { ConnectionState, KeyValueStorage, PendingAction, RoomConnection, RoomState } from '@oncue/core';
import type { ActReceipt, OnCueError, Result } from '@oncue/protocol';
import { atom } from 'nanostores';

/** What a gallery cell's room looks like: the room state a widget reads, and how the connection stands. */
export interface RoomFixture {
  /** The room as the server would have sent it (interactions, this viewer's `mine` and `personal`, milestones, progress). */
  room: RoomState;
  /** How the connection stands (`open` unless said: `reconnecting` shows the offline notice, `failed` the refused one). */
  connection?: ConnectionState;
  /** Actions shown as still on their way (the outbox). */
  pending?: PendingAction[];
  /** What every viewer action is answered with: a refusal, or (by default) no answer at all, as when nothing reaches the server. */
  refuse?: OnCueError;
  /** `host` for the host console's forms (they create interactions; the gallery refuses every one). Default `viewer`. */
  role?: 'viewer' | 'host';
  /** The viewer's id (`$viewer`): the A/B variant and "(you)" marks depend on it. */
  viewer?: string;
  /** The server clock, ms since the epoch: it stands still, so a countdown or "claim within" stays as the fixture says (default: when the connection is made). */
  now?: number;
}

/** A storage that forgets everything when the page goes (the gallery keeps nothing). */
function pageStorage(): KeyValueStorage {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, String(v)), removeItem: (k) => void items.delete(k) };
}

/**
 * A {@link RoomConnection} that never touches a network: its stores hold the fixture, viewer actions are answered
 * with the fixture's refusal (or never), host actions are refused. The widgets take it as their `connection`
 * property, as `<oncue-stage>` hands its own connection to each kind's element; nothing else changes in them.
 */
export function fixtureConnection(fixture: RoomFixture, room = 'gallery'): RoomConnection {
  const now = fixture.now ?? Date.now();
  const $room = atom<RoomState>(fixture.room);
  const refuse = <T>(): Promise<Result<T>> => (fixture.refuse ? Promise.resolve({ ok: false, error: fixture.refuse }) : new Promise<Result<T>>(() => {}));
  const hostRefusal = <T>(): Promise<Result<T>> => Promise.resolve({ ok: false, error: { code: 'unauthorized', message: 'the gallery has no server' } });
  return {
    server: 'https://gallery.invalid',
    room,
    role: fixture.role ?? 'viewer',
    storage: pageStorage(),
    $connection: atom<ConnectionState>(fixture.connection ?? 'open'),
    $room,
    $viewer: atom<string | undefined>(fixture.viewer ?? 'v-gallery'),
    $failure: atom<OnCueError | undefined>(fixture.connection === 'failed' ? { code: 'unauthorized', message: 'refused' } : undefined),
    $pending: atom<PendingAction[]>(fixture.pending ?? []),
    serverNow: () => now,
    act: (): Promise<Result<ActReceipt>> => refuse(),
    createInteraction: hostRefusal,
    openInteraction: hostRefusal,
    closeInteraction: hostRefusal,
    nextStep: hostRefusal,
    createGoal: hostRefusal,
    cancelGoal: hostRefusal,
    resync: () => Promise.resolve(),
    release: () => {},
  };
}
