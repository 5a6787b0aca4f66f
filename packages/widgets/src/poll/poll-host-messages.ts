import type { Catalogues } from '../shared/localize.js';
import { hostMessages, type HostMessages } from '../host-console/host-messages.js';

/** English: the poll's host parts, `<oncue-poll-form>` and the poll in the console's list (it speaks every host console message too). */
const en = {
  ...hostMessages.en,
  newPoll: 'New poll',
  question: 'Question',
  questionPlaceholder: 'What should we unbox next?',
  variantQuestion: 'Alternative wording (A/B test, optional)',
  variantHint: 'Half of the viewers see this wording instead; the dashboard compares how many take part with each.',
  options: 'Options',
  multi: 'Viewers can pick several options',
  maxChoices: 'At most',
  maxChoicesAll: 'any number',
  allowChange: 'Viewers can change their vote',
  results: 'Show results to viewers',
  resultsLive: 'Live, while voting',
  resultsAfterClose: 'After voting closes',
  duration: 'Close automatically after (seconds, optional)',
  launchNow: 'Launch now',
  invalidQuestion: 'Write a question.',
  invalidOptions: 'Fill in every option, or remove the empty ones (2 to 10 options).',
  invalidMax: (n: number) => `“At most” must be a whole number from 1 to ${n}.`,
  kindLabel: 'Poll',
};

export type PollHostMessages = typeof en;

/** Simplified Chinese. */
const zhCN: PollHostMessages = {
  ...(hostMessages['zh-CN'] as HostMessages),
  newPoll: '新建投票',
  question: '问题',
  questionPlaceholder: '下一个开箱什么？',
  variantQuestion: '另一种问法（A/B 测试，可选）',
  variantHint: '一半观众会看到这种问法；数据看板会比较两种问法的参与情况。',
  options: '选项',
  multi: '允许多选',
  maxChoices: '最多选',
  maxChoicesAll: '不限',
  allowChange: '允许观众修改投票',
  results: '向观众展示结果',
  resultsLive: '实时展示',
  resultsAfterClose: '投票结束后展示',
  duration: '自动结束时间（秒，可选）',
  launchNow: '立即发起',
  invalidQuestion: '请填写问题。',
  invalidOptions: '请填写所有选项，或删除空白选项（2 到 10 个选项）。',
  invalidMax: (n) => `“最多选”须为 1 到 ${n} 之间的整数。`,
  kindLabel: '投票',
};

export const pollHostMessages: Catalogues<PollHostMessages> = { en, 'zh-CN': zhCN };
