/**
 * A connection's one-way delay estimate from round-trip samples: half the
 * smallest of the recent round trips, capped. The smallest, because a client
 * can only make a round trip look longer (by acking late), never shorter; the
 * cap bounds what a client can gain that way.
 */
export class LinkDelay {
  private readonly samples: number[] = [];

  constructor(
    private readonly capMs: number,
    private readonly keep = 5,
  ) {}

  sample(rttMs: number): void {
    if (!Number.isFinite(rttMs) || rttMs < 0) return;
    this.samples.push(rttMs);
    if (this.samples.length > this.keep) this.samples.shift();
  }

  /** Half the smallest recent round trip, at most the cap; 0 before any sample. */
  delayMs(): number {
    if (this.samples.length === 0) return 0;
    return Math.min(this.capMs, Math.min(...this.samples) / 2);
  }
}
