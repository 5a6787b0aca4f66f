import type { GoalMetric } from '@oncue/protocol';
import { interactionMessages, type InteractionMessages } from '../shared/interaction-messages.js';
import type { Catalogues } from '../shared/localize.js';

/** What `<oncue-goal>` says. */
const en = {
  /** `n` of a metric, for the count and the default title. */
  metricCount: (metric: GoalMetric, n: number, formatted: string) =>
    metric === 'cheers'
      ? `${formatted} ${n === 1 ? 'heart' : 'hearts'}`
      : metric === 'interactions'
        ? `${formatted} ${n === 1 ? 'interaction' : 'interactions'}`
        : `${formatted} ${n === 1 ? 'person taking part' : 'people taking part'}`,
  defaultTitle: (target: string) => `Goal: ${target}`,
  progressOf: (progress: string, target: string) => `${progress} of ${target}`,
  endsIn: (time: string) => `Ends in ${time}`,
  reached: 'Goal reached!',
  unlocksGiveaway: 'Reach it to unlock a giveaway',
  unlocksCoupon: 'Reach it to unlock a coupon code',
  unlocksMessage: 'Reach it for a surprise',
  giveawayOn: 'The giveaway is on',
  couponFor: 'Your coupon code:',
  copy: 'Copy code',
  copied: 'Copied',
  expired: 'Time’s up: the goal was not reached.',
};

type OwnGoalMessages = typeof en;
export type GoalMessages = InteractionMessages & OwnGoalMessages;

/** Simplified Chinese. */
const zhCN: OwnGoalMessages = {
  metricCount: (metric, _n, formatted) =>
    metric === 'cheers' ? `${formatted} 个赞` : metric === 'interactions' ? `${formatted} 次互动` : `${formatted} 人参与`,
  defaultTitle: (target) => `目标：${target}`,
  progressOf: (progress, target) => `${progress} / ${target}`,
  endsIn: (time) => `${time} 后结束`,
  reached: '目标达成！',
  unlocksGiveaway: '达成即开启抽奖',
  unlocksCoupon: '达成即公布优惠码',
  unlocksMessage: '达成有惊喜',
  giveawayOn: '抽奖开始了',
  couponFor: '你的优惠码：',
  copy: '复制优惠码',
  copied: '已复制',
  expired: '时间到，目标未达成。',
};

export const goalMessages: Catalogues<GoalMessages> = {
  en: { ...interactionMessages.en, ...en },
  'zh-CN': { ...(interactionMessages['zh-CN'] as InteractionMessages), ...zhCN },
};
