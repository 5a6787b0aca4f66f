import type { BadgeTier, ViewerId } from '@oncue/protocol';

/** Store collection of viewers' channel progress (one document per channel and viewer, {@link progressKey}). */
export const PROGRESS_COLLECTION = 'progress';

/** A viewer's progress in a channel, as it is stored (docs/milestones.md, "Progress"). */
export interface ProgressDoc {
  channel: string;
  viewer: ViewerId;
  /** Valid interactions in the channel, all streams together. */
  valid: number;
  /** Rooms of the channel with at least one valid interaction, in the order attended. */
  rooms: string[];
  /** Badge tiers earned, each once, in order, with when. */
  badges: { tier: BadgeTier; at: number }[];
  /** The display name last seen with a valid interaction (for the host's reward list). */
  name?: string;
  lastAt: number;
}

/** The key of a viewer's progress in a channel (room ids and viewer ids never contain `/`). */
export function progressKey(channel: string, viewer: ViewerId): string {
  return `${channel}/${viewer}`;
}
