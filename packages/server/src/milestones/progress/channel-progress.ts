import {
  badgeProgress,
  DEFAULT_CLAIM_SECONDS,
  fail,
  interactionStreak,
  ok,
  REWARDS_FEATURE,
  RewardClaimPayloadSchema,
  validate,
  type ActReceipt,
  type ChannelMilestones,
  type FlaggedViewer,
  type Result,
  type ViewerId,
  type ViewerProgress,
} from '@oncue/protocol';
import type { Audience } from '../../kinds/interaction-kind.js';
import type { Logger } from '../../logger.js';
import type { RoomService } from '../../rooms/room-service.js';
import type { DocRecord, Store, StoreWrite } from '../../store/store.js';
import type { BadgeSigner } from '../credential/badge-signer.js';
import type { CreditSignal } from '../credit/credit-signal.js';
import type { FeatureActContext, RoomExtension, RoomFeature, ValidInteraction, ValidInteractionEffect } from '../room-extension.js';
import { CouponPools } from '../rewards/coupon-pool.js';
import { issuedRewardId, REWARD_COLLECTION, rewardView, type IssuedReward } from '../rewards/issued-reward.js';
import { decideRewardClaim } from '../rewards/reward-claim.js';
import { rewardOccasions, type RewardOccasion } from '../rewards/reward-occasions.js';
import { rewardsCsv } from '../rewards/rewards-csv.js';
import { CHANNEL_COLLECTION, effectiveSettings } from './channel-settings.js';
import { channelOf } from './channel-of.js';
import { PROGRESS_COLLECTION, progressKey, type ProgressDoc } from './progress-doc.js';

export interface ChannelProgressOptions {
  store: Store;
  now: () => number;
  logger: Logger;
  service: () => RoomService;
  publishProgress: (room: string, viewer: ViewerId, progress: ViewerProgress) => void;
  signer: BadgeSigner;
  credit: CreditSignal;
}

/**
 * Viewers' progress per channel, their badges and the rewards the channel's rules give (docs/milestones.md):
 * counted from each valid interaction, written in the same commit as the action that made it, and sent to the
 * viewer (the `progress` event) once durable. Also the `_rewards` room feature (claiming an item).
 */
export class ChannelProgress implements RoomExtension {
  readonly features: ReadonlyMap<string, RoomFeature>;
  private readonly progress = new Map<string, ProgressDoc>();
  private readonly rewards = new Map<string, IssuedReward>();
  /** Issued reward ids by progress key, and by channel, in issue order. */
  private readonly rewardsOfViewer = new Map<string, string[]>();
  private readonly rewardsOfChannel = new Map<string, string[]>();
  /** How many of a catalogue reward a channel gave (an item's `limit`), by `channel/reward`. */
  private readonly given = new Map<string, number>();
  private readonly settings = new Map<string, ChannelMilestones>();
  private readonly pools = new CouponPools();
  private readonly credentials = new Map<string, { of: string; jws: string }>();
  /** Progress sends per viewer and channel, in order (a credential is signed before its send). */
  private readonly sends = new Map<string, Promise<void>>();
  /** The viewer whose valid interaction is being counted (its progress is sent once durable, not when flagged). */
  private counting: ViewerId | undefined;

  constructor(private readonly options: ChannelProgressOptions) {
    this.features = new Map([[REWARDS_FEATURE, { act: (context: FeatureActContext) => this.claim(context) }]]);
  }

  async load(docs: readonly DocRecord[]): Promise<void> {
    for (const doc of docs) {
      if (doc.collection === CHANNEL_COLLECTION) this.settings.set(doc.id, doc.value as ChannelMilestones);
      else if (doc.collection === PROGRESS_COLLECTION) this.progress.set(doc.id, doc.value as ProgressDoc);
      else if (doc.collection === REWARD_COLLECTION) this.addIssued(doc.value as IssuedReward);
    }
    this.pools.load(docs);
    this.options.credit.load(docs);
    await this.options.signer.load();
    await Promise.all([...this.progress.values()].map((doc) => this.credentialFor(doc)));
  }

