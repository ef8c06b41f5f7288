import { mrt as t } from './requests.text';

/** The resident's home tiles (resident.self): shown by the resident home, not the member's. */
export const RESIDENT_TILES = [
  { to: '/requests/new', label: t.tileSubmit, glyph: '办', color: '#cf1322' },
  { to: '/requests/new?kind=wish', label: t.tileWish, glyph: '愿', color: '#ad4e00' },
  { to: '/requests/mine', label: t.tileMine, glyph: '查', color: '#0958d9' },
] as const;
