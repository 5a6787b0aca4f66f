import type { ViewerId, ViewerProgress } from '@oncue/protocol';
import type { ClientEventName, Result } from '@oncue/protocol';
import type { FastifyInstance } from 'fastify';
import type { RestRate } from '../transport/rest-api.js';
import type { Logger } from '../logger.js';
import type { RoomService } from '../rooms/room-service.js';
import type { Store } from '../store/store.js';
import type { Timers } from '../timers.js';
import { combineExtensions, type RoomExtension } from './room-extension.js';
import { createProgressPart } from './progress/progress-part.js';
import { createRoomCounters, ROOM_COUNTER_HOST_EVENTS } from './room-counters.js';

/** What the milestone parts are built from (docs/milestones.md). */
export interface MilestonesOptions {
  store: Store;
  now: () => number;
  logger: Logger;
  timers?: Timers;
  /** The room service (set once it exists: the service takes the extension in its constructor). */
  service: () => RoomService;
  /** Sends a viewer its changed progress in a room (the `progress` event on the viewer's own channel). */
  publishProgress: (room: string, viewer: ViewerId, progress: ViewerProgress) => void;
  /**
   * The store's meta values as loaded at start: the badge credential's signing key is kept there (made and stored
   * at first start). Without it, a new key is made at every start and earlier credentials no longer verify.
   */
  meta?: Readonly<Record<string, string>>;
  /** The `iss` of badge credentials (default `oncue`); a deployment may put its public URL here. */
  credentialIssuer?: string;
  /** Distinct viewers per address in 10 minutes before the credit signal flags them all (default 20; docs/milestones.md, "Fake volume"). */
  sharedAddressViewers?: number;
}

/** Room- and channel-level features beside the kinds: what the room service calls, and their REST routes. */
export interface Milestones {
  extension: RoomExtension;
  /** Registers the REST routes (with `routeWith` and the host token check of rest-api.ts). */
  routes(app: FastifyInstance, context: MilestoneRoutesContext): void;
  /** The socket handlers of host events (`host:goal`, `host:goal-cancel`), by event; the host role is checked before. */
  hostEvents: Partial<Record<ClientEventName, HostEventHandler>>;
}

/** Handles a host event of a room feature (the host role is checked before). */
export type HostEventHandler = (room: string, payload: unknown) => Promise<Result<unknown>>;

export interface MilestoneRoutesContext {
  hostToken: string;
  rate: RestRate | false;
}

/**
 * The host events of the room features, by name: `hostEvents`' keys, the same for every {@link Milestones} (known
 * before any is built, for processes that forward them to a channel's owner).
 */
export const MILESTONE_HOST_EVENTS: readonly ClientEventName[] = ROOM_COUNTER_HOST_EVENTS;

/** Builds every milestone part. */
export function createMilestones(options: MilestonesOptions): Milestones {
  const parts: RoomExtension[] = [];
  const routes: ((app: FastifyInstance, context: MilestoneRoutesContext) => void)[] = [];
  const hostEvents: Milestones['hostEvents'] = {};
  // Progress, badges, reward rules and claims, the badge credential (and its JWKS route), the credit signal.
  const progress = createProgressPart(options);
  parts.push(progress.extension);
  routes.push(progress.routes);
  // Cheers and room goals (room-counters.ts), with the credit signal as their cheer observer (taps over the cap
  // count against the viewer: `cheer_rate`). Merged on ms-client for the browser tests; the integrator's call.
  const counters = createRoomCounters({
    store: options.store,
    now: options.now,
    logger: options.logger,
    timers: options.timers,
    service: options.service,
    cheerObserver: progress.credit,
  });
  parts.push(counters.extension);
  routes.push(counters.routes);
  Object.assign(hostEvents, counters.hostEvents);
  return {
    extension: combineExtensions(parts),
    routes: (app, context) => {
      for (const register of routes) register(app, context);
    },
    hostEvents,
  };
}