  validInteraction(event: ValidInteraction): ValidInteractionEffect {
    const { room, viewer, at } = event;
    const channel = channelOf(room);
    const key = progressKey(channel, viewer);
    this.counting = viewer;
    try {
      this.options.credit.interaction(event);
    } finally {
      this.counting = undefined;
    }
    const before = this.progress.get(key);
    const firstInRoom = !before?.rooms.includes(room);
    const after: ProgressDoc = {
      channel,
      viewer,
      valid: (before?.valid ?? 0) + 1,
      rooms: firstInRoom ? [...(before?.rooms ?? []), room] : before!.rooms,
      badges: [...(before?.badges ?? [])],
      lastAt: at,
    };
    const name = event.name ?? before?.name;
    if (name !== undefined) after.name = name;

    const writes: StoreWrite[] = [];
    const issued: IssuedReward[] = [];
    const undos: (() => void)[] = [];
    // A flagged viewer's progress counts; it gets no rewards (docs/milestones.md, "Fake volume").
    if (this.options.credit.flagsOf(viewer, at).length === 0) {
      const settings = effectiveSettings(this.settings.get(channel));
      const occasions = rewardOccasions({
        settings,
        room,
        firstInRoom,
        valid: after.valid,
        streak: this.streakIn(room, viewer),
        earned: new Set(after.badges.map((b) => b.tier.at)),
      });
      for (const occasion of occasions) {
        const made = this.issue(occasion, viewer, channel, room, at);
        if (!made) continue;
        issued.push(made.reward);
        writes.push(...made.writes);
        undos.push(made.undo);
        if (made.reward.tier && !after.badges.some((b) => b.tier.at === made.reward.tier!.at)) after.badges.push({ tier: made.reward.tier, at });
      }
    }
    this.progress.set(key, after);
    for (const reward of issued) this.addIssued(reward);
    writes.unshift({ type: 'doc', record: { collection: PROGRESS_COLLECTION, id: key, value: after } });
    writes.push(...issued.map(rewardWrite));
    return {
      writes,
      undo: () => {
        for (const reward of issued) this.removeIssued(reward);
        for (const undo of undos.reverse()) undo();
        this.revert(key, firstInRoom ? room : undefined, new Set(issued.flatMap((r) => (r.tier ? [r.tier.at] : []))));
      },
      done: () => this.send(room, viewer),
    };
  }

  snapshot(room: string, viewer: ViewerId | undefined, audience: Audience): { progress?: ViewerProgress } {
    if (audience !== 'viewer' || viewer === undefined) return {};
    const progress = this.view(room, viewer);
    return progress ? { progress } : {};
  }

  /** What `viewer` sees of its progress in `room`'s channel (undefined before its first valid interaction there). */
  view(room: string, viewer: ViewerId): ViewerProgress | undefined {
    const channel = channelOf(room);
    const key = progressKey(channel, viewer);
    const doc = this.progress.get(key);
    if (!doc) return undefined;
    const settings = effectiveSettings(this.settings.get(channel));
    const progress: ViewerProgress = {
      channel,
      valid: doc.valid,
      streams: doc.rooms.length,
      streak: this.streakIn(room, viewer),
      badges: doc.badges.map((b) => ({ tier: { ...b.tier }, at: b.at })),
      rewards: (this.rewardsOfViewer.get(key) ?? []).map((id) => rewardView(this.rewards.get(id)!)),
    };
    // The way to the next tier, when a rule gives badges at all.
    const next = badgeProgress(doc.valid, settings.tiers).next;
    if (next && settings.rules.some((rule) => settings.rewards.find((r) => r.id === rule.reward)?.type === 'badge')) progress.next = next;
    const credential = this.credentials.get(key);
    if (credential && credential.of === JSON.stringify(doc.badges)) progress.credential = credential.jws;
    const flagged = this.options.credit.flagsOf(viewer);
    if (flagged.length > 0) progress.flagged = flagged;
    return progress;
  }

  /** A channel's settings: the host's, or the seed plan's defaults. */
  settingsOf(channel: string): ChannelMilestones {
    return effectiveSettings(this.settings.get(channel));
  }

