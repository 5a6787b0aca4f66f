import type { GoalMetric } from '@oncue/protocol';
import type { Catalogues } from '../shared/localize.js';
import { hostMessages, type HostMessages } from './host-messages.js';

/** What the host console's room goals say (`<oncue-goal-panel>`). */
const en = {
  goals: 'Room goals',
  newGoal: 'Set a goal',
  goalTitle: 'Title (optional)',
  goalTitlePlaceholder: '10,000 likes unlock the giveaway',
  metric: 'What counts',
  metricName: (metric: GoalMetric): string =>
    metric === 'cheers' ? 'Hearts (likes)' : metric === 'interactions' ? 'Valid interactions' : 'Viewers taking part',
  target: 'Target',
  deadline: 'Deadline in minutes (optional)',
  goalAction: 'When it is reached',
  actionLaunch: 'Launch a draft',
  actionCoupon: 'Reveal a coupon code',
  actionMessage: 'Show a message',
  draftToLaunch: 'Draft to launch',
  noDrafts: 'No drafts in this room yet: save a giveaway as a draft first.',
  couponCode: 'Coupon code',
  goalMessage: 'Message',
  setGoal: 'Set goal',
  targetInvalid: (max: number) => `Enter a whole number from 1 to ${max}.`,
  minutesInvalid: (max: number) => `Enter a whole number of minutes from 1 to ${max}, or leave it empty.`,
  draftMissing: 'Choose the draft to launch.',
  textMissing: 'Please fill this in.',
  textTooLong: (max: number) => `Please keep it to ${max} characters.`,
  noGoals: 'No goals in this room yet.',
  goalProgress: (progress: string, target: string) => `${progress} / ${target}`,
  goalEndsAt: (time: string) => `until ${time}`,
  cancelGoal: 'Cancel goal',
  cancelGoalNamed: (name: string) => `Cancel goal: ${name}`,
  goalStatus_active: 'Active',
  goalStatus_reached: 'Reached',
  goalStatus_expired: 'Expired',
  goalStatus_cancelled: 'Cancelled',
};

type OwnGoalPanelMessages = typeof en;
export type GoalPanelMessages = HostMessages & OwnGoalPanelMessages;

/** Simplified Chinese. */
const zhCN: OwnGoalPanelMessages = {
  goals: '直播间目标',
  newGoal: '设置目标',
  goalTitle: '标题（可选）',
  goalTitlePlaceholder: '点赞破万开启抽奖',
  metric: '统计内容',
  metricName: (metric) => (metric === 'cheers' ? '点赞数' : metric === 'interactions' ? '有效互动次数' : '参与人数'),
  target: '目标值',
  deadline: '截止时间（分钟，可选）',
  goalAction: '达成后',
  actionLaunch: '发起一个草稿',
  actionCoupon: '公布优惠码',
  actionMessage: '显示一条消息',
  draftToLaunch: '要发起的草稿',
  noDrafts: '本直播间还没有草稿：请先把抽奖保存为草稿。',
  couponCode: '优惠码',
  goalMessage: '消息',
  setGoal: '设置目标',
  targetInvalid: (max) => `请输入 1 到 ${max} 之间的整数。`,
  minutesInvalid: (max) => `请输入 1 到 ${max} 之间的整数分钟，或留空。`,
  draftMissing: '请选择要发起的草稿。',
  textMissing: '请填写此项。',
  textTooLong: (max) => `请不要超过 ${max} 个字符。`,
  noGoals: '本直播间还没有目标。',
  goalProgress: (progress, target) => `${progress} / ${target}`,
  goalEndsAt: (time) => `截止 ${time}`,
  cancelGoal: '取消目标',
  cancelGoalNamed: (name) => `取消目标：${name}`,
  goalStatus_active: '进行中',
  goalStatus_reached: '已达成',
  goalStatus_expired: '已过期',
  goalStatus_cancelled: '已取消',
};

export const goalPanelMessages: Catalogues<GoalPanelMessages> = {
  en: { ...hostMessages.en, ...en },
  'zh-CN': { ...(hostMessages['zh-CN'] as HostMessages), ...zhCN },
};
