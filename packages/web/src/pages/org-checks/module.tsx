import { CalendarOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { MANAGING, type WebModule } from '../../modules/module';
import { RulesPage } from './rules-page';
import { TermsPage } from './terms-page';

export const orgChecksModule: WebModule = {
  name: 'org-checks',
  pages: [
    {
      path: 'org-rules',
      element: <RulesPage />,
      permission: MANAGING,
      menu: { group: 'organisation', label: '组织设置检查', icon: <SafetyCertificateOutlined /> },
    },
    {
      path: 'terms',
      element: <TermsPage />,
      permission: MANAGING,
      menu: { group: 'organisation', label: '换届提醒', icon: <CalendarOutlined /> },
    },
  ],
};
