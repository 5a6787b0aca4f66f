/** An action written to the outbox and not yet answered by the server. */
export interface PendingAction {
  /** Idempotency key; the server de-duplicates by (viewer, key). */
  key: string;
  type: 'vote';
  interaction: string;
  choices: number[];
  /** `Date.now()` when the action was made. */
  createdAt: number;
}
