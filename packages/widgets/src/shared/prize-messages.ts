import type { Catalogues } from './localize.js';

/** What the kinds with prizes (a giveaway, a blind box) say alike: the claim, its fields, the check. */
const en = {
  claimBy: (time: string) => `Claim within ${time}`,
  claimPrize: 'Claim prize',
  claimFieldMissing: 'Please fill this in.',
  claimFieldTooLong: (max: number) => `Please keep it to ${max} characters.`,
  claimed: 'Prize claimed. The host will be in touch.',
  claimExpired: 'The time to claim this prize is over.',
  verifying: 'Checking…',
  youNamed: (name: string) => `${name} (you)`,
};

export type PrizeMessages = typeof en;

/** Simplified Chinese. */
const zhCN: PrizeMessages = {
  claimBy: (time) => `请在 ${time} 内领奖`,
  claimPrize: '领取奖品',
  claimFieldMissing: '请填写此项。',
  claimFieldTooLong: (max) => `请不要超过 ${max} 个字符。`,
  claimed: '已领奖，主播会尽快联系你。',
  claimExpired: '领奖时间已过。',
  verifying: '验证中…',
  youNamed: (name) => `${name}（你）`,
};

export const prizeMessages: Catalogues<PrizeMessages> = { en, 'zh-CN': zhCN };
