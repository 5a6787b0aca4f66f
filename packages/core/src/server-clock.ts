/** How many recent samples the estimate looks at. */
const WINDOW = 16;

/**
 * Estimates `serverTime - Date.now()` from server timestamps, for countdowns.
 *
 * A timestamp pushed by the server is stamped before it travels, so each
 * sample `serverTime - receivedAt` underestimates the offset by the one-way
 * delay; the largest recent sample is therefore the best one (the NTP
 * minimum-delay filter). When the round trip is known (an ack), half of it is
 * added back. Only recent samples count, so a local clock jump is followed.
 */
export class ServerClock {
  private samples: number[] = [];
  private offset = 0;

  constructor(private readonly localNow: () => number = Date.now) {}

  /** Records a server timestamp received now; `roundTripMs` when it answered a request. */
  sample(serverTime: number, roundTripMs?: number): void {
    if (!Number.isFinite(serverTime)) return;
    const value = serverTime + (roundTripMs === undefined ? 0 : roundTripMs / 2) - this.localNow();
    this.samples.push(value);
    if (this.samples.length > WINDOW) this.samples.shift();
    this.offset = Math.max(...this.samples);
  }

  /** Estimated `serverTime - Date.now()`, in ms (0 before any sample). */
  get offsetMs(): number {
    return this.offset;
  }

  /** Estimated current server time, ms since the epoch. */
  now(): number {
    return this.localNow() + this.offset;
  }
}
