import { TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { AccountsPage } from './accounts-page';

export const accountsModule: WebModule = {
  name: 'accounts',
  pages: [
    {
      path: 'accounts',
      element: <AccountsPage />,
      permission: ['account.read'],
      menu: { group: 'system', label: '账号管理', icon: <TeamOutlined /> },
    },
  ],
};
