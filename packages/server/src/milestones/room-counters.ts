import { HostGoalCancelRequestSchema, HostGoalRequestSchema, parse, CHEERS_FEATURE, type RoomMilestones } from '@oncue/protocol';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../logger.js';
import type { RoomService } from '../rooms/room-service.js';
import type { Store } from '../store/store.js';
import type { Timers } from '../timers.js';
import type { CheerObserver } from './cheer-observer.js';
import { CheerCounter } from './cheers/cheer-counter.js';
import { registerGoalRoutes } from './goals/goal-routes.js';
import { RoomGoals } from './goals/room-goals.js';
import type { HostEventHandler, MilestoneRoutesContext } from './milestones.js';
import type { RoomExtension } from './room-extension.js';

/** The host events of cheers and goals; {@link RoomCounters.hostEvents} has a handler for each, and for nothing else. */
export const ROOM_COUNTER_HOST_EVENTS = ['host:goal', 'host:goal-cancel'] as const;
type RoomCounterHostEvent = (typeof ROOM_COUNTER_HOST_EVENTS)[number];

export interface RoomCountersOptions {
  store: Store;
  now: () => number;
  logger: Logger;
  timers?: Timers;
  service: () => RoomService;
  /** Told about every cheer batch stored (the credit signal). */
  cheerObserver?: CheerObserver;
}

/** The room-level milestones: the cheer count and the goals, as one part of {@link createMilestones}. */
export interface RoomCounters {
  extension: RoomExtension;
  routes(app: FastifyInstance, context: MilestoneRoutesContext): void;
  hostEvents: Record<RoomCounterHostEvent, HostEventHandler>;
  cheers: CheerCounter;
  goals: RoomGoals;
}

/**
 * Cheers and room goals (docs/milestones.md): the `_cheers` feature, the goals' increments on cheers and valid
 * interactions, the room counters of snapshots and updates (`{ cheers, goals }`, absent while the room has
 * neither), the goals' REST routes and the `host:goal` / `host:goal-cancel` events.
 */
export function createRoomCounters(options: RoomCountersOptions): RoomCounters {
  const goals = new RoomGoals(options);
  const cheers = new CheerCounter({
    store: options.store,
    logger: options.logger,
    service: options.service,
    onCheers: (room, taps, at) => goals.cheered(room, taps, at),
    observer: options.cheerObserver,
  });
  const milestones = (room: string, audience: 'viewer' | 'host'): RoomMilestones | undefined =>
    cheers.has(room) || goals.has(room) ? { cheers: cheers.count(room), goals: goals.views(room, audience) } : undefined;
  const extension: RoomExtension = {
    features: new Map([[CHEERS_FEATURE, cheers]]),
    async load(docs) {
      cheers.load(docs);
      for (const room of cheers.rooms()) options.service().openRoom(room);
      await goals.load(docs);
    },
    validInteraction: (event) => goals.validInteraction(event),
    snapshot(room, _viewer, audience) {
      const view = milestones(room, audience);
      return view ? { milestones: view } : {};
    },
    milestones,
    stop: () => goals.stop(),
  };
  return {
    extension,
    cheers,
    goals,
    routes: (app, context) => registerGoalRoutes(app, goals, context),
    hostEvents: {
      'host:goal': async (room, payload) => {
        const request = parse(HostGoalRequestSchema, payload);
        return request.ok ? goals.create(room, request.value.goal, request.value.key) : request;
      },
      'host:goal-cancel': async (room, payload) => {
        const request = parse(HostGoalCancelRequestSchema, payload);
        return request.ok ? goals.cancel(room, request.value.goal) : request;
      },
    },
  };
}
