// Importing the package registers <oncue-poll>, <oncue-quiz>, <oncue-lottery>, <oncue-blindbox>, <oncue-cheer>, <oncue-goal>,
// <oncue-milestone-badge>, <oncue-stage>, <oncue-host-console>
// and the kinds' host elements <oncue-poll-form>, <oncue-quiz-builder>, <oncue-lottery-panel>, <oncue-blindbox-form>.
export * from './poll/poll.js';
export * from './quiz/quiz.js';
export * from './lottery/lottery.js';
export * from './blindbox/blindbox.js';
export * from './cheer/cheer.js';
export * from './goal/goal.js';
export * from './milestone-badge/milestone-badge.js';
export * from './stage/stage.js';
export * from './host-console/host-console.js';
export * from './poll/poll-form.js';
export * from './quiz/quiz-builder.js';
export * from './lottery/lottery-panel.js';
export * from './blindbox/blindbox-form.js';
export { OnCueElement } from './shared/oncue-element.js';
export type { OnCueEventMap } from './shared/events.js';
export { StoreController } from './shared/store-controller.js';
export { RoomController, type RoomTarget } from './shared/room-controller.js';
export { Localize, setLocale, matchLocale, requestedLocale, type Catalogue, type Catalogues } from './shared/localize.js';
export { viewerMessages, type ViewerMessages } from './shared/viewer-messages.js';
export { stageMessages, type StageMessages } from './stage/stage-messages.js';
export { pollMessages, type PollMessages } from './poll/poll-messages.js';
export { quizMessages, type QuizMessages } from './quiz/quiz-messages.js';
export { lotteryMessages, type LotteryMessages } from './lottery/lottery-messages.js';
export { blindboxMessages, type BlindboxMessages } from './blindbox/blindbox-messages.js';
export { cheerMessages, type CheerMessages } from './cheer/cheer-messages.js';
export { goalMessages, type GoalMessages } from './goal/goal-messages.js';
export { milestoneBadgeMessages, type MilestoneBadgeMessages } from './milestone-badge/milestone-badge-messages.js';
export { hostMessages, type HostMessages } from './host-console/host-messages.js';
