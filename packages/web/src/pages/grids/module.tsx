import { ApartmentOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { GridsPage } from './grids-page';
import { gt } from './grids.text';

export const gridsModule: WebModule = {
  name: 'grids',
  pages: [
    {
      path: 'grids',
      element: <GridsPage />,
      permission: ['serve.read'],
      menu: { group: 'service', label: gt.menu, icon: <ApartmentOutlined /> },
    },
  ],
};
