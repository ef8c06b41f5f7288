import { AuditOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { AuditPage } from './audit-page';

export const auditModule: WebModule = {
  name: 'audit',
  pages: [
    {
      path: 'audit',
      element: <AuditPage />,
      permission: ['audit.read'],
      menu: { group: 'system', label: '审计日志', icon: <AuditOutlined /> },
    },
  ],
};
