import { AccountBookOutlined, WarningOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { DuesPage } from './dues-page';
import { LapsedPage } from './lapsed-page';

export const duesModule: WebModule = {
  name: 'dues',
  pages: [
    {
      path: 'dues',
      element: <DuesPage />,
      permission: ['orglife.read'],
      menu: { group: 'org-life', label: '党费收缴', icon: <AccountBookOutlined /> },
    },
    {
      path: 'dues/lapsed',
      element: <LapsedPage />,
      permission: ['orglife.read'],
      menu: { group: 'org-life', label: '组织关系预警', icon: <WarningOutlined /> },
    },
  ],
};
