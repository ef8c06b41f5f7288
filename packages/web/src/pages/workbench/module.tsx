import { ScheduleOutlined } from '@ant-design/icons';
import { MANAGING, type WebModule } from '../../modules/module';
import { WorkbenchPage } from './workbench-page';
import { workbenchText as t } from './workbench.text';

/** First in the menu: where those who run organisations land (a 党员 account lands on its own registration). */
export const workbenchModule: WebModule = {
  name: 'workbench',
  pages: [
    {
      path: 'workbench',
      element: <WorkbenchPage />,
      permission: MANAGING,
      menu: { label: t.title, icon: <ScheduleOutlined /> },
    },
  ],
};
