import type { CreditFlag, ViewerId } from '@oncue/protocol';
import type { CheerEvent, CheerObserver } from '../cheer-observer.js';
import type { ValidInteraction } from '../room-extension.js';
import type { DocRecord, StoreWrite } from '../../store/store.js';

/** Store collection of flagged viewers (one document per viewer while a flag holds). */
export const CREDIT_FLAG_COLLECTION = 'credit-flag';

/** Taps dropped over the cheer cap within {@link CHEER_RATE_WINDOW_MS} that flag a viewer (`cheer_rate`). */
export const CHEER_RATE_DROPPED = 100;
export const CHEER_RATE_WINDOW_MS = 60_000;
/** Distinct viewers with valid interactions from one address within {@link SHARED_ADDRESS_WINDOW_MS}, above which all are flagged. */
export const SHARED_ADDRESS_VIEWERS = 20;
export const SHARED_ADDRESS_WINDOW_MS = 10 * 60_000;
/** Consecutive valid interactions whose gaps all lie within ±{@link ROBOTIC_TOLERANCE_MS} of each other (`robotic_timing`). */
export const ROBOTIC_RUN = 8;
export const ROBOTIC_TOLERANCE_MS = 15;
/** How long a flag holds after the last time its condition held. */
export const FLAG_HOLD_MS = 24 * 60 * 60_000;

export interface CreditSignalOptions {
  now: () => number;
  /** Distinct viewers per address and 10 minutes before they are all flagged; default {@link SHARED_ADDRESS_VIEWERS}. */
  sharedAddressViewers?: number;
  /** Stores a flag (fire and forget: the signal is advice, not an entry). */
  persist?: (write: StoreWrite) => void;
  /** Told when a viewer gets a flag it did not have (to send the viewer its progress), with the room it was seen in. */
  onFlag?: (viewer: ViewerId, room: string) => void;
}

/** A viewer's flags: since when, and until when each holds. */
export interface CreditFlagDoc {
  viewer: ViewerId;
  flags: Partial<Record<CreditFlag, { since: number; until: number }>>;
}

/**
 * The per-viewer credit signal against fake volume (docs/milestones.md, "Fake volume"). Three simple rules, each
 * raising a flag that holds {@link FLAG_HOLD_MS} after it last held:
 * - `cheer_rate`: more than {@link CHEER_RATE_DROPPED} taps dropped over the cheer cap in a minute (a human tapping
 *   fast loses a few; a script loses hundreds);
 * - `shared_address`: more than N (default {@link SHARED_ADDRESS_VIEWERS}) distinct viewers with valid interactions
 *   from one address within 10 minutes flags all of them. A venue whose audience shares one NAT address loses its
 *   rewards past N viewers: raise N for such an event, or have the site sign its viewers in (signed viewers are not counted: the
 *   address is the only tie between anonymous identities);
 * - `robotic_timing`: {@link ROBOTIC_RUN} consecutive valid interactions of the kinds (not cheers: the client sends
 *   cheer batches on a timer, so a person tapping steadily is regular by construction) whose gaps all lie within
 *   ±{@link ROBOTIC_TOLERANCE_MS} of each other.
 * A flagged viewer's progress still counts; it gets no rewards and its claims are refused (`flagged`).
 */
export class CreditSignal implements CheerObserver {
  private readonly now: () => number;
  private readonly sharedLimit: number;
  private readonly persist: CreditSignalOptions['persist'];
  private readonly onFlag: CreditSignalOptions['onFlag'];
  private readonly dropped = new Map<ViewerId, { at: number; dropped: number }[]>();
  /** Per address: viewers by the time of their last valid interaction, oldest first; whether it is over the limit. */
  private readonly addresses = new Map<string, { viewers: Map<ViewerId, number>; over: boolean }>();
  private readonly timings = new Map<ViewerId, number[]>();
  private readonly flags = new Map<ViewerId, CreditFlagDoc>();
  private events = 0;

  constructor(options: CreditSignalOptions) {
    this.now = options.now;
    this.sharedLimit = options.sharedAddressViewers ?? SHARED_ADDRESS_VIEWERS;
    this.persist = options.persist;
    this.onFlag = options.onFlag;
  }

  /** Restores the flags still holding from their documents. */
  load(docs: readonly DocRecord[]): void {
    for (const doc of docs) {
      if (doc.collection === CREDIT_FLAG_COLLECTION) this.flags.set(doc.id, doc.value as CreditFlagDoc);
    }
  }

  cheered(event: CheerEvent): void {
    this.sweep(event.at);
    if (event.dropped <= 0) return;
    const recent = (this.dropped.get(event.viewer) ?? []).filter((d) => d.at > event.at - CHEER_RATE_WINDOW_MS);
    recent.push({ at: event.at, dropped: event.dropped });
    this.dropped.set(event.viewer, recent);
    if (recent.reduce((sum, d) => sum + d.dropped, 0) > CHEER_RATE_DROPPED) this.flag([event.viewer], 'cheer_rate', event.at, event.room);
  }

