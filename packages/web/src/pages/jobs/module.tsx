import { FieldTimeOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { JobsPage } from './jobs-page';

export const jobsModule: WebModule = {
  name: 'jobs',
  pages: [
    {
      path: 'jobs',
      element: <JobsPage />,
      permission: ['system.jobs'],
      menu: { group: 'system', label: '定时任务', icon: <FieldTimeOutlined /> },
    },
  ],
};
