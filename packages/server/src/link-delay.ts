/**
 * What a connection is credited for its link in quiz answer times: the
 * smallest of its recent round trips, capped. The whole round trip, because
 * the question takes one way to reach the viewer and the answer the other way
 * back, and neither is time the viewer had to think. The smallest, because a
 * client can only make a round trip look longer (by replying late), never
 * shorter; the cap bounds what it gains that way.
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
}
