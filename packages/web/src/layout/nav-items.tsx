import type { Permission } from '@gongjian/shared';
import type { ReactNode } from 'react';
import { PAGES } from '../modules';

/** Every permission listed is needed. */
export type NavItem = { path: string; label: string; icon: ReactNode; permission: readonly Permission[] };

/** The menu: the modules' pages that have an entry, in the modules' order (the same table as the router's). */
export const NAV_ITEMS: readonly NavItem[] = PAGES.flatMap((page) =>
  page.menu
    ? [{ path: `/${page.path}`, label: page.menu.label, icon: page.menu.icon, permission: page.permission }]
    : [],
);

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
