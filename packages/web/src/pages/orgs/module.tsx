import { ApartmentOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { OrgsPage } from './orgs-page';

export const orgsModule: WebModule = {
  name: 'orgs',
  pages: [
    {
      path: 'orgs',
      element: <OrgsPage />,
      permission: ['org.read'],
      menu: { group: 'organisation', label: '党组织', icon: <ApartmentOutlined /> },
    },
  ],
};
