import type { ActReceipt, ActRequest, Result, RoomMilestones, RoomSnapshot, ViewerId } from '@oncue/protocol';
import type { Audience } from '../kinds/interaction-kind.js';
import type { ViewerLink } from '../rooms/room-service.js';
import type { DocRecord, StoreWrite } from '../store/store.js';

/**
 * One valid interaction (docs/milestones.md): an accepted viewer action that passed validation, de-duplication
 * and the rate limits, counted once per viewer and interaction; cheers add at most one per viewer per minute.
 */
export interface ValidInteraction {
  room: string;
  viewer: ViewerId;
  /** The interaction taken part in, or a room feature's id (`_cheers`). */
  interaction: string;
  /** The interaction's kind, or `cheer`. */
  kind: string;
  at: number;
  /** The client address the action came from (fake-volume signal), when the transport knows it. */
  address?: string;
  /** Whether the viewer was signed in by the integrator (not counted per address by the fake-volume signal). */
  signed?: boolean;
  /** The display name the viewer connected with, when it has one (the host's reward list shows it). */
  name?: string;
}

/**
 * What a valid interaction changes besides the action's own entry: the writes are committed in the same store
 * transaction as the action (so an acknowledged action's progress survives a restart, and a failed write counts
 * nothing); `undo` reverts the in-memory changes when that commit fails; `done` runs once it is durable (sends).
 */
export interface ValidInteractionEffect {
  writes: StoreWrite[];
  undo(): void;
  done?(): void;
}

/** What a room feature's `act` gets: the request, who sent it, and how to record its answer for repeats. */
export interface FeatureActContext {
  room: string;
  viewer: ViewerId;
  request: ActRequest;
  link: ViewerLink;
  now: number;
  /** The store write that keeps `receipt` as the answer to this (viewer, key): commit it with the action's own writes. */
  once(receipt: ActReceipt): StoreWrite;
}

/** A room-level feature taking viewer actions through `act` under a reserved interaction id (`_cheers`, `_rewards`). */
export interface RoomFeature {
  act(context: FeatureActContext): Promise<Result<ActReceipt>>;
}

/**
 * A part of the server that lives beside the kinds (docs/milestones.md): cheers and goals (room level), progress,
 * badges and rewards (channel level). The {@link RoomService} calls these hooks; every one is optional.
 */
export interface RoomExtension {
  /** Reserved `act` targets, by interaction id. */
  readonly features?: ReadonlyMap<string, RoomFeature>;
  /** Rebuilds from the stored documents at start (before any action). */
  load?(docs: readonly DocRecord[]): void | Promise<void>;
  /** Called synchronously for each valid interaction, before its action is written. */
  validInteraction?(event: ValidInteraction): ValidInteractionEffect | undefined;
  /** Adds to a room snapshot: the room's counters and goals, the viewer's progress. */
  snapshot?(room: string, viewer: ViewerId | undefined, audience: Audience): Pick<RoomSnapshot, 'milestones' | 'progress'>;
  /** The room counters a broadcast carries after `RoomService.markMilestonesDirty(room)`, per audience. */
  milestones?(room: string, audience: Audience): RoomMilestones | undefined;
  /** Called once when the room service stops: disarm timers (a goal's deadline), start nothing more. */
  stop?(): void;
}

/** Several extensions as one: features merged, effects combined in order, snapshot parts merged. */
export function combineExtensions(parts: readonly RoomExtension[]): RoomExtension {
  const features = new Map<string, RoomFeature>();
  for (const part of parts) for (const [id, feature] of part.features ?? []) features.set(id, feature);
  return {
    features,
    async load(docs) {
      for (const part of parts) await part.load?.(docs);
    },
    validInteraction(event) {
      return allEffects(parts.map((part) => part.validInteraction?.(event)));
    },
    snapshot(room, viewer, audience) {
      return Object.assign({}, ...parts.map((part) => part.snapshot?.(room, viewer, audience) ?? {})) as Pick<RoomSnapshot, 'milestones' | 'progress'>;
    },
    stop() {
      for (const part of parts) part.stop?.();
    },
    milestones(room, audience) {
      for (const part of parts) {
        const view = part.milestones?.(room, audience);
        if (view) return view;
      }
      return undefined;
    },
  };
}

/** Several effects as one (the absent left out): writes in order, undone in reverse, done in order; undefined when none. */
export function allEffects(effects: readonly (ValidInteractionEffect | undefined)[]): ValidInteractionEffect | undefined {
  const present = effects.filter((e) => e !== undefined);
  if (present.length === 0) return undefined;
  return {
    writes: present.flatMap((e) => e.writes),
    undo: () => {
      for (const e of [...present].reverse()) e.undo();
    },
    done: () => {
      for (const e of present) e.done?.();
    },
  };
}
