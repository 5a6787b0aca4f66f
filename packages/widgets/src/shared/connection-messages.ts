import type { Catalogues } from './localize.js';

/** What every viewer element says about its connection to the live server (the stage and each kind). */
const en = {
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  unreachable: 'Can’t reach the live server. Retrying…',
  failed: 'Can’t connect to the live room.',
  error_bad_viewer_token: 'Your sign-in could not be verified. Please sign in again.',
};

export type ConnectionMessages = typeof en;

/** Simplified Chinese. */
const zhCN: ConnectionMessages = {
  connecting: '连接中…',
  reconnecting: '连接中断，正在重连…',
  unreachable: '无法连接直播服务器，正在重试…',
  failed: '无法连接直播间。',
  error_bad_viewer_token: '无法验证你的登录状态，请重新登录。',
};

export const connectionMessages: Catalogues<ConnectionMessages> = { en, 'zh-CN': zhCN };
