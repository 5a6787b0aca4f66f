import type { ActReceipt, ActRequest, ClientEventName, InteractionSpec, InteractionView, Result, RoomSnapshot, ViewerId } from '@oncue/protocol';
import type { Audience, StepRequest } from '../kinds/interaction-kind.js';
import type { TransitionTarget } from '../rooms/interaction-lifecycle.js';
import type { ViewerLink } from '../rooms/room-service.js';

/** An answer now, or later (the room runs on another process). */
export type Answer<T> = Result<T> | Promise<Result<T>>;

/**
 * What the socket side asks of the rooms, wherever they run. One process: {@link localRoomApi}, the room service
 * itself, answering at once where it can. Several processes on Redis: `ClusterRooms`, which runs a channel's rooms on
 * the process holding its lease and forwards the calls of every other process there (docs/scaling.md).
 *
 * Every argument and answer is plain JSON: a call may cross a process boundary.
 */
export interface RoomApi {
  /** A room's full state for one viewer (or a host). */
  snapshot(room: string, viewer: ViewerId, audience: Audience): Answer<RoomSnapshot>;
  /** A viewer action (`RoomService.act`). */
  act(room: string, viewer: ViewerId, request: ActRequest, link: ViewerLink): Promise<Result<ActReceipt>>;
  /** A host creates an interaction (`RoomService.create`). */
  create(room: string, spec: InteractionSpec, key?: string): Promise<Result<InteractionView>>;
  /** A host takes a step of an interaction with steps (`RoomService.step`). */
  step(room: string, id: string, request: StepRequest, key?: string): Promise<Result<InteractionView>>;
  /** A host opens or closes an interaction (`RoomService.setStatus`). */
  setStatus(room: string, id: string, to: TransitionTarget): Promise<Result<InteractionView>>;
  /** The host events of the room features (`host:goal`, …; `Milestones.hostEvents`), by name. */
  readonly hostEvents: readonly ClientEventName[];
  /** Handles one of {@link hostEvents} (the host role is checked before). */
  hostEvent(event: ClientEventName, room: string, payload: unknown): Promise<Result<unknown>>;
}
