import { AlertOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { MeetingPage } from './meeting-page';
import { MeetingsPage } from './meetings-page';
import { orgLifeText as t } from './org-life.text';
import { StandingsPage } from './standings-page';

/** 组织生活: meeting records (三会一课) and each branch's standing. */
export const orgLifeModule: WebModule = {
  name: 'org-life',
  pages: [
    {
      path: 'org-life/meetings',
      element: <MeetingsPage />,
      permission: ['orglife.read'],
      menu: { group: 'org-life', label: t.menu.meetings, icon: <ScheduleOutlined /> },
    },
    { path: 'org-life/meetings/:id', element: <MeetingPage />, permission: ['orglife.read'], title: t.form.title },
    {
      path: 'org-life/standings',
      element: <StandingsPage />,
      permission: ['orglife.read'],
      menu: { group: 'org-life', label: t.menu.standings, icon: <AlertOutlined /> },
    },
  ],
};
