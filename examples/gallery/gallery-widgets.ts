import type { GalleryWidget } from './gallery-state.js';
import { blindboxWidget } from './fixtures/blindbox.js';
import { cheerWidget } from './fixtures/cheer.js';
import { goalWidget } from './fixtures/goal.js';
import { hostFormWidgets } from './fixtures/host-forms.js';
import { lotteryWidget } from './fixtures/lottery.js';
import { milestoneBadgeWidget } from './fixtures/milestone-badge.js';
import { pollWidget } from './fixtures/poll.js';
import { quizWidget } from './fixtures/quiz.js';
import { stageWidget } from './fixtures/stage.js';

/** Every widget the gallery shows, in page order; each fixture file holds one widget's states. */
export const galleryWidgets: readonly GalleryWidget[] = [
  pollWidget,
  quizWidget,
  lotteryWidget,
  blindboxWidget,
  cheerWidget,
  goalWidget,
  milestoneBadgeWidget,
  stageWidget,
  ...hostFormWidgets,
];
