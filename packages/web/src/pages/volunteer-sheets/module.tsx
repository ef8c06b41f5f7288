import { FileTextOutlined, OrderedListOutlined, SlidersOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { VolunteerRankingPage } from './ranking-page';
import { VolunteerRulesPage } from './rules-page';
import { ResidenceSheetsPage } from './sheets-page';

export const volunteerSheetsModule: WebModule = {
  name: 'volunteer-sheets',
  pages: [
    {
      path: 'residence-sheets',
      element: <ResidenceSheetsPage />,
      permission: ['volunteer.read'],
      menu: { group: 'volunteering', label: '在职党员反馈表', icon: <FileTextOutlined /> },
    },
    {
      path: 'volunteer-ranking',
      element: <VolunteerRankingPage />,
      permission: ['volunteer.read', 'org.read'],
      menu: { group: 'volunteering', label: '志愿服务排行', icon: <OrderedListOutlined /> },
    },
    {
      path: 'volunteer-rules',
      element: <VolunteerRulesPage />,
      permission: ['volunteer.read', 'org.read'],
      menu: { group: 'volunteering', label: '志愿服务规则', icon: <SlidersOutlined /> },
    },
  ],
};
