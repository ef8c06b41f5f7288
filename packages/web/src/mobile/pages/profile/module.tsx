import { lazy } from 'react';
import type { MobileModule } from '../../modules/module';
import { mobileText } from '../../mobile.text';

// Loaded when opened: the home's first load on a slow network carries no form code.
const ProfilePage = lazy(() => import('./profile-page').then((m) => ({ default: m.ProfilePage })));

const t = mobileText.profile;

/** The member's own profile, and the phone, residence and specialties they may change themselves. */
export const profileModule: MobileModule = {
  name: 'profile',
  pages: [{ path: 'profile', title: t.title, element: <ProfilePage /> }],
  tile: { to: '/profile', label: t.tile, glyph: '我', color: '#ad4e00' },
};
