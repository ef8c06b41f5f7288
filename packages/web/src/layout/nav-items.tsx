import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
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

/** Every permission listed is needed. */
export type NavItem = { path: string; label: string; icon: ReactNode; permission: readonly Permission[] };

/**
 * The organisation checks and figures are for those who run the organisations (every role that manages members);
 * a 党员 account reads its own branch only in 组织体系 and acts for itself in 我的社区报到.
 */
export const MANAGING: readonly Permission[] = ['org.read', 'member.read'];

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/orgs', label: layoutText.menu.orgs, icon: <ApartmentOutlined />, permission: ['org.read'] },
  { path: '/figures', label: layoutText.menu.figures, icon: <DashboardOutlined />, permission: MANAGING },
  { path: '/org-rules', label: layoutText.menu.rules, icon: <SafetyCertificateOutlined />, permission: MANAGING },
  { path: '/terms', label: layoutText.menu.terms, icon: <CalendarOutlined />, permission: MANAGING },
  { path: '/new-orgs', label: layoutText.menu.newOrgs, icon: <PieChartOutlined />, permission: MANAGING },
  { path: '/members', label: layoutText.menu.members, icon: <IdcardOutlined />, permission: ['member.read'] },
  { path: '/members/due', label: layoutText.menu.due, icon: <AlertOutlined />, permission: ['member.read'] },
  { path: '/transfers', label: layoutText.menu.transfers, icon: <SwapOutlined />, permission: ['member.read'] },
  { path: '/floating', label: layoutText.menu.floating, icon: <CarOutlined />, permission: ['member.read'] },
  { path: '/in-service', label: layoutText.menu.inService, icon: <HomeOutlined />, permission: ['member.read'] },
  {
    path: '/my-registration',
    label: layoutText.menu.myRegistration,
    icon: <UserOutlined />,
    permission: ['self.in_service'],
  },
  { path: '/accounts', label: layoutText.menu.accounts, icon: <TeamOutlined />, permission: ['account.read'] },
  { path: '/audit', label: layoutText.menu.audit, icon: <AuditOutlined />, permission: ['audit.read'] },
  { path: '/jobs', label: layoutText.menu.jobs, icon: <FieldTimeOutlined />, permission: ['system.jobs'] },
];

export function navItemsFor(permissions: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.permission.every((p) => permissions.includes(p)));
}

/** Where `/` leads: a 党员 account to its own registration, everyone else to the first screen they may open. */
export function homeFor(permissions: readonly string[]): NavItem | undefined {
  const items = navItemsFor(permissions);
  if (!permissions.includes('member.read')) {
    const own = items.find((item) => item.path === '/my-registration');
    if (own) return own;
  }
  return items[0];
}
