import { PieChartOutlined } from '@ant-design/icons';
import { MANAGING, type WebModule } from '../../modules/module';
import { NewOrgsPage } from './new-orgs-page';

export const newOrgsModule: WebModule = {
  name: 'new-orgs',
  pages: [
    {
      path: 'new-orgs',
      element: <NewOrgsPage />,
      permission: MANAGING,
      menu: { group: 'organisation', label: '两新组织覆盖', icon: <PieChartOutlined /> },
    },
  ],
};
