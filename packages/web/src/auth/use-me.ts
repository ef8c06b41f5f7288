import { useQuery } from '@tanstack/react-query';
import type { Permission } from '@gongjian/shared';
import { meQuery } from '../api/auth';

export function useMe() {
  return useQuery(meQuery);
}

/** Whether the signed-in account holds a permission; the server still checks every request. */
export function useCan(permission: Permission): boolean {
  const { data } = useMe();
  return data?.permissions.includes(permission) ?? false;
}
