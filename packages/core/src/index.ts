export { connect } from './connect.js';
export type { ConnectionOptions } from './connection-options.js';
export type { ConnectionState } from './connection-state.js';
export { interactionStore } from './interaction-store.js';
export { defaultStorage, memoryStorage, readItem, writeItem, type KeyValueStorage } from './key-value-storage.js';
export { OUTBOX_LIMIT } from './outbox.js';
export type { PendingAction } from './pending-action.js';
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
export { vote } from './kinds/poll/vote.js';
export { answer } from './kinds/quiz/answer.js';
export { claim } from './kinds/lottery/claim.js';
export { enter, VIEWER_WAIT_MS } from './kinds/lottery/enter.js';
export { entryTicket } from './kinds/lottery/entry-ticket.js';
export { guess } from './kinds/blindbox/guess.js';
export { cheer, CheerBatcher, type CheerConnection } from './milestones/cheer.js';
export { claimReward } from './milestones/claim-reward.js';
