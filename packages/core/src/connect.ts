import type { ConnectionOptions } from './connection-options.js';
import { defaultStorage, sharedMemoryStorage, type KeyValueStorage } from './key-value-storage.js';
import type { RoomConnection } from './room-connection.js';
import { RoomLink } from './room-link.js';

interface SharedLink {
  link: RoomLink;
  handles: number;
}

const links = new Map<string, SharedLink>();
const storageIds = new WeakMap<KeyValueStorage, number>();
let storageCount = 0;

/**
 * Connects to a room. Every call returns a new handle; handles with the same
 * (server, room, hostToken, name, viewerToken, storage) share one socket and one set of stores,
 * which close when the last handle is released. The first caller's timing
 * options apply to the shared connection.
 */
export function connect(options: ConnectionOptions): RoomConnection {
  const server = options.server.replace(/\/+$/, '');
  const storage = options.storage === undefined ? defaultStorage() : (options.storage ?? sharedMemoryStorage());
  const id = [server, options.room, options.hostToken ?? '', options.name ?? '', options.viewerToken ?? '', storageId(storage)].join('\n');
  let shared = links.get(id);
  // A connection refused for good is not shared with new callers: they get a fresh attempt
  // (a host retrying a token, say); its existing handles keep the failed one.
  if (!shared || shared.link.$failure.get()) {
    const link = new RoomLink({
      server,
      room: options.room,
      hostToken: options.hostToken,
      name: options.name,
      viewerToken: options.viewerToken,
      storage,
      ackTimeoutMs: options.ackTimeoutMs ?? 8000,
      reconnectionDelayMs: options.reconnectionDelayMs ?? 1000,
      reconnectionDelayMaxMs: options.reconnectionDelayMaxMs ?? 5000,
    });
    links.set(id, (shared = { link, handles: 0 }));
  }
  shared.handles++;
  return handle(id, shared);
}

function handle(id: string, shared: SharedLink): RoomConnection {
  const { link } = shared;
  let released = false;
  return {
    server: link.server,
    room: link.room,
    role: link.role,
    storage: link.storage,
    $connection: link.$connection,
    $room: link.$room,
    $viewer: link.$viewer,
    $failure: link.$failure,
    $pending: link.outbox.$pending,
    serverNow: () => link.clock.now(),
    act: (interaction, action, payload) => link.act(interaction, action, payload),
    createInteraction: (spec) => link.createInteraction(spec),
    openInteraction: (interaction) => link.openInteraction(interaction),
    closeInteraction: (interaction) => link.closeInteraction(interaction),
    nextStep: (interaction, options) => link.nextStep(interaction, options),
    createGoal: (goal) => link.createGoal(goal),
    cancelGoal: (goal) => link.cancelGoal(goal),
    resync: () => link.resync(),
    release() {
      if (released) return;
      released = true;
      if (--shared.handles > 0) return;
      if (links.get(id) === shared) links.delete(id);
      link.close();
    },
  };
}

function storageId(storage: KeyValueStorage): number {
  let id = storageIds.get(storage);
  if (id === undefined) storageIds.set(storage, (id = ++storageCount));
  return id;
}
