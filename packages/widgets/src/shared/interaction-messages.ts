import type { ErrorCode } from '@oncue/protocol';
import { connectionMessages, type ConnectionMessages } from './connection-messages.js';
import type { Catalogues, Localize } from './localize.js';

/** `m:ss` (or `h:mm:ss`) for countdowns. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** What every kind's element may say: loading, sending, statuses, and each refusal (`error_<code>`). Kept out of the
 * loader: only the kinds' chunks use it. */
const en = {
  loading: 'Loading…',
  draft: 'Not started yet',
  open: 'Voting open',
  closed: 'Voting closed',
  closesIn: (time: string) => `Closes in ${time}`,
  closing: 'Closing…',
  submit: 'Vote',
  sending: 'Sending…',
  keptOffline: 'What you tap now is kept and sent when the connection is back.',
  error_bad_request: 'Something went wrong with that request. Please try again.',
  error_payload_too_large: 'That was too much to send.',
  error_unauthorized: 'Your session has expired. Please reload the page.',
  error_unknown_room: 'This live room doesn’t exist.',
  error_unknown_interaction: 'This poll no longer exists.',
  error_unsupported_kind: 'This kind of interaction isn’t supported here.',
  error_not_open: 'Sorry, voting has closed.',
  error_already_closed: 'Sorry, voting has closed.',
  error_option_out_of_range: 'Please choose a valid option.',
  error_already_taken_part: 'You have already taken part.',
  error_too_late: 'Time is up for this question.',
  error_not_current: 'That question is not open.',
  error_not_eligible: 'This giveaway is only for viewers who took part earlier.',
  error_not_winner: 'Only winners can claim a prize.',
  error_already_claimed: 'This prize has already been claimed.',
  error_claim_expired: 'Sorry, the time to claim this prize is over.',
  error_rate_limited: 'Too fast! Please wait a moment and try again.',
  error_signed_viewer_required: 'Sign in to take part in this one.',
  error_unknown_goal: 'That goal is no longer there.',
  error_not_earned: 'You have not earned this reward.',
  error_flagged: 'Rewards are paused for this account: its activity looks automated.',
  error_internal: 'Something went wrong on our side. Please try again.',
  error_outbox_full: 'Too many actions are still being sent. Please wait a moment and try again.',
  you: 'You',
} satisfies Record<Exclude<`error_${ErrorCode}`, 'error_bad_viewer_token'>, string> & Record<string, unknown>;

type OwnInteractionMessages = typeof en;
export type InteractionMessages = ConnectionMessages & OwnInteractionMessages;

/** Simplified Chinese. */
const zhCN: OwnInteractionMessages = {
  loading: '加载中…',
  draft: '尚未开始',
  open: '投票进行中',
  closed: '投票已结束',
  closesIn: (time) => `${time} 后结束`,
  closing: '即将结束…',
  submit: '投票',
  sending: '提交中…',
  keptOffline: '现在的操作会先保存，连接恢复后自动发送。',
  error_bad_request: '请求出错了，请重试。',
  error_payload_too_large: '提交的内容过多。',
  error_unauthorized: '登录已失效，请刷新页面。',
  error_unknown_room: '该直播间不存在。',
  error_unknown_interaction: '该投票已不存在。',
  error_unsupported_kind: '暂不支持该互动类型。',
  error_not_open: '抱歉，投票已结束。',
  error_already_closed: '抱歉，投票已结束。',
  error_option_out_of_range: '请选择有效的选项。',
  error_already_taken_part: '你已经参与过了。',
  error_too_late: '这道题的答题时间已到。',
  error_not_current: '这道题目前没有开放。',
  error_not_eligible: '本次抽奖仅限参与过之前互动的观众。',
  error_not_winner: '只有中奖者才能领奖。',
  error_already_claimed: '该奖品已被领取。',
  error_claim_expired: '抱歉，领奖时间已过。',
  error_rate_limited: '操作太频繁，请稍后再试。',
  error_signed_viewer_required: '请先登录再参与。',
  error_unknown_goal: '这个目标已不存在。',
  error_not_earned: '你还没有获得这个奖励。',
  error_flagged: '该账号的操作疑似自动化，奖励暂停发放。',
  error_internal: '服务器开小差了，请重试。',
  error_outbox_full: '还有太多操作正在发送，请稍候再试。',
  you: '你',
};

export const interactionMessages: Catalogues<InteractionMessages> = {
  en: { ...connectionMessages.en, ...en },
  'zh-CN': { ...(connectionMessages['zh-CN'] as ConnectionMessages), ...zhCN },
};

/**
 * The words of a refusal for one kind: its own wording of the code (`<own><code>`, e.g. `pollError_already_taken_part`:
 * "You have already voted."), else the shared `error_<code>`, else `error_internal` (a code this version does not know).
 * `t` is the kind's translate function.
 */
export function refusalText(t: Localize<InteractionMessages>['t'], own: string, code: string): string {
  const say = t as unknown as (key: string) => string;
  return say(`${own}${code}`) || say(`error_${code}`) || say('error_internal');
}
