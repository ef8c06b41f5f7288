import { lazy } from 'react';
import type { MobileModule } from '../../modules/module';
import { mobileText } from '../../mobile.text';

// Loaded when opened: the home's first load on a slow network carries no form code.
const RegisterPage = lazy(() => import('./register-page').then((m) => ({ default: m.RegisterPage })));

const t = mobileText.register;

/** 双报到: an in-service member registers with the community where they live. */
export const registerModule: MobileModule = {
  name: 'register',
  pages: [{ path: 'register', title: t.title, element: <RegisterPage /> }],
  tile: { to: '/register', label: t.tile, glyph: '报', color: '#c8161d', permission: ['self.in_service'] },
};
