/** One cheer batch as the room's cheer counter took it: for the fake-volume signal (credit-signal.ts). */
export interface CheerEvent {
  room: string;
  viewer: string;
  address?: string;
  /** Taps credited. */
  taps: number;
  /** Taps over the per-viewer cap, dropped. */
  dropped: number;
  at: number;
}

/** Told about every accepted cheer batch (the credit signal watches for rates beyond a human's). */
export interface CheerObserver {
  cheered(event: CheerEvent): void;
}
