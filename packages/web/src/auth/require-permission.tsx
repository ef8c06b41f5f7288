import type { Permission } from '@gongjian/shared';
import type { ReactNode } from 'react';
import { Forbidden } from '../components/forbidden';
import { useCan } from './use-me';

/** The page, or 403 unless the account holds the permission (every one of them, given several). */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission | readonly Permission[];
  children: ReactNode;
}) {
  return useCan(permission) ? children : <Forbidden />;
}
