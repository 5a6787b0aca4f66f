import type { CreditFlag } from '@oncue/protocol';
import { interactionMessages, type InteractionMessages } from '../shared/interaction-messages.js';
import type { Catalogues } from '../shared/localize.js';
import { prizeMessages, type PrizeMessages } from '../shared/prize-messages.js';

/** What `<oncue-milestone-badge>` says. */
const en = {
  yourBadge: 'Your badge',
  noBadgeYet: 'No badge yet',
  takePart: 'Take part in the live interactions to earn badges and rewards.',
  moreTo: (n: number, tier: string) => `${n} more to ${tier}`,
  allEarned: 'Every badge earned!',
  validCount: (n: number, formatted: string) => `${formatted} valid ${n === 1 ? 'interaction' : 'interactions'}`,
  earned: (tier: string) => `You earned the ${tier} badge!`,
  rewards: 'Your rewards',
  copy: 'Copy code',
  copied: 'Copied',
  claim: 'Claim',
  rewardClaimed: 'Claimed. The host will be in touch.',
  flagged: 'Rewards are paused for this account:',
  flag: (flag: CreditFlag): string =>
    flag === 'cheer_rate'
      ? 'hearts were sent faster than a person can tap.'
      : flag === 'shared_address'
        ? 'many accounts take part from the same network.'
        : 'actions came at machine-like regular intervals.',
};

type OwnBadgeMessages = typeof en;
export type MilestoneBadgeMessages = InteractionMessages & PrizeMessages & OwnBadgeMessages;

/** Simplified Chinese. */
const zhCN: OwnBadgeMessages = {
  yourBadge: '我的徽章',
  noBadgeYet: '还没有徽章',
  takePart: '参与直播互动即可获得徽章和奖励。',
  moreTo: (n, tier) => `还差 ${n} 次升级到 ${tier}`,
  allEarned: '所有徽章均已获得！',
  validCount: (_n, formatted) => `有效互动 ${formatted} 次`,
  earned: (tier) => `你获得了 ${tier} 徽章！`,
  rewards: '我的奖励',
  copy: '复制优惠码',
  copied: '已复制',
  claim: '领取',
  rewardClaimed: '已领取，主播会尽快联系你。',
  flagged: '该账号的奖励暂停发放：',
  flag: (flag) => (flag === 'cheer_rate' ? '点赞速度超出正常人手速。' : flag === 'shared_address' ? '同一网络下有大量账号参与。' : '操作间隔规律得像机器。'),
};

export const milestoneBadgeMessages: Catalogues<MilestoneBadgeMessages> = {
  en: { ...interactionMessages.en, ...prizeMessages.en, ...en },
  'zh-CN': { ...(interactionMessages['zh-CN'] as InteractionMessages), ...(prizeMessages['zh-CN'] as PrizeMessages), ...zhCN },
};
