import {
  CHEER_TAPS_PER_SECOND,
  CHEERS_FEATURE,
  CheerPayloadSchema,
  fail,
  ok,
  validate,
  type ActReceipt,
  type CheerReceipt,
  type Result,
} from '@oncue/protocol';
import type { Logger } from '../../logger.js';
import type { RoomService } from '../../rooms/room-service.js';
import type { DocRecord, Store, StoreWrite } from '../../store/store.js';
import type { CheerObserver } from '../cheer-observer.js';
import type { FeatureActContext, RoomFeature, ValidInteractionEffect } from '../room-extension.js';
import { CheerCap } from './cheer-cap.js';

/** Store collection of the rooms' cheer counts: one document per room, `{ count }`. */
export const CHEERS_COLLECTION = 'cheers';

/** A cheer batch counts as a valid interaction at most once per viewer and room in this window (docs/milestones.md). */
export const CHEER_VALID_INTERACTION_MS = 60_000;

/** Burst of the per-viewer cap: about two seconds' worth of taps. */
export const CHEER_BURST = 2 * CHEER_TAPS_PER_SECOND;

export interface CheerCounterOptions {
  store: Store;
  logger: Logger;
  service: () => RoomService;
  /**
   * What counting `taps` in a room changes besides the count (room goals counting cheers): its writes commit
   * with the batch, `undo` reverts it when that commit fails, `done` runs once it is durable.
   */
  onCheers?: (room: string, taps: number, at: number) => ValidInteractionEffect | undefined;
  /** Told about every stored batch (the credit signal of the fake-volume rules). */
  observer?: CheerObserver;
  /** Taps per second a viewer is credited with (default {@link CHEER_TAPS_PER_SECOND}) and the burst (default {@link CHEER_BURST}). */
  rate?: { tapsPerSecond: number; burst: number };
}

/**
 * The room's cheer counter, the `_cheers` room feature (docs/milestones.md, "Cheers"). A batch (`act` with
 * action `cheer`, `{ count }`) is credited with the taps the viewer's cap allows and the excess is dropped
 * silently: the batch is acknowledged all the same with a {@link CheerReceipt}. The new count, the receipt
 * (for a resent batch), the valid interaction (once a minute) and the goals' increments are committed in one
 * store write; the count goes out coalesced with the room's next update.
 */
export class CheerCounter implements RoomFeature {
  private readonly counts = new Map<string, number>();
  private readonly cap: CheerCap;
  /** When each (room, viewer) last had a cheer batch count as a valid interaction. */
  private readonly lastValid = new Map<string, number>();
  private lastValidSweptAt = -Infinity;

  constructor(private readonly options: CheerCounterOptions) {
    const rate = options.rate ?? { tapsPerSecond: CHEER_TAPS_PER_SECOND, burst: CHEER_BURST };
    this.cap = new CheerCap(rate);
  }

  /** The room's cheer count (0 for a room without cheers). */
  count(room: string): number {
    return this.counts.get(room) ?? 0;
  }

  /** Whether the room has had a cheer counted. */
  has(room: string): boolean {
    return this.counts.has(room);
  }

  /** The rooms with a count (their rooms exist again after a restart). */
  rooms(): Iterable<string> {
    return this.counts.keys();
  }

  /** Rebuilds the counts from the stored documents. */
  load(docs: readonly DocRecord[]): void {
    for (const doc of docs) {
      if (doc.collection !== CHEERS_COLLECTION) continue;
      const count = (doc.value as { count?: unknown } | null)?.count;
      if (typeof count === 'number' && Number.isFinite(count) && count >= 0) this.counts.set(doc.id, count);
    }
  }

  async act(context: FeatureActContext): Promise<Result<ActReceipt>> {
    const { room, viewer, request, link, now } = context;
    if (request.action !== 'cheer') return fail('bad_request', `action: ${CHEERS_FEATURE} takes cheer, not ${request.action}`);
    const payload = validate(CheerPayloadSchema, request.payload ?? {}, 'payload');
    if (!payload.ok) return payload;
    const taps = payload.value.count;

    // Everything up to the write is synchronous: concurrent batches each see the count the one before left.
    const capKey = `${room}\u0000${viewer}`;
    const counted = this.cap.take(capKey, taps, now);
    const before = this.count(room);
    const total = before + counted;
    if (counted > 0) this.counts.set(room, total);
    const lastValid = this.lastValid.get(capKey);
    const valid =
      counted > 0 && (lastValid === undefined || now - lastValid >= CHEER_VALID_INTERACTION_MS)
        ? this.options.service().validInteraction({
            room,
            viewer,
            interaction: CHEERS_FEATURE,
            kind: 'cheer',
            at: now,
            ...(link.address === undefined ? {} : { address: link.address }),
            ...(link.signed === true ? { signed: true } : {}),
          })
        : undefined;
    if (counted > 0 && (lastValid === undefined || now - lastValid >= CHEER_VALID_INTERACTION_MS)) this.markValid(capKey, now);
    const goals = counted > 0 ? this.options.onCheers?.(room, counted, now) : undefined;

    const mine: CheerReceipt = { counted, total };
    const receipt: ActReceipt = { interaction: CHEERS_FEATURE, action: 'cheer', at: now, mine };
    const writes: StoreWrite[] = [context.once(receipt)];
    if (counted > 0) writes.push({ type: 'doc', record: { collection: CHEERS_COLLECTION, id: room, value: { count: total } } });
    writes.push(...(valid?.writes ?? []), ...(goals?.writes ?? []));
    try {
      await this.options.store.apply(writes);
    } catch (err) {
      goals?.undo();
      valid?.undo();
      this.cap.refund(capKey, counted);
      if (counted > 0) this.counts.set(room, this.count(room) - counted);
      if (lastValid === undefined) this.lastValid.delete(capKey);
      else this.lastValid.set(capKey, lastValid);
      this.options.logger.error(`could not store a cheer batch in room ${room}`, err);
      return fail('internal', 'could not store the cheers; retry with the same key');
    }
    if (counted > 0) this.options.service().markMilestonesDirty(room);
    valid?.done?.();
    goals?.done?.();
    try {
      this.options.observer?.cheered({
        room,
        viewer,
        ...(link.address === undefined ? {} : { address: link.address }),
        taps: counted,
        dropped: taps - counted,
        at: now,
      });
    } catch (err) {
      this.options.logger.error('the cheer observer failed', err);
    }
    return ok(receipt);
  }

  /** Notes a valid interaction by cheers; forgets, at most once a minute, those older than the window. */
  private markValid(key: string, now: number): void {
    this.lastValid.set(key, now);
    if (now - this.lastValidSweptAt < CHEER_VALID_INTERACTION_MS) return;
    this.lastValidSweptAt = now;
    for (const [k, at] of this.lastValid) if (now - at >= CHEER_VALID_INTERACTION_MS) this.lastValid.delete(k);
  }
}
