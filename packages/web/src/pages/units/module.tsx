import { BankOutlined, ClusterOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { CommitteePage } from './committee-page';
import { MyUnitPage } from './my-unit-page';
import { UnitsPage } from './units-page';
import { unitsText as t } from './units.text';
import { ZonesPage } from './zones-page';

export const unitsModule: WebModule = {
  name: 'units',
  pages: [
    {
      path: 'units',
      element: <UnitsPage />,
      permission: ['cobuild.read'],
      menu: { group: 'co-building', label: t.registry.menu, icon: <ShopOutlined /> },
    },
    {
      path: 'units/committee',
      element: <CommitteePage />,
      permission: ['cobuild.read'],
      menu: { group: 'co-building', label: t.committee.menu, icon: <TeamOutlined /> },
    },
    {
      path: 'units/zones',
      element: <ZonesPage />,
      permission: ['cobuild.read'],
      menu: { group: 'co-building', label: t.zones.menu, icon: <ClusterOutlined /> },
    },
    {
      path: 'units/mine',
      element: <MyUnitPage />,
      permission: ['cobuild.unit'],
      menu: { group: 'co-building', label: t.mine.menu, icon: <BankOutlined /> },
    },
  ],
};
