import type { StoreSnapshot, Store } from '../store/store.js';
import type { KindRegistry } from '../kinds/interaction-kind.js';
import type { Logger } from '../logger.js';
import { createMilestones, type Milestones } from '../milestones/milestones.js';
import type { IdempotencyLimits } from '../rooms/idempotency-cache.js';
import { RoomService } from '../rooms/room-service.js';
import type { Timers } from '../timers.js';
import { publishBroadcast, publishPersonal, viewerChannel, type OnCueIo } from '../transport/socket-api.js';
import { localRoomApi } from './local-room-api.js';
import type { RoomApi } from './room-api.js';

/** What the rooms of one store are run with (the server's options that concern them). */
export interface RoomHostOptions {
  store: Store;
  kinds: KindRegistry;
  now: () => number;
  logger: Logger;
  timers?: Timers;
  tallyIntervalMs: number;
  idempotencyRetentionMs?: number;
  idempotencyLimits?: Partial<IdempotencyLimits>;
  signedOnlyRooms?: readonly string[];
  sharedAddressViewers?: number;
  credentialIssuer?: string;
  /** The socket.io server the rooms' changes are sent through (set once it exists). */
  io: () => OnCueIo | undefined;
}

/** The rooms of one store, running in this process: the room service, the room features, and the {@link RoomApi} over both. */
export interface RoomHost {
  service: RoomService;
  milestones: Milestones;
  api: RoomApi;
}

/**
 * Builds the room service and the milestone parts over `options.store` and loads them from `snapshot`. One process
 * runs one host for all rooms; on Redis, one host per channel it owns (`ClusterRooms`).
 */
export async function createRoomHost(options: RoomHostOptions, snapshot: StoreSnapshot): Promise<RoomHost> {
  const { store, now, logger, io } = options;
  let service: RoomService | undefined;
  const milestones = createMilestones({
    store,
    now,
    logger,
    timers: options.timers,
    meta: snapshot.meta,
    sharedAddressViewers: options.sharedAddressViewers,
    credentialIssuer: options.credentialIssuer,
    service: () => service!,
    publishProgress: (room, viewer, progress) => {
      io()?.to(viewerChannel(room, viewer)).emit('progress', progress);
    },
  });
  service = new RoomService({
    extension: milestones.extension,
    store,
    kinds: options.kinds,
    now,
    logger,
    tallyIntervalMs: options.tallyIntervalMs,
    idempotencyRetentionMs: options.idempotencyRetentionMs,
    signedOnlyRooms: options.signedOnlyRooms,
    idempotencyLimits: options.idempotencyLimits,
    publish: (room, broadcast) => {
      const server = io();
      if (server) publishBroadcast(server, room, broadcast);
    },
    publishPersonal: (room, interaction, personal) => {
      const server = io();
      if (server) publishPersonal(server, room, interaction, personal, now);
    },
  });
  await service.load(snapshot);
  return { service, milestones, api: localRoomApi(service, milestones) };
}
