import { lazy } from 'react';
import type { MobileModule } from '../../modules/module';
import { mobileText } from '../../mobile.text';

const MessagesPage = lazy(() => import('./messages-page').then((m) => ({ default: m.MessagesPage })));

const t = mobileText.messages;

/** 站内消息 on the phone: the account's messages; the bar's 消息 button and the home's unread line lead here. */
export const messagesModule: MobileModule = {
  name: 'messages',
  pages: [{ path: 'messages', title: t.title, element: <MessagesPage /> }],
  tile: { to: '/messages', label: t.tile, glyph: '信', color: '#0958d9' },
};
