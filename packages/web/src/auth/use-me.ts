import { useQuery } from '@tanstack/react-query';
import type { Permission } from '@gongjian/shared';
import { meQuery } from '../api/auth';

export function useMe() {
  return useQuery(meQuery);
}

/** Whether the signed-in account holds a permission (every one, given several); the server still checks every request. */
export function useCan(permission: Permission | readonly Permission[]): boolean {
  const { data } = useMe();
  const needed: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
  return data !== undefined && needed.every((p) => data.permissions.includes(p));
}
