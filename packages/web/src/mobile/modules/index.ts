// The phone app's modules, in the order of their tiles on the home: one line each. A module's pages and tile
// are declared in its own folder (mobile/pages/<module>/module.tsx); the router and the home's tiles are made
// from this list.
import { careModule } from '../pages/care/module';
import { duesModule } from '../pages/dues/module';
import { facilitiesModule } from '../pages/facilities/module';
import { messagesModule } from '../pages/messages/module';
import { orgLifeModule } from '../pages/org-life/module';
import { profileModule } from '../pages/profile/module';
import { registerModule } from '../pages/register/module';
import { requestsModule } from '../pages/requests/module';
import { volunteersModule } from '../pages/volunteers/module';
import type { MobileModule, MobilePage, MobileTile } from './module';

export const MOBILE_MODULES: readonly MobileModule[] = [
  registerModule,
  profileModule,
  orgLifeModule,
  duesModule,
  volunteersModule,
  requestsModule,
  careModule,
  facilitiesModule,
  messagesModule,
];

export const MOBILE_PAGES: readonly MobilePage[] = MOBILE_MODULES.flatMap((m) => m.pages);

/** The home's tiles an account with `permissions` may use. */
export const tilesFor = (permissions: readonly string[]): MobileTile[] =>
  MOBILE_MODULES.flatMap((m) => (m.tile ? [m.tile] : [])).filter((tile) =>
    (tile.permission ?? []).every((p) => permissions.includes(p)),
  );
