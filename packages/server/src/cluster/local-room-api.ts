import { fail, ok, type ClientEventName } from '@oncue/protocol';
import type { Milestones } from '../milestones/milestones.js';
import type { RoomService } from '../rooms/room-service.js';
import type { RoomApi } from './room-api.js';

/** The {@link RoomApi} of rooms that run in this process: the room service and the room features, called directly. */
export function localRoomApi(service: RoomService, milestones?: Milestones): RoomApi {
  const handlers = milestones?.hostEvents ?? {};
  return {
    snapshot: (room, viewer, audience) => ok(service.snapshot(room, viewer, audience)),
    act: (room, viewer, request, link) => service.act(room, viewer, request, link),
    create: (room, spec, key) => service.create(room, spec, key),
    step: (room, id, request, key) => service.step(room, id, request, key),
    setStatus: (room, id, to) => service.setStatus(room, id, to),
    hostEvents: Object.keys(handlers) as ClientEventName[],
    hostEvent: async (event, room, payload) => {
      const handler = handlers[event];
      return handler ? handler(room, payload) : fail('bad_request', `no host event ${event}`);
    },
  };
}
