import { blindboxAwaitsViewer } from '../blindbox/blindbox-awaits-viewer.js';
import { lotteryAwaitsViewer } from '../lottery/lottery-awaits-viewer.js';
import type { ViewerKind } from './interaction-widgets.js';

/**
 * The kinds of interaction the viewer SDK knows, one line per kind: the element that renders it and how to load
 * that element. In `oncue.min.js` each `load` is a chunk of its own, fetched the first time the kind appears on a
 * stage or its element in the page; a bundler makes each one a lazy chunk too. Adding a kind is adding its line.
 */
export const viewerKinds: readonly ViewerKind[] = [
  { kind: 'poll', tag: 'oncue-poll', load: () => import('../poll/poll.js'), name: { en: 'Poll', 'zh-CN': '投票' } },
  { kind: 'quiz', tag: 'oncue-quiz', load: () => import('../quiz/quiz.js'), name: { en: 'Quiz', 'zh-CN': '答题' } },
  {
    kind: 'lottery',
    tag: 'oncue-lottery',
    load: () => import('../lottery/lottery.js'),
    awaitsViewer: lotteryAwaitsViewer,
    name: { en: 'Giveaway', 'zh-CN': '抽奖' },
  },
  {
    kind: 'blindbox',
    tag: 'oncue-blindbox',
    load: () => import('../blindbox/blindbox.js'),
    awaitsViewer: blindboxAwaitsViewer,
    name: { en: 'Blind box', 'zh-CN': '盲盒' },
  },
];
