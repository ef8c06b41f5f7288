import type { Permission } from '@gongjian/shared';
import type { ReactNode } from 'react';
import type { MenuGroupKey } from './menu-groups';

/**
 * A page of the console: where it lives, who may open it (every permission listed), and its menu entry if any.
 * A page without one (a record's page, a step of a workflow) belongs to the menu page its path starts with:
 * `members/:id` to `members`, which the menu selects and the breadcrumb links to.
 */
export type PageRoute = {
  /** Under the console's layout, without the leading slash: `members/:id`. */
  path: string;
  element: ReactNode;
  permission: readonly Permission[];
  /** The page's entry in its domain's group of the menu (modules/menu-groups.tsx). */
  menu?: { group: MenuGroupKey; label: string; icon: ReactNode };
  /** The breadcrumb's last step for a page without a menu entry; 详情 when not given. */
  title?: string;
};

/** What a feature module gives the console: its pages, declared once in its own folder (`pages/<module>/module.tsx`). */
export type WebModule = { name: string; pages: readonly PageRoute[] };

/**
 * The organisation checks and figures are for those who run the organisations (every role that manages members);
 * a 党员 account reads its own branch only in 组织体系 and acts for itself on the phone pages.
 */
export const MANAGING: readonly Permission[] = ['org.read', 'member.read'];
