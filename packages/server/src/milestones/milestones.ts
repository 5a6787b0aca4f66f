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
  hostEvents: Partial<Record<ClientEventName, (room: string, payload: unknown) => Promise<Result<unknown>>>>;
}

export interface MilestoneRoutesContext {
  hostToken: string;
  rate: RestRate | false;
}

/** Builds every milestone part. */
export function createMilestones(options: MilestonesOptions): Milestones {
  const parts: RoomExtension[] = [];
  const routes: ((app: FastifyInstance, context: MilestoneRoutesContext) => void)[] = [];
  const hostEvents: Milestones['hostEvents'] = {};
  // Progress, badges, reward rules and claims, the badge credential (and its JWKS route), the credit signal.
  const progress = createProgressPart(options);
  parts.push(progress.extension);
  routes.push(progress.routes);
  // The cheer part (milestones/cheers) tells the credit signal about every cheer batch (taps dropped over the cap):
  // it takes a `CheerObserver` option, to be given `progress.credit` here once it is added, e.g.
  //   const cheers = createCheersPart({ ...options, observer: progress.credit }); parts.unshift(cheers.extension);
  // (cheers before progress: a cheer's valid interaction is counted by this part through `service.validInteraction`).
  return {
    extension: combineExtensions(parts),
    routes: (app, context) => {
      for (const register of routes) register(app, context);
    },
    hostEvents,
  };
}
