import { ScheduleOutlined } from '@ant-design/icons';
import { MANAGING, type WebModule } from '../../modules/module';
import { WorkbenchPage } from './workbench-page';
import { workbenchText as t } from './workbench.text';

/** First in the menu: where those who run organisations land (a 党员 account goes to the phone pages). */
export const workbenchModule: WebModule = {
  name: 'workbench',
  pages: [
    {
      path: 'workbench',
      element: <WorkbenchPage />,
      permission: MANAGING,
      menu: { group: 'workbench', label: t.title, icon: <ScheduleOutlined /> },
    },
  ],
};
