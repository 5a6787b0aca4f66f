/** What every outbox entry has. */
interface PendingBase {
  /** Idempotency key; the server de-duplicates by (viewer, key). */
  key: string;
  interaction: string;
  /** `Date.now()` when the action was made. */
  createdAt: number;
}

/** A poll vote waiting for its answer. */
export interface PendingVote extends PendingBase {
  type: 'vote';
  choices: number[];
}

/** A quiz answer waiting for its answer. */
export interface PendingAnswer extends PendingBase {
  type: 'answer';
  /** Index of the question answered. */
  question: number;
  /** Index of the option chosen. */
  choice: number;
}

/** A lottery entry waiting for its answer. */
export interface PendingEnter extends PendingBase {
  type: 'enter';
}

/** A lottery prize claim waiting for its answer (the claim's fields stay in storage only until it is answered). */
export interface PendingClaim extends PendingBase {
  type: 'claim';
  /** Values by claim field id. */
  fields: Record<string, string>;
}

/** An action written to the outbox and not yet answered by the server. */
export type PendingAction = PendingVote | PendingAnswer | PendingEnter | PendingClaim;
