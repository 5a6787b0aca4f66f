import type { ErrorCode } from '@oncue/protocol';
import type { Catalogues } from './localize.js';

/** `m:ss` (or `h:mm:ss`) for countdowns. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** English: the reference catalogue of everything viewers see. */
const en = {
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  failed: 'Can’t connect to the live room.',
  loading: 'Loading…',
  unavailable: 'This poll is not available.',
  waiting: 'Waiting for the host…',
  draft: 'Not started yet',
  open: 'Voting open',
  closed: 'Voting closed',
  closesIn: (time: string) => `Closes in ${time}`,
  closing: 'Closing…',
  chooseUpTo: (n: number) => (n === 1 ? 'Choose 1 option' : `Choose up to ${n} options`),
  chooseAny: 'Choose one or more options',
  submit: 'Vote',
  change: 'Change vote',
  sending: 'Sending…',
  thanks: 'Thanks for voting!',
  thanksChange: 'Thanks for voting! You can change your vote while voting is open.',
  votes: (n: number, formatted: string) => `${formatted} ${n === 1 ? 'vote' : 'votes'}`,
  voters: (n: number, formatted: string) => `${formatted} ${n === 1 ? 'person voted' : 'people voted'}`,
  resultsHidden: 'Results will be shown when voting closes.',
  optionResult: (label: string, votes: string, percent: string) => `${label}: ${votes}, ${percent}`,
  summary: (status: string, results: string) => `${status}. ${results}`,
  yourChoice: 'Your choice',
  error_bad_request: 'Something went wrong with that request. Please try again.',
  error_payload_too_large: 'That was too much to send.',
  error_unauthorized: 'Your session has expired. Please reload the page.',
  error_unknown_room: 'This live room doesn’t exist.',
  error_unknown_interaction: 'This poll no longer exists.',
  error_unsupported_kind: 'This kind of interaction isn’t supported here.',
  error_not_open: 'Sorry, voting has closed.',
  error_already_closed: 'Sorry, voting has closed.',
  error_option_out_of_range: 'Please choose a valid option.',
  error_already_voted: 'You have already voted.',
  error_too_late: 'Too late: time was up.',
  error_not_current: 'That question is not open.',
  error_rate_limited: 'Too fast! Please wait a moment and try again.',
  error_internal: 'Something went wrong on our side. Please try again.',
} satisfies Record<`error_${ErrorCode}`, string> & Record<string, unknown>;

export type ViewerMessages = typeof en;

/** Simplified Chinese. */
const zhCN: ViewerMessages = {
  connecting: '连接中…',
  reconnecting: '连接中断，正在重连…',
  failed: '无法连接直播间。',
  loading: '加载中…',
  unavailable: '该投票暂不可用。',
  waiting: '等待主播发起互动…',
  draft: '尚未开始',
  open: '投票进行中',
  closed: '投票已结束',
  closesIn: (time) => `${time} 后结束`,
  closing: '即将结束…',
  chooseUpTo: (n) => (n === 1 ? '请选择 1 项' : `最多可选 ${n} 项`),
  chooseAny: '可选择多项',
  submit: '投票',
  change: '修改投票',
  sending: '提交中…',
  thanks: '感谢参与投票！',
  thanksChange: '感谢参与投票！投票结束前可以修改。',
  votes: (_n, formatted) => `${formatted} 票`,
  voters: (_n, formatted) => `${formatted} 人参与`,
  resultsHidden: '投票结束后公布结果。',
  optionResult: (label, votes, percent) => `${label}：${votes}，${percent}`,
  summary: (status, results) => `${status}。${results}`,
  yourChoice: '你的选择',
  error_bad_request: '请求出错了，请重试。',
  error_payload_too_large: '提交的内容过多。',
  error_unauthorized: '登录已失效，请刷新页面。',
  error_unknown_room: '该直播间不存在。',
  error_unknown_interaction: '该投票已不存在。',
  error_unsupported_kind: '暂不支持该互动类型。',
  error_not_open: '抱歉，投票已结束。',
  error_already_closed: '抱歉，投票已结束。',
  error_option_out_of_range: '请选择有效的选项。',
  error_already_voted: '你已经投过票了。',
  error_too_late: '太晚了：时间已到。',
  error_not_current: '这道题目前没有开放。',
  error_rate_limited: '操作太频繁，请稍后再试。',
  error_internal: '服务器开小差了，请重试。',
};

export const viewerMessages: Catalogues<ViewerMessages> = { en, 'zh-CN': zhCN };
