import { idempotencyKey, readItem, writeItem, type KeyValueStorage } from '@oncue/core';

interface SessionState {
  id: string;
  /** Last sequence number used. */
  seq: number;
  /** Whether this session's events are kept (sampling is per session, so a session's funnel stays whole). */
  sampled: boolean;
}

const KEY = 'oncue:telemetry:session';

/**
 * The page session: a random id and a sequence counter, in `sessionStorage`
 * (so a reload of the tab continues the session and its sequence), written
 * only once there is consent.
 */
export class TelemetrySession {
  private state: SessionState | undefined;

  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly sampleRate: number,
    private readonly random: () => number,
  ) {}

  /** The next sequence number and the session's id, or `undefined` when the session is sampled out. */
  next(): { session: string; seq: number } | undefined {
    const state = (this.state ??= this.read() ?? { id: idempotencyKey().replace(/-/g, ''), seq: 0, sampled: this.random() < this.sampleRate });
    if (!state.sampled) return undefined;
    state.seq += 1;
    return { session: state.id, seq: state.seq };
  }

  /** Writes the session (its last sequence number) to storage; the reporter calls it with each write of its queues. */
  save(): void {
    if (this.storage && this.state) writeItem(this.storage, KEY, JSON.stringify(this.state));
  }

  /** Forgets the session (a new one starts with the next event). */
  clear(): void {
    this.state = undefined;
    if (this.storage) writeItem(this.storage, KEY, null);
  }

  private read(): SessionState | undefined {
    if (!this.storage) return undefined;
    try {
      const state = JSON.parse(readItem(this.storage, KEY) ?? 'null') as SessionState | null;
      return state && typeof state.id === 'string' && Number.isInteger(state.seq) ? state : undefined;
    } catch {
      return undefined;
    }
  }
}
