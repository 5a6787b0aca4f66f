import { interactionMessages, type InteractionMessages } from '../shared/interaction-messages.js';
import type { Catalogues } from '../shared/localize.js';
import { prizeMessages, type PrizeMessages } from '../shared/prize-messages.js';

/** What `<oncue-lottery>` says (and what every kind says). */
const en = {
  lotteryUnavailable: 'This giveaway is not available.',
  lotteryDraft: 'The giveaway has not started yet.',
  lotteryOpen: 'Giveaway open',
  lotteryDrawn: 'Winners drawn',
  lotteryDrawing: 'Drawing winners…',
  lotteryOdds: (prizes: string, nPrizes: number, entries: string, nEntries: number, chance: string) =>
    `${prizes} ${nPrizes === 1 ? 'prize' : 'prizes'} · ${entries} ${nEntries === 1 ? 'entry' : 'entries'} · ${chance} chance`,
  enter: 'Enter the giveaway',
  entered: 'You’re in! Good luck.',
  notEntered: 'You did not enter this giveaway.',
  onlyParticipants: 'Open to viewers who took part in the earlier interaction.',
  winners: 'Winners',
  noWinners: 'No one entered, so there are no winners.',
  winnerRow: (id: string) => `Entry ${id}`,
  youWon: 'You won!',
  youLost: 'Not this time. Thanks for taking part!',
  redraw: (round: number) => `Redraw ${round}: prizes not claimed in time went to new winners.`,
  claimedMark: 'claimed',
  commitment: (hash: string) => `Draw committed in advance: ${hash}…`,
  verify: 'Verify the draw',
  verified: 'The draw checks out: the winners follow from the committed seed and the published entry list.',
  verifiedWon: 'The draw checks out. You won.',
  verifiedNotDrawn: 'The draw checks out. You took part but were not drawn this time.',
  verifyFailed_commitment: 'Check failed: the revealed seed does not match the commitment.',
  verifyFailed_list: 'Check failed: the published entry list is not in order.',
  verifyFailed_winners: 'Check failed: the winners do not follow from the seed and the list.',
  verifyFailed_missing: 'Check failed: your entry is missing from the list.',
  verifyError: 'Could not load the draw to check it. Please try again.',
  lotteryError_already_taken_part: 'You have already entered.',
  lotteryError_not_open: 'Sorry, entries are closed.',
  lotteryError_already_closed: 'Sorry, entries are closed.',
  lotteryError_unknown_interaction: 'This giveaway no longer exists.',
};

type OwnLotteryMessages = typeof en;
export type LotteryMessages = InteractionMessages & PrizeMessages & OwnLotteryMessages;

/** Simplified Chinese. */
const zhCN: OwnLotteryMessages = {
  lotteryUnavailable: '该抽奖暂不可用。',
  lotteryDraft: '抽奖尚未开始。',
  lotteryOpen: '抽奖进行中',
  lotteryDrawn: '已开奖',
  lotteryDrawing: '正在开奖…',
  lotteryOdds: (prizes, _nPrizes, entries, _nEntries, chance) => `${prizes} 个奖品 · ${entries} 人参与 · 中奖概率 ${chance}`,
  enter: '参与抽奖',
  entered: '已参与，祝你好运！',
  notEntered: '你没有参与本次抽奖。',
  onlyParticipants: '仅限参与过之前互动的观众。',
  winners: '中奖名单',
  noWinners: '无人参与，本次没有中奖者。',
  winnerRow: (id) => `参与编号 ${id}`,
  youWon: '恭喜你中奖了！',
  youLost: '很遗憾没有中奖，感谢参与！',
  redraw: (round) => `第 ${round} 次补抽：逾期未领的奖品已抽给新的中奖者。`,
  claimedMark: '已领取',
  commitment: (hash) => `开奖种子已提前承诺：${hash}…`,
  verify: '验证开奖',
  verified: '开奖验证无误：中奖者由提前承诺的种子和公布的参与名单计算得出。',
  verifiedWon: '开奖验证无误。你中奖了。',
  verifiedNotDrawn: '开奖验证无误。你参与了抽奖，但这次没有被抽中。',
  verifyFailed_commitment: '验证失败：公布的种子与承诺不符。',
  verifyFailed_list: '验证失败：公布的参与名单顺序不正确。',
  verifyFailed_winners: '验证失败：中奖者与种子和名单的计算结果不符。',
  verifyFailed_missing: '验证失败：名单中没有你的参与记录。',
  verifyError: '无法加载开奖数据，请重试。',
  lotteryError_already_taken_part: '你已经参与过了。',
  lotteryError_not_open: '抱歉，抽奖已截止。',
  lotteryError_already_closed: '抱歉，抽奖已截止。',
  lotteryError_unknown_interaction: '该抽奖已不存在。',
};

export const lotteryMessages: Catalogues<LotteryMessages> = {
  en: { ...interactionMessages.en, ...prizeMessages.en, ...en },
  'zh-CN': { ...(interactionMessages['zh-CN'] as InteractionMessages), ...(prizeMessages['zh-CN'] as PrizeMessages), ...zhCN },
};