  /** One valid interaction (the progress part calls this first, so that a flag it raises already holds for this one). */
  interaction(event: ValidInteraction): void {
    this.sweep(event.at);
    // Viewers the site signed in are accounts of its own, not identities one can mint: they are not counted per address.
    if (event.address !== undefined && event.signed !== true) this.seenAt(event.address, event.viewer, event.at, event.room);
    if (event.kind !== 'cheer') {
      const times = [...(this.timings.get(event.viewer) ?? []), event.at].slice(-ROBOTIC_RUN);
      this.timings.set(event.viewer, times);
      if (times.length === ROBOTIC_RUN) {
        const gaps = times.slice(1).map((t, i) => t - times[i]!);
        if (Math.max(...gaps) - Math.min(...gaps) <= 2 * ROBOTIC_TOLERANCE_MS) this.flag([event.viewer], 'robotic_timing', event.at, event.room);
      }
    }
  }

  /** The flags holding for `viewer` at `at` (empty: rewards are given). */
  flagsOf(viewer: ViewerId, at = this.now()): CreditFlag[] {
    const doc = this.flags.get(viewer);
    if (!doc) return [];
    return (Object.keys(doc.flags) as CreditFlag[]).filter((flag) => doc.flags[flag]!.until > at).sort();
  }

  /** Every viewer with a flag holding at `at`, with the flags and since when the earliest holds. */
  flagged(at = this.now()): { viewer: ViewerId; reasons: CreditFlag[]; since: number }[] {
    const list: { viewer: ViewerId; reasons: CreditFlag[]; since: number }[] = [];
    for (const [viewer, doc] of this.flags) {
      const reasons = this.flagsOf(viewer, at);
      if (reasons.length > 0) list.push({ viewer, reasons, since: Math.min(...reasons.map((r) => doc.flags[r]!.since)) });
    }
    return list;
  }

  /**
   * Counts a viewer at an address (amortised constant time: the map is kept oldest first, so expiry stops at the
   * first recent one). Crossing the limit flags everyone seen there; while over it, each newcomer is flagged.
   */
  private seenAt(address: string, viewer: ViewerId, at: number, room: string): void {
    let seen = this.addresses.get(address);
    if (!seen) this.addresses.set(address, (seen = { viewers: new Map(), over: false }));
    seen.viewers.delete(viewer);
    seen.viewers.set(viewer, at);
    for (const [other, last] of seen.viewers) {
      if (last > at - SHARED_ADDRESS_WINDOW_MS) break;
      seen.viewers.delete(other);
    }
    if (seen.viewers.size <= this.sharedLimit) {
      seen.over = false;
      return;
    }
    this.flag(seen.over ? [viewer] : [...seen.viewers.keys()], 'shared_address', at, room);
    seen.over = true;
  }

  private flag(viewers: readonly ViewerId[], reason: CreditFlag, at: number, room: string): void {
    for (const viewer of viewers) {
      const doc = this.flags.get(viewer) ?? { viewer, flags: {} };
      const held = doc.flags[reason];
      const isNew = !held || held.until <= at;
      // Stored again only when new or when its hold moved on by an hour or more (not at every event of a flood).
      if (!isNew && held.until >= at + FLAG_HOLD_MS - 60 * 60_000) continue;
      const next: CreditFlagDoc = { viewer, flags: { ...doc.flags, [reason]: { since: isNew ? at : held.since, until: at + FLAG_HOLD_MS } } };
      this.flags.set(viewer, next);
      this.persist?.({ type: 'doc', record: { collection: CREDIT_FLAG_COLLECTION, id: viewer, value: next } });
      if (isNew) this.onFlag?.(viewer, room);
    }
  }

  /** Every 1,000 events, forgets what no rule looks at any more (old addresses, idle viewers), so memory stays bounded. */
  private sweep(at: number): void {
    this.events += 1;
    if (this.events % 1000 !== 0) return;
    for (const [address, seen] of this.addresses) {
      for (const [viewer, last] of seen.viewers) if (last <= at - SHARED_ADDRESS_WINDOW_MS) seen.viewers.delete(viewer);
      if (seen.viewers.size === 0) this.addresses.delete(address);
    }
    for (const [viewer, times] of this.timings) if (times.at(-1)! <= at - SHARED_ADDRESS_WINDOW_MS) this.timings.delete(viewer);
    for (const [viewer, recent] of this.dropped) if (recent.at(-1)!.at <= at - CHEER_RATE_WINDOW_MS) this.dropped.delete(viewer);
  }
}
