import { connectionMessages, type ConnectionMessages } from '../shared/connection-messages.js';
import type { Catalogues } from '../shared/localize.js';

/** What `<oncue-stage>` says (and the connection notices). */
const en = {
  waiting: 'Waiting for the host…',
  /** The folded stage's pill: what is on stage first, e.g. "Poll live · 0:42"; `more` others besides. */
  pill: (name: string, open: boolean, time: string, more: number) => `${name} ${open ? 'live' : 'results'}${time && ` · ${time}`}${more ? ` · +${more}` : ''}`,
  hideStage: 'Hide',
  switcher: 'Live interactions',
  fresh: 'New',
  dismiss: 'Dismiss',
  /** The name of a kind registered without one. */
  interaction: 'Interaction',
  widgetLoadFailed: 'This part of the live page could not be loaded. Retrying…',
};

type OwnStageMessages = typeof en;
export type StageMessages = ConnectionMessages & OwnStageMessages;

/** Simplified Chinese. */
const zhCN: OwnStageMessages = {
  waiting: '等待主播发起互动…',
  pill: (name, open, time, more) => `${name}${open ? '进行中' : '结果'}${time && ` · ${time}`}${more ? ` · +${more}` : ''}`,
  hideStage: '收起',
  switcher: '直播互动',
  fresh: '新',
  dismiss: '关闭',
  interaction: '互动',
  widgetLoadFailed: '这部分互动内容加载失败，正在重试…',
};

export const stageMessages: Catalogues<StageMessages> = {
  en: { ...connectionMessages.en, ...en },
  'zh-CN': { ...(connectionMessages['zh-CN'] as ConnectionMessages), ...zhCN },
};
