import { ProfileOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { CoListsPage } from './co-lists-page';
import { coListsText as t } from './co-lists.text';

/** 三张清单: needs, resources, projects and proposed matches (the liaison's part: unit-sections.ts). */
export const coListsModule: WebModule = {
  name: 'co-lists',
  pages: [
    {
      path: 'co-lists',
      element: <CoListsPage />,
      permission: ['cobuild.read'],
      menu: { group: 'co-building', label: t.menu.lists, icon: <ProfileOutlined /> },
    },
  ],
};
