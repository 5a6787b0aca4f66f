/**
 * What a connection is credited for its link in quiz answer times, from its
 * recent round trips, capped. The whole round trip, because the question takes
 * one way to reach the viewer and the answer the other way back, and neither
 * is time the viewer had to think. A client can only make a round trip look
 * longer (by replying late), never shorter; the cap bounds what it gains that way.
 * - {@link creditMs}, taken off the answer time: the smallest recent round trip.
 * - {@link graceMs}, how long after a deadline an answer still in flight is
 *   taken: the largest recent round trip, so that an answer slowed by the
 *   link's usual jitter still counts. Both are at most the cap.
 */
export class LinkDelay {
  private readonly samples: number[] = [];

  constructor(
    private readonly capMs: number,
    private readonly keep = 8,
  ) {}

  /** One measured round trip, ms (negative or non-finite values are ignored). */
  sample(rttMs: number): void {
    if (!Number.isFinite(rttMs) || rttMs < 0) return;
    this.samples.push(rttMs);
    if (this.samples.length > this.keep) this.samples.shift();
  }

  /** The smallest recent round trip, at most the cap; 0 before any sample. */
  creditMs(): number {
    if (this.samples.length === 0) return 0;
    return Math.min(this.capMs, Math.min(...this.samples));
  }

  /** The largest recent round trip, at most the cap; 0 before any sample. */
  graceMs(): number {
    if (this.samples.length === 0) return 0;
    return Math.min(this.capMs, Math.max(...this.samples));
  }
}
