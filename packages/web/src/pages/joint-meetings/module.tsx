import { CheckSquareOutlined, TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { jointText as t } from './joint-meetings.text';
import { JointMeetingPage } from './meeting-page';
import { JointMeetingsPage } from './meetings-page';
import { TasksPage } from './tasks-page';

/** 联席会议: the big committee's and zones' joint meetings and their tasks (the liaison's: unit-sections.ts). */
export const jointMeetingsModule: WebModule = {
  name: 'joint-meetings',
  pages: [
    {
      path: 'joint-meetings',
      element: <JointMeetingsPage />,
      permission: ['cobuild.read'],
      menu: { group: 'co-building', label: t.menu.meetings, icon: <TeamOutlined /> },
    },
    {
      path: 'joint-meetings/tasks',
      element: <TasksPage />,
      permission: ['cobuild.read'],
      menu: { group: 'co-building', label: t.menu.tasks, icon: <CheckSquareOutlined /> },
    },
    { path: 'joint-meetings/:id', element: <JointMeetingPage />, permission: ['cobuild.read'], title: t.form.title },
  ],
};
