import { AuditOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { AppraisalDetailPage } from './appraisal-detail-page';
import { AppraisalsPage } from './appraisals-page';

export const appraisalModule: WebModule = {
  name: 'appraisal',
  pages: [
    {
      path: 'appraisal',
      element: <AppraisalsPage />,
      permission: ['orglife.read'],
      menu: { group: 'org-life', label: '民主评议', icon: <AuditOutlined /> },
    },
    { path: 'appraisal/:id', element: <AppraisalDetailPage />, permission: ['orglife.read'] },
  ],
};
