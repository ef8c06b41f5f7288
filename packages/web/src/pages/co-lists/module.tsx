import { ProfileOutlined, ShopOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { CoListsPage } from './co-lists-page';
import { coListsText as t } from './co-lists.text';
import { UnitCoListsPage } from './unit-page';

/** 三张清单: needs, resources, projects and proposed matches; the unit liaison's claims and resources. */
export const coListsModule: WebModule = {
  name: 'co-lists',
  pages: [
    {
      path: 'co-lists',
      element: <CoListsPage />,
      permission: ['cobuild.read'],
      menu: { group: 'co-building', label: t.menu.lists, icon: <ProfileOutlined /> },
    },
    {
      path: 'co-lists/unit',
      element: <UnitCoListsPage />,
      permission: ['cobuild.unit'],
      menu: { group: 'co-building', label: t.menu.unit, icon: <ShopOutlined /> },
    },
  ],
};
