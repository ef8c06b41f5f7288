import { ClockCircleOutlined, FundOutlined, RiseOutlined, RollbackOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { RequestDeadlinesPage } from './deadlines-page';
import { OversightQueuePage } from './queue-page';
import { RequestRatesPage } from './rates-page';

export const requestOversightModule: WebModule = {
  name: 'request-oversight',
  pages: [
    {
      path: 'request-oversight/queue',
      element: <OversightQueuePage view="escalated" />,
      permission: ['serve.read', 'org.read'],
      menu: { group: 'service', label: '督办队列', icon: <RiseOutlined /> },
    },
    {
      path: 'request-oversight/returned',
      element: <OversightQueuePage view="returned" />,
      permission: ['serve.read', 'org.read'],
      menu: { group: 'service', label: '上级退回', icon: <RollbackOutlined /> },
    },
    {
      path: 'request-oversight/rates',
      element: <RequestRatesPage />,
      permission: ['serve.read', 'org.read'],
      menu: { group: 'service', label: '诉求“三率”', icon: <FundOutlined /> },
    },
    {
      path: 'request-oversight/deadlines',
      element: <RequestDeadlinesPage />,
      permission: ['serve.read', 'org.read'],
      menu: { group: 'service', label: '办理时限', icon: <ClockCircleOutlined /> },
    },
  ],
};
