import { DashboardOutlined } from '@ant-design/icons';
import { MANAGING, type WebModule } from '../../modules/module';
import { FiguresPage } from './figures-page';

export const figuresModule: WebModule = {
  name: 'figures',
  pages: [
    {
      path: 'figures',
      element: <FiguresPage />,
      permission: MANAGING,
      menu: { group: 'data', label: '数据概览', icon: <DashboardOutlined /> },
    },
  ],
};
