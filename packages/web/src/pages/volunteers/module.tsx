import { AuditOutlined, CalendarOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { ActivitiesPage } from './activities-page';
import { ActivityPage } from './activity-page';
import { ConfirmationsPage } from './confirmations-page';
import { VolunteerFilePage } from './file-page';
import { ResidentsPage } from './residents-page';
import { TeamsPage } from './teams-page';
import { vt } from './volunteers.text';

export const volunteersModule: WebModule = {
  name: 'volunteers',
  pages: [
    {
      path: 'volunteers/activities',
      element: <ActivitiesPage />,
      permission: ['volunteer.read'],
      menu: { group: 'volunteering', label: vt.menu.activities, icon: <CalendarOutlined /> },
    },
    { path: 'volunteers/activities/:id', element: <ActivityPage />, permission: ['volunteer.read'], title: '活动详情' },
    {
      path: 'volunteers/teams',
      element: <TeamsPage />,
      permission: ['volunteer.read'],
      menu: { group: 'volunteering', label: vt.menu.teams, icon: <TeamOutlined /> },
    },
    {
      path: 'volunteers/confirmations',
      element: <ConfirmationsPage />,
      permission: ['volunteer.read'],
      menu: { group: 'volunteering', label: vt.menu.confirmations, icon: <AuditOutlined /> },
    },
    {
      path: 'volunteers/residents',
      element: <ResidentsPage />,
      permission: ['volunteer.read'],
      menu: { group: 'volunteering', label: vt.menu.residents, icon: <UserAddOutlined /> },
    },
    {
      path: 'volunteers/members/:id',
      element: <VolunteerFilePage kind="member" />,
      permission: ['volunteer.read'],
      title: vt.file.title,
    },
    {
      path: 'volunteers/residents/:id',
      element: <VolunteerFilePage kind="resident" />,
      permission: ['volunteer.read'],
      title: vt.file.title,
    },
  ],
};
