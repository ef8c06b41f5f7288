import { CustomerServiceOutlined, TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { QueuePage } from './queue-page';
import { RequestPage } from './request-page';
import { ResidentsPage } from './residents-page';
import { rqt } from './requests.text';

/** 服务群众: the community's queue of requests and micro-wishes, a request's page, the residents. */
export const requestsModule: WebModule = {
  name: 'requests',
  pages: [
    {
      path: 'requests',
      element: <QueuePage />,
      permission: ['serve.read'],
      menu: { group: 'service', label: rqt.menu, icon: <CustomerServiceOutlined /> },
    },
    { path: 'requests/:id', element: <RequestPage />, permission: ['serve.read'] },
    {
      path: 'residents',
      element: <ResidentsPage />,
      permission: ['serve.read'],
      menu: { group: 'service', label: rqt.residentsMenu, icon: <TeamOutlined /> },
    },
  ],
};
