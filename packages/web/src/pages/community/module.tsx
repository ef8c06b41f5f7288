import { CarOutlined, HomeOutlined, UserOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { FloatingPage } from './floating-page';
import { InServicePage } from './in-service-page';
import { SelfRegisterPage } from './self-register-page';

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
    {
      path: 'my-registration',
      element: <SelfRegisterPage />,
      permission: ['self.in_service'],
      menu: { group: 'members', label: '我的社区报到', icon: <UserOutlined /> },
    },
  ],
};
