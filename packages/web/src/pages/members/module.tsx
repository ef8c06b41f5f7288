import { AlertOutlined, IdcardOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { DuePage } from './due-page';
import { ImportPage } from './import-page';
import { MemberDetailPage } from './member-detail-page';
import { MembersPage } from './members-page';

export const membersModule: WebModule = {
  name: 'members',
  pages: [
    {
      path: 'members',
      element: <MembersPage />,
      permission: ['member.read'],
      menu: { group: 'members', label: '党员名册', icon: <IdcardOutlined /> },
    },
    {
      path: 'members/due',
      element: <DuePage />,
      permission: ['member.read'],
      menu: { group: 'members', label: '转正提醒', icon: <AlertOutlined /> },
    },
    { path: 'members/import', element: <ImportPage />, permission: ['member.write'], title: '导入花名册' },
    { path: 'members/:id', element: <MemberDetailPage />, permission: ['member.read'] },
  ],
};
