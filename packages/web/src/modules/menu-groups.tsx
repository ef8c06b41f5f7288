import {
  ApartmentOutlined,
  BankOutlined,
  BarChartOutlined,
  CustomerServiceOutlined,
  DesktopOutlined,
  HeartOutlined,
  IdcardOutlined,
  ReadOutlined,
  SettingOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

/**
 * The console's menu groups, in menu order: one per domain. A page's menu entry names its group; a group shows
 * only when the account may open one of its pages, so the domains still to come take no room until they exist.
 */
export const MENU_GROUPS = [
  { key: 'workbench', label: '工作台', icon: <DesktopOutlined /> },
  { key: 'organisation', label: '组织体系', icon: <ApartmentOutlined /> },
  { key: 'members', label: '党员管理', icon: <IdcardOutlined /> },
  { key: 'volunteering', label: '志愿服务', icon: <HeartOutlined /> },
  { key: 'service', label: '服务群众', icon: <CustomerServiceOutlined /> },
  { key: 'co-building', label: '共驻共建', icon: <BankOutlined /> },
  { key: 'org-life', label: '组织生活', icon: <ReadOutlined /> },
  { key: 'assessment', label: '考核评比', icon: <TrophyOutlined /> },
  { key: 'data', label: '数据', icon: <BarChartOutlined /> },
  { key: 'system', label: '系统', icon: <SettingOutlined /> },
] as const satisfies readonly { key: string; label: string; icon: ReactNode }[];

export type MenuGroupKey = (typeof MENU_GROUPS)[number]['key'];
export type MenuGroup = (typeof MENU_GROUPS)[number];
