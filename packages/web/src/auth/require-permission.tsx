import type { Permission } from '@gongjian/shared';
import type { ReactNode } from 'react';
import { Forbidden } from '../components/forbidden';
import { useCan } from './use-me';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useCan(permission) ? children : <Forbidden />;
}
