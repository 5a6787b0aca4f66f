import type { ActAnswer, ActReceipt, Result } from '@oncue/protocol';

/** Runs `flush` once the answers of the current event-loop turn are all queued. */
export type FlushScheduler = (flush: () => void) => void;

/**
 * Flushes at the end of the current turn: after every promise chain the turn started has run (Node runs
 * `process.nextTick` callbacks only once the microtask queue is empty). The answers of one group commit of
 * the store (its promises all resolve in one `setImmediate` callback) go out together, without waiting for
 * another turn of the loop.
 */
export const endOfTurn: FlushScheduler = (flush) => process.nextTick(flush);

/** Flushes on the next turn of the event loop (`setImmediate`): batches more, answers a turn later. */
export const nextTurn: FlushScheduler = (flush) => void setImmediate(flush);

/**
 * One socket's answers to the `act`s it sent without an ack callback: queued as they settle and sent as
 * one `acked` event per turn (see {@link FlushScheduler}), so many actions cost one WebSocket frame and one
 * write instead of one each. Answers of a socket that is gone are dropped with it: its client re-sends the
 * actions with the same keys on its next connection and the server's idempotency answers them again.
 */
export class ActAnswers {
  private queued: ActAnswer[] = [];
  private scheduled = false;

  constructor(
    private readonly send: (answers: ActAnswer[]) => void,
    private readonly schedule: FlushScheduler = endOfTurn,
  ) {}

  /** Queues the answer to the action sent with `key` (`null`: a request without a readable key). */
  add(key: string | null, result: Result<ActReceipt>): void {
    this.queued.push({ key, result });
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(this.flush);
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const answers = this.queued;
    if (answers.length === 0) return;
    this.queued = [];
    this.send(answers);
  };
}

/** The key an `act` request carries, as the client will look it up; `null` when there is none to read. */
export function keyOf(request: unknown): string | null {
  const key = typeof request === 'object' && request !== null ? (request as { key?: unknown }).key : undefined;
  return typeof key === 'string' && key.length <= MAX_ECHOED_KEY_LENGTH ? key : null;
}

/** Longest key sent back as it came (a valid key is at most 64 characters; a longer one is refused anyway). */
const MAX_ECHOED_KEY_LENGTH = 128;
