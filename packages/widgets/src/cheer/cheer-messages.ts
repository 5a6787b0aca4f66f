import { interactionMessages, type InteractionMessages } from '../shared/interaction-messages.js';
import type { Catalogues } from '../shared/localize.js';

/** What `<oncue-cheer>` says. */
const en = {
  cheer: 'Send a heart',
  cheers: (n: number, formatted: string) => `${formatted} ${n === 1 ? 'heart' : 'hearts'}`,
};

type OwnCheerMessages = typeof en;
export type CheerMessages = InteractionMessages & OwnCheerMessages;

/** Simplified Chinese. */
const zhCN: OwnCheerMessages = {
  cheer: '点赞',
  cheers: (_n, formatted) => `${formatted} 个赞`,
};

export const cheerMessages: Catalogues<CheerMessages> = {
  en: { ...interactionMessages.en, ...en },
  'zh-CN': { ...(interactionMessages['zh-CN'] as InteractionMessages), ...zhCN },
};
