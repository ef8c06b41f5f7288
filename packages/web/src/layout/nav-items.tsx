import type { Permission } from '@gongjian/shared';
import type { ReactNode } from 'react';
import { matchRoutes } from 'react-router';
import { PAGES } from '../modules';
import { MENU_GROUPS, type MenuGroup } from '../modules/menu-groups';
import type { PageRoute } from '../modules/module';
import { layoutText } from './layout.text';

/** A page of the menu. Every permission listed is needed. */
export type NavItem = {
  path: string;
  label: string;
  icon: ReactNode;
  group: MenuGroup;
  permission: readonly Permission[];
};

/** A group of the menu with the pages of it an account may open. */
export type NavGroup = MenuGroup & { items: NavItem[] };

const GROUPS = new Map<string, MenuGroup>(MENU_GROUPS.map((group) => [group.key, group]));

const itemOf = (page: PageRoute): NavItem | undefined =>
  page.menu && {
    path: `/${page.path}`,
    label: page.menu.label,
    icon: page.menu.icon,
    group: GROUPS.get(page.menu.group) as MenuGroup,
    permission: page.permission,
  };

/** The pages that have a menu entry, in the modules' order (the same table as the router's). */
export const NAV_ITEMS: readonly NavItem[] = PAGES.flatMap((page) => itemOf(page) ?? []);

export function navItemsFor(permissions: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.permission.every((p) => permissions.includes(p)));
}

/** The account's menu: the groups in their order, each with its pages in the modules' order; empty groups left out. */
export function navGroupsFor(permissions: readonly string[]): NavGroup[] {
  const items = navItemsFor(permissions);
  return MENU_GROUPS.map((group) => ({ ...group, items: items.filter((item) => item.group.key === group.key) })).filter(
    (group) => group.items.length > 0,
  );
}

/** The phone pages, a separate app served beside the console. */
export const PHONE_HOME = '/m/';

/**
 * Where `/` leads. A 党员 account acting for itself (no `member.read`) to the phone pages; everyone else to the first
 * page of their menu: the workbench for those who run organisations.
 */
export type Home = { app: 'phone' } | { app: 'console'; path: string } | { app: 'none' };

export function homeFor(permissions: readonly string[]): Home {
  if (!permissions.includes('member.read')) return { app: 'phone' };
  const first = navGroupsFor(permissions)[0]?.items[0];
  return first ? { app: 'console', path: first.path } : { app: 'none' };
}

/** Where a path is in the console: its page, the menu page that page belongs to, and that page's group. */
export type Place = { page: PageRoute; item: NavItem | undefined };

const ROUTES = PAGES.map((page) => ({ path: page.path, page }));

/** A page without a menu entry belongs to the menu page with the longest path its own path starts with. */
function menuPageOf(page: PageRoute): NavItem | undefined {
  const own = itemOf(page);
  if (own) return own;
  return NAV_ITEMS.filter((item) => `/${page.path}`.startsWith(`${item.path}/`)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
}

/** The route table's page for a path (React Router's ranking: `members/due` before `members/:id`). */
export function placeOf(pathname: string): Place | undefined {
  const page = matchRoutes(ROUTES, pathname)?.at(-1)?.route.page;
  return page && { page, item: menuPageOf(page) };
}

/** One step of the breadcrumb: a link when `path` is given. */
export type Crumb = { label: string; path?: string };

/**
 * 群组 / 页面, or 群组 / 页面 / 详情 for a page under a menu page (`members/:id`: the roster as a link, then 详情).
 * The group is left out where it would only repeat the page's name (工作台).
 */
export function crumbsOf(place: Place): Crumb[] {
  const { page, item } = place;
  const own = page.menu?.label;
  const crumbs: Crumb[] = [];
  if (item && item.group.label !== item.label) crumbs.push({ label: item.group.label });
  if (own) return [...crumbs, { label: own }];
  if (item) crumbs.push({ label: item.label, path: item.path });
  return [...crumbs, { label: page.title ?? layoutText.detail }];
}
