import type { BadgeTier } from './badge-tiers.js';

/** One reward issued to a viewer, as the viewer sees it (hosts see the same plus the viewer and claim fields in the CSV). */
export interface RewardView {
  /** The issued reward's id (what a claim names): unique per viewer, channel, rule and occasion. */
  id: string;
  /** The catalogue reward and the rule that gave it. */
  reward: string;
  rule: string;
  type: 'coupon' | 'item' | 'badge';
  name: string;
  at: number;
  /** A coupon's code. */
  code?: string;
  /** A badge's tier. */
  tier?: BadgeTier;
  /** An item to claim: the fields to fill in and until when. */
  claim?: { fields: { id: string; label: string }[]; claimBy: number };
  claimedAt?: number;
}

/** Why rewards are refused to a viewer (docs/milestones.md, "Fake volume"). */
export type CreditFlag = 'cheer_rate' | 'shared_address' | 'robotic_timing';

/**
 * A viewer's milestones in the room's channel: sent in `RoomSnapshot.progress` and as the `progress` event
 * whenever it changes (to that viewer only).
 */
export interface ViewerProgress {
  channel: string;
  /** Valid interactions in the channel, all streams together. */
  valid: number;
  /** Streams (rooms of the channel) with at least one valid interaction. */
  streams: number;
  /** The current run of interactions taken part in, in this room. */
  streak: number;
  /** Badge tiers earned, in order. */
  badges: { tier: BadgeTier; at: number }[];
  /** The way to the next tier ("3 more to Gold"). */
  next?: { tier: BadgeTier; remaining: number };
  rewards: RewardView[];
  /** The viewer's badges as a signed credential (a compact JWS, ES256; docs/milestones.md), absent without badges. */
  credential?: string;
  /** Set while rewards are refused to this viewer, with the reason. */
  flagged?: CreditFlag[];
}

/** A viewer whose rewards are held back, as hosts see it (REST `GET /api/rooms/:room/flagged`, the dashboard). */
export interface FlaggedViewer {
  viewer: string;
  /** The display name the viewer took part with, when known. */
  name?: string;
  reasons: CreditFlag[];
  /** Since when a flag holds (the earliest of them). */
  since: number;
}
