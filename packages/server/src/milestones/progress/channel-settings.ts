import { defaultBadgeTiers, defaultChannelMilestones, type ChannelMilestones } from '@oncue/protocol';

/** Store collection of channels' milestone settings (tiers, rewards, rules), one document per channel set by its host. */
export const CHANNEL_COLLECTION = 'channel';

/** A channel's settings with its tiers filled in: the host's, or the seed plan's (`defaultChannelMilestones()`). */
export function effectiveSettings(stored: ChannelMilestones | undefined): ChannelMilestones & { tiers: NonNullable<ChannelMilestones['tiers']> } {
  const settings = stored ?? defaultChannelMilestones();
  return { ...settings, tiers: settings.tiers ?? defaultBadgeTiers() };
}
