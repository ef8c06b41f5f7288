import { CarOutlined, HomeOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { FloatingPage } from './floating-page';
import { InServicePage } from './in-service-page';

export const communityModule: WebModule = {
  name: 'community',
  pages: [
    {
      path: 'floating',
      element: <FloatingPage />,
      permission: ['member.read'],
      menu: { group: 'members', label: '流动党员', icon: <CarOutlined /> },
    },
    {
      path: 'in-service',
      element: <InServicePage />,
      permission: ['member.read'],
      menu: { group: 'members', label: '在职党员报到', icon: <HomeOutlined /> },
    },
  ],
};
