import { lazy } from 'react';
import type { MobileModule } from '../../modules/module';
import { myOrgLifeText as t } from './org-life.text';

// Loaded when opened: the home's first load carries no form code.
const MyOrgLifePage = lazy(() => import('./my-org-life-page').then((m) => ({ default: m.MyOrgLifePage })));

/** 我的组织生活: the branch's upcoming meetings (say I cannot come, with the reason) and the meetings I attended. */
export const orgLifeModule: MobileModule = {
  name: 'org-life',
  pages: [{ path: 'org-life', title: t.title, element: <MyOrgLifePage /> }],
  tile: { to: '/org-life', label: t.tile, glyph: '会', color: '#cf1322', permission: ['self.orglife'] },
};
