import type { Permission } from '@gongjian/shared';
import type { ReactNode } from 'react';

/** A page of the phone app, under /m/ and its layout (the bar with the title, back and 长辈版). */
export type MobilePage = {
  /** Without the leading slash: `register` is /m/register. */
  path: string;
  title: string;
  element: ReactNode;
};

/** A tile on the member's home (常用功能), leading to one of the module's pages. */
export type MobileTile = {
  /** The page, as its `path`. */
  to: string;
  label: string;
  /** One character in a coloured circle: no icon library (the phone bundle stays small). */
  glyph: string;
  color: string;
  /** Shown only to accounts holding every permission listed. */
  permission?: readonly Permission[];
};

/** What a feature gives the phone app: its pages and its tile, declared once in its folder (`pages/<m>/module.tsx`). */
export type MobileModule = { name: string; pages: readonly MobilePage[]; tile?: MobileTile };
