import { SwapOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { TransfersPage } from './transfers-page';

export const transfersModule: WebModule = {
  name: 'transfers',
  pages: [
    {
      path: 'transfers',
      element: <TransfersPage />,
      permission: ['member.read'],
      menu: { group: 'members', label: '组织关系转接', icon: <SwapOutlined /> },
    },
  ],
};
