import { interactionMessages, type InteractionMessages } from '../shared/interaction-messages.js';
import type { Catalogues } from '../shared/localize.js';

/** What `<oncue-quiz>` says (and what every kind says). */
const en = {
  quizUnavailable: 'This quiz is not available.',
  quizDraft: 'The quiz has not started yet.',
  quizClosed: 'Quiz over',
  questionOf: (n: number, total: number) => `Question ${n} of ${total}`,
  timeLeft: (time: string) => `Time left: ${time}`,
  timeUp: 'Time is up',
  answered: 'Answer locked in. Results come when time is up.',
  correctAnswer: 'Correct answer',
  yourAnswer: 'Your answer',
  answers: (n: number, formatted: string) => `${formatted} ${n === 1 ? 'answer' : 'answers'}`,
  youWereRight: (points: string) => `Correct! +${points} points`,
  youWereWrong: 'Wrong answer, 0 points',
  youMissed: 'You did not answer this question.',
  totalScore: (points: string) => `Your score: ${points} points`,
  nextSoon: 'Waiting for the next question…',
  nextIn: (time: string) => `Next question in ${time}`,
  previousQuestion: (n: number) => `Question ${n}`,
  leaderboard: 'Leaderboard',
  points: (n: number, formatted: string) => `${formatted} ${n === 1 ? 'point' : 'points'}`,
  player: (id: string) => `Player ${id}`,
  yourRank: (rank: string, points: string) => `You finished #${rank} with ${points} points.`,
  notRanked: 'You did not take part in this quiz.',
  quizError_unknown_interaction: 'This quiz no longer exists.',
  quizError_not_open: 'Sorry, this quiz is over.',
  quizError_already_closed: 'Sorry, this quiz is over.',
  quizError_already_taken_part: 'You have already answered this question.',
};

type OwnQuizMessages = typeof en;
export type QuizMessages = InteractionMessages & OwnQuizMessages;

/** Simplified Chinese. */
const zhCN: OwnQuizMessages = {
  quizUnavailable: '该答题暂不可用。',
  quizDraft: '答题尚未开始。',
  quizClosed: '答题已结束',
  questionOf: (n, total) => `第 ${n} 题 / 共 ${total} 题`,
  timeLeft: (time) => `剩余时间：${time}`,
  timeUp: '时间到',
  answered: '答案已锁定，时间到后公布结果。',
  correctAnswer: '正确答案',
  yourAnswer: '你的答案',
  answers: (_n, formatted) => `${formatted} 人选择`,
  youWereRight: (points) => `回答正确！+${points} 分`,
  youWereWrong: '回答错误，0 分',
  youMissed: '你没有回答这道题。',
  totalScore: (points) => `你的得分：${points} 分`,
  nextSoon: '等待下一题…',
  nextIn: (time) => `下一题 ${time} 后开始`,
  previousQuestion: (n) => `第 ${n} 题`,
  leaderboard: '排行榜',
  points: (_n, formatted) => `${formatted} 分`,
  player: (id) => `玩家 ${id}`,
  yourRank: (rank, points) => `你获得第 ${rank} 名，共 ${points} 分。`,
  notRanked: '你没有参加本次答题。',
  quizError_unknown_interaction: '该答题已不存在。',
  quizError_not_open: '抱歉，答题已结束。',
  quizError_already_closed: '抱歉，答题已结束。',
  quizError_already_taken_part: '你已经回答过这道题了。',
};

export const quizMessages: Catalogues<QuizMessages> = {
  en: { ...interactionMessages.en, ...en },
  'zh-CN': { ...(interactionMessages['zh-CN'] as InteractionMessages), ...zhCN },
};
