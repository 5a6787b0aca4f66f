import { cheerMessages, type CheerMessages } from '../cheer/cheer-messages.js';
import { goalMessages, type GoalMessages } from '../goal/goal-messages.js';
import { lotteryMessages, type LotteryMessages } from '../lottery/lottery-messages.js';
import { milestoneBadgeMessages, type MilestoneBadgeMessages } from '../milestone-badge/milestone-badge-messages.js';
import { pollMessages, type PollMessages } from '../poll/poll-messages.js';
import { quizMessages, type QuizMessages } from '../quiz/quiz-messages.js';
import { stageMessages, type StageMessages } from '../stage/stage-messages.js';
import type { Catalogues } from './localize.js';

export { clock } from './interaction-messages.js';

/**
 * Everything viewers see, in one catalogue per language: the stage's, every kind's and the shared strings. Each
 * element uses only its own part (stage/stage-messages.ts, poll/poll-messages.ts, …) so the script-tag loader and
 * each kind's chunk carry only their strings; this whole set is for pages that use everything (the host console's
 * preview) and for translators.
 */
export type ViewerMessages = StageMessages & PollMessages & QuizMessages & LotteryMessages & CheerMessages & GoalMessages & MilestoneBadgeMessages;

const parts = [stageMessages, pollMessages, quizMessages, cheerMessages, goalMessages, milestoneBadgeMessages, lotteryMessages] as Catalogues<
  Partial<ViewerMessages>
>[];

export const viewerMessages: Catalogues<ViewerMessages> = {
  en: Object.assign({}, ...parts.map((part) => part.en)) as ViewerMessages,
  'zh-CN': Object.assign({}, ...parts.map((part) => part['zh-CN'])) as ViewerMessages,
};
