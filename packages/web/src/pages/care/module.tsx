import { HeartOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { CareDetailPage } from './care-detail-page';
import { CarePage } from './care-page';
import { ct } from './care.text';

export const careModule: WebModule = {
  name: 'care',
  pages: [
    {
      path: 'care',
      element: <CarePage />,
      permission: ['care.read'],
      menu: { group: 'service', label: ct.menu, icon: <HeartOutlined /> },
    },
    { path: 'care/:id', element: <CareDetailPage />, permission: ['care.read'], title: ct.detail.title },
  ],
};
