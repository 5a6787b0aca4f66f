import { connectionMessages, type ConnectionMessages } from '../shared/connection-messages.js';
import type { Catalogues } from '../shared/localize.js';

/** What `<oncue-cheer>` says. */
const en = {
  cheer: 'Send a heart',
  cheers: (n: number, formatted: string) => `${formatted} ${n === 1 ? 'heart' : 'hearts'}`,
  keptOffline: 'What you tap now is kept and sent when the connection is back.',
};

type OwnCheerMessages = typeof en;
export type CheerMessages = ConnectionMessages & OwnCheerMessages;

/** Simplified Chinese. */
const zhCN: OwnCheerMessages = {
  cheer: '点赞',
  cheers: (_n, formatted) => `${formatted} 个赞`,
  keptOffline: '现在的操作会先保存，连接恢复后自动发送。',
};

export const cheerMessages: Catalogues<CheerMessages> = {
  en: { ...connectionMessages.en, ...en },
  'zh-CN': { ...(connectionMessages['zh-CN'] as ConnectionMessages), ...zhCN },
};
