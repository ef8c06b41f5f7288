import type { Permission } from '@gongjian/shared';
import type { ReactNode } from 'react';
import { Forbidden } from '../components/forbidden';
import { useMe } from './use-me';

/** The page, or 403 unless the account holds the permission (every one of them, given several). */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission | readonly Permission[];
  children: ReactNode;
}) {
  const { data } = useMe();
  const needed: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
  return needed.every((p) => data?.permissions.includes(p)) ? children : <Forbidden />;
}