  /** Replaces a channel's settings (already validated); coupon lists that changed start over (no code is given twice). */
  async setSettings(channel: string, settings: ChannelMilestones): Promise<Result<ChannelMilestones>> {
    const previous = this.settings.get(channel);
    const old = effectiveSettings(previous);
    const writes: StoreWrite[] = [{ type: 'doc', record: { collection: CHANNEL_COLLECTION, id: channel, value: settings } }];
    for (const reward of settings.rewards) {
      if (reward.type !== 'coupon' || !reward.codes) continue;
      const before = old.rewards.find((r) => r.id === reward.id);
      const same = before?.type === 'coupon' && JSON.stringify(before.codes) === JSON.stringify(reward.codes);
      if (!same) writes.push(this.pools.restart(channel, reward.id));
    }
    this.settings.set(channel, settings);
    try {
      await this.options.store.apply(writes);
    } catch (err) {
      if (this.settings.get(channel) === settings) {
        if (previous) this.settings.set(channel, previous);
        else this.settings.delete(channel);
      }
      this.options.logger.error(`could not store the milestone settings of channel ${channel}`, err);
      return fail('internal', 'could not store the settings; retry');
    }
    return ok(this.settingsOf(channel));
  }

  /** Every reward the channel issued, as CSV for the host. */
  rewardsCsv(channel: string): string {
    const issued = (this.rewardsOfChannel.get(channel) ?? []).map((id) => this.rewards.get(id)!);
    return rewardsCsv(issued, (viewer) => this.progress.get(progressKey(channel, viewer))?.name);
  }

  /** The flagged viewers who took part in `room` (valid interactions there), with their reasons. */
  flaggedIn(room: string): FlaggedViewer[] {
    const channel = channelOf(room);
    const list: FlaggedViewer[] = [];
    for (const flagged of this.options.credit.flagged()) {
      const doc = this.progress.get(progressKey(channel, flagged.viewer));
      if (!doc?.rooms.includes(room)) continue;
      list.push(doc.name === undefined ? flagged : { ...flagged, name: doc.name });
    }
    return list;
  }

  /** The credit signal flagged `viewer` (seen in `room`): it sees the reason (the viewer being counted sees it once its progress is durable). */
  flagged(viewer: ViewerId, room: string): void {
    if (viewer !== this.counting) this.send(room, viewer);
  }

  /** Sends `viewer` its progress in `room` (after any credential it needs is signed), in order per viewer and channel. */
  send(room: string, viewer: ViewerId): void {
    const key = progressKey(channelOf(room), viewer);
    const next = (this.sends.get(key) ?? Promise.resolve())
      .then(async () => {
        const doc = this.progress.get(key);
        if (doc) await this.credentialFor(doc);
        const view = this.view(room, viewer);
        if (view) this.options.publishProgress(room, viewer, view);
      })
      .catch((err: unknown) => this.options.logger.error(`could not send the progress of ${viewer} in ${room}`, err));
    this.sends.set(key, next);
    void next.finally(() => {
      if (this.sends.get(key) === next) this.sends.delete(key);
    });
  }

  /** `act` on `_rewards`: claims an issued item (the giveaway's claim flow: fields, window, once). */
  private async claim(context: FeatureActContext): Promise<Result<ActReceipt>> {
    const { room, viewer, request, now } = context;
    if (request.action !== 'claim') return fail('bad_request', `action: rewards take claim, not ${request.action}`);
    const payload = validate(RewardClaimPayloadSchema, request.payload ?? {}, 'payload');
    if (!payload.ok) return payload;
    const issued = this.rewards.get(payload.value.issued);
    const flags = this.options.credit.flagsOf(viewer, now);
    const decided = decideRewardClaim(issued, { viewer, channel: channelOf(room), flags }, payload.value.issued, payload.value.fields, now);
    if (!decided.ok) return decided;
    const claimed = decided.value;
    this.rewards.set(claimed.id, claimed);
    const receipt: ActReceipt = { interaction: REWARDS_FEATURE, action: 'claim', at: now, mine: this.view(room, viewer) };
    try {
      await this.options.store.apply([rewardWrite(claimed), context.once(receipt)]);
    } catch (err) {
      if (this.rewards.get(claimed.id) === claimed) this.rewards.set(claimed.id, issued!);
      this.options.logger.error(`could not store the claim of ${claimed.id}`, err);
      return fail('internal', 'could not store the claim; retry with the same key');
    }
    this.send(room, viewer);
    return ok(receipt);
  }

