import type { Permission } from '@gongjian/shared';
import type { ReactNode } from 'react';

/** A page of the console: where it lives, who may open it (every permission listed), and its menu entry if any. */
export type PageRoute = {
  /** Under the console's layout, without the leading slash: `members/:id`. */
  path: string;
  element: ReactNode;
  permission: readonly Permission[];
  menu?: { label: string; icon: ReactNode };
};

/** What a feature module gives the console: its pages, declared once in its own folder (`pages/<module>/module.tsx`). */
export type WebModule = { name: string; pages: readonly PageRoute[] };

/**
 * The organisation checks and figures are for those who run the organisations (every role that manages members);
 * a 党员 account reads its own branch only in 组织体系 and acts for itself in 我的社区报到.
 */
export const MANAGING: readonly Permission[] = ['org.read', 'member.read'];
