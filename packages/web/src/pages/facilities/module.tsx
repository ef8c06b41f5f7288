import { CalendarOutlined, ShopOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { FacilitiesPage } from './facilities-page';
import { ft } from './facilities.text';

/** 共享设施: the scope's facilities and bookings; the liaison's own unit's facilities and approvals. */
export const facilitiesModule: WebModule = {
  name: 'facilities',
  pages: [
    {
      path: 'facilities',
      element: <FacilitiesPage />,
      permission: ['cobuild.read'],
      menu: { group: 'co-building', label: ft.menu.facilities, icon: <CalendarOutlined /> },
    },
    {
      path: 'facilities/unit',
      element: <FacilitiesPage unitView />,
      permission: ['cobuild.unit'],
      menu: { group: 'co-building', label: ft.menu.unit, icon: <ShopOutlined /> },
    },
  ],
};
