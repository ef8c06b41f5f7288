import { BellOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { NotificationsPage } from './notifications-page';
import { notificationsText as t } from './notifications.text';

/** 站内消息: every account's own messages; the header's bell links here. */
export const notificationsModule: WebModule = {
  name: 'notifications',
  pages: [
    {
      path: 'notifications',
      element: <NotificationsPage />,
      permission: [],
      menu: { group: 'workbench', label: t.title, icon: <BellOutlined /> },
    },
  ],
};