  /** One reward for one occasion, unless issued already, run out (coupon codes) or all given (an item's limit). */
  private issue(
    occasion: RewardOccasion,
    viewer: ViewerId,
    channel: string,
    room: string,
    at: number,
  ): { reward: IssuedReward; writes: StoreWrite[]; undo(): void } | undefined {
    const { rule, spec } = occasion;
    const id = issuedRewardId(viewer, channel, rule.id, occasion.occasion);
    if (this.rewards.has(id)) return undefined;
    const reward: IssuedReward = { id, viewer, channel, room, rule: rule.id, reward: spec.id, type: spec.type, name: spec.name, at };
    const writes: StoreWrite[] = [];
    let undo = () => {};
    if (spec.type === 'coupon') {
      if (spec.codes) {
        const taken = this.pools.take(channel, spec.id, spec.codes);
        if (!taken) return undefined;
        reward.code = taken.code;
        writes.push(taken.write);
        undo = taken.undo;
      } else if (spec.code !== undefined) {
        reward.code = spec.code;
      }
    } else if (spec.type === 'item') {
      if (spec.limit !== undefined && (this.given.get(`${channel}/${spec.id}`) ?? 0) >= spec.limit) return undefined;
      const claim = spec.claim ?? { fields: [], seconds: DEFAULT_CLAIM_SECONDS };
      reward.claim = { fields: claim.fields.map((f) => ({ ...f })), claimBy: at + claim.seconds * 1000 };
    } else {
      if (!occasion.tier) return undefined;
      reward.tier = { ...occasion.tier };
      reward.name = occasion.tier.name;
    }
    return { reward, writes, undo };
  }

  private addIssued(reward: IssuedReward): void {
    const key = progressKey(reward.channel, reward.viewer);
    const fresh = !this.rewards.has(reward.id);
    this.rewards.set(reward.id, reward);
    if (!fresh) return;
    push(this.rewardsOfViewer, key, reward.id);
    push(this.rewardsOfChannel, reward.channel, reward.id);
    const counted = `${reward.channel}/${reward.reward}`;
    this.given.set(counted, (this.given.get(counted) ?? 0) + 1);
    if (reward.type === 'coupon' && reward.code !== undefined) this.pools.noteGiven(reward.channel, reward.reward, reward.code);
  }

  private removeIssued(reward: IssuedReward): void {
    if (!this.rewards.delete(reward.id)) return;
    pull(this.rewardsOfViewer, progressKey(reward.channel, reward.viewer), reward.id);
    pull(this.rewardsOfChannel, reward.channel, reward.id);
    const counted = `${reward.channel}/${reward.reward}`;
    this.given.set(counted, (this.given.get(counted) ?? 1) - 1);
  }

  /**
   * Takes one valid interaction back out of a viewer's progress (its commit failed): one less, the room it added and
   * the tiers it earned removed (also when others followed it meanwhile; those share its commit and fail with it).
   */
  private revert(key: string, addedRoom: string | undefined, addedTiers: ReadonlySet<number>): void {
    const current = this.progress.get(key);
    if (!current) return;
    if (current.valid <= 1) {
      this.progress.delete(key);
      return;
    }
    this.progress.set(key, {
      ...current,
      valid: current.valid - 1,
      rooms: addedRoom === undefined ? current.rooms : current.rooms.filter((r) => r !== addedRoom),
      badges: current.badges.filter((b) => !addedTiers.has(b.tier.at)),
    });
  }

  /** The viewer's current run in the room: launched interactions in launch order, an entry meaning taken part. */
  private streakIn(room: string, viewer: ViewerId): number {
    const launched = this.options
      .service()
      .interactionsIn(room)
      .filter((live) => live.record.openedAt !== undefined)
      .sort((a, b) => a.record.openedAt! - b.record.openedAt!);
    const tookPart = new Set(launched.filter((live) => live.entries.has(viewer)).map((live) => live.record.id));
    return interactionStreak(
      launched.map((live) => ({ id: live.record.id, closed: live.record.status === 'closed' })),
      tookPart,
    );
  }

  /** Signs the viewer's badges when they changed since the last credential (none without badges). */
  private async credentialFor(doc: ProgressDoc): Promise<void> {
    if (doc.badges.length === 0) return;
    const key = progressKey(doc.channel, doc.viewer);
    const of = JSON.stringify(doc.badges);
    if (this.credentials.get(key)?.of === of) return;
    const jws = await this.options.signer.sign(doc.viewer, doc.channel, doc.badges, this.options.now());
    this.credentials.set(key, { of, jws });
  }
}

function rewardWrite(reward: IssuedReward): StoreWrite {
  return { type: 'doc', record: { collection: REWARD_COLLECTION, id: reward.id, value: reward } };
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

function pull(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (!list) return;
  const at = list.indexOf(id);
  if (at >= 0) list.splice(at, 1);
}
