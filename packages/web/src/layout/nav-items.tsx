import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  PieChartOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  AlertOutlined,
  CarOutlined,
  HomeOutlined,
  IdcardOutlined,
  SwapOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '@gongjian/shared';
import type { ReactNode } from 'react';
import { layoutText } from './layout.text';

export type NavItem = { path: string; label: string; icon: ReactNode; permission: Permission };

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/orgs', label: layoutText.menu.orgs, icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/figures', label: layoutText.menu.figures, icon: <DashboardOutlined />, permission: 'org.read' },
  { path: '/org-rules', label: layoutText.menu.rules, icon: <SafetyCertificateOutlined />, permission: 'org.read' },
  { path: '/terms', label: layoutText.menu.terms, icon: <CalendarOutlined />, permission: 'org.read' },
  { path: '/new-orgs', label: layoutText.menu.newOrgs, icon: <PieChartOutlined />, permission: 'org.read' },
  { path: '/members', label: layoutText.menu.members, icon: <IdcardOutlined />, permission: 'member.read' },
  { path: '/members/due', label: layoutText.menu.due, icon: <AlertOutlined />, permission: 'member.read' },
  { path: '/transfers', label: layoutText.menu.transfers, icon: <SwapOutlined />, permission: 'member.read' },
  { path: '/floating', label: layoutText.menu.floating, icon: <CarOutlined />, permission: 'member.read' },
  { path: '/in-service', label: layoutText.menu.inService, icon: <HomeOutlined />, permission: 'member.read' },
  {
    path: '/my-registration',
    label: layoutText.menu.myRegistration,
    icon: <UserOutlined />,
    permission: 'self.in_service',
  },
  { path: '/accounts', label: layoutText.menu.accounts, icon: <TeamOutlined />, permission: 'account.read' },
  { path: '/audit', label: layoutText.menu.audit, icon: <AuditOutlined />, permission: 'audit.read' },
];

export function navItemsFor(permissions: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => permissions.includes(item.permission));
}
