export { connect } from './connect.js';
export type { ConnectionOptions } from './connection-options.js';
export type { ConnectionState } from './connection-state.js';
export { interactionStore } from './interaction-store.js';
export { defaultStorage, memoryStorage, readItem, writeItem, type KeyValueStorage } from './key-value-storage.js';
export { OUTBOX_LIMIT } from './outbox.js';
export type { PendingAction, PendingAnswer, PendingClaim, PendingEnter, PendingVote } from './pending-action.js';
export type { RoomConnection } from './room-connection.js';
export type { RoomState } from './room-state.js';
export { idempotencyKey } from './idempotency-key.js';
export {
  interactionReporter,
  interactionReporterChanged,
  isRecordingInteractions,
  onInteractionReporterChange,
  reportInteraction,
  setInteractionReporter,
  variantOf,
  type InteractionReport,
  type InteractionReporter,
} from './interaction-reporter.js';
export { retryDelay } from './retry-delay.js';
export { forgetViewer } from './viewer-identity.js';
export type { StepOptions } from './step-options.js';
