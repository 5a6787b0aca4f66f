import { interactionMessages, type InteractionMessages } from '../shared/interaction-messages.js';
import type { Catalogues } from '../shared/localize.js';

/** What `<oncue-poll>` says (and what every kind says). */
const en = {
  unavailable: 'This poll is not available.',
  chooseUpTo: (n: number) => (n === 1 ? 'Choose 1 option' : `Choose up to ${n} options`),
  chooseAny: 'Choose one or more options',
  change: 'Change vote',
  thanks: 'Thanks for voting!',
  thanksChange: 'Thanks for voting! You can change your vote while voting is open.',
  votes: (n: number, formatted: string) => `${formatted} ${n === 1 ? 'vote' : 'votes'}`,
  voters: (n: number, formatted: string) => `${formatted} ${n === 1 ? 'person voted' : 'people voted'}`,
  resultsHidden: 'Results will be shown when voting closes.',
  optionResult: (label: string, votes: string, percent: string) => `${label}: ${votes}, ${percent}`,
  summary: (status: string, results: string) => `${status}. ${results}`,
  yourChoice: 'Your choice',
  topChoice: 'Top choice',
  pollError_already_taken_part: 'You have already voted.',
};

type OwnPollMessages = typeof en;
export type PollMessages = InteractionMessages & OwnPollMessages;

/** Simplified Chinese. */
const zhCN: OwnPollMessages = {
  unavailable: '该投票暂不可用。',
  chooseUpTo: (n) => (n === 1 ? '请选择 1 项' : `最多可选 ${n} 项`),
  chooseAny: '可选择多项',
  change: '修改投票',
  thanks: '感谢参与投票！',
  thanksChange: '感谢参与投票！投票结束前可以修改。',
  votes: (_n, formatted) => `${formatted} 票`,
  voters: (_n, formatted) => `${formatted} 人参与`,
  resultsHidden: '投票结束后公布结果。',
  optionResult: (label, votes, percent) => `${label}：${votes}，${percent}`,
  summary: (status, results) => `${status}。${results}`,
  yourChoice: '你的选择',
  topChoice: '票数最多',
  pollError_already_taken_part: '你已经投过票了。',
};

export const pollMessages: Catalogues<PollMessages> = {
  en: { ...interactionMessages.en, ...en },
  'zh-CN': { ...(interactionMessages['zh-CN'] as InteractionMessages), ...zhCN },
};
