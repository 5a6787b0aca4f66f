import { connectionMessages, type ConnectionMessages } from '../shared/connection-messages.js';
import type { Catalogues } from '../shared/localize.js';

/** What `<oncue-stage>` says (and the connection notices). */
const en = {
  waiting: 'Waiting for the host…',
  showStage: (n: number) => (n === 1 ? 'Show the live interaction' : `Show ${n} live interactions`),
  hideStage: 'Hide',
  widgetLoadFailed: 'This part of the live page could not be loaded. Retrying…',
};

type OwnStageMessages = typeof en;
export type StageMessages = ConnectionMessages & OwnStageMessages;

/** Simplified Chinese. */
const zhCN: OwnStageMessages = {
  waiting: '等待主播发起互动…',
  showStage: (n) => `展开互动（${n}）`,
  hideStage: '收起',
  widgetLoadFailed: '这部分互动内容加载失败，正在重试…',
};

export const stageMessages: Catalogues<StageMessages> = {
  en: { ...connectionMessages.en, ...en },
  'zh-CN': { ...(connectionMessages['zh-CN'] as ConnectionMessages), ...zhCN },
};
