import { ACCOUNT_STATUS_LABELS, type AccountStatus as Status, accountStatus } from '@gongjian/shared';
import { Tag } from 'antd';
import type { Account } from '../../api/types';

const COLORS: Record<Status, string | undefined> = {
  disabled: undefined,
  locked: 'orange',
  mustChangePassword: 'gold',
  active: 'green',
};

/** One status, the most restrictive first. */
export function AccountStatus({ account }: { account: Account }) {
  const status = accountStatus(account);
  return <Tag color={COLORS[status]}>{ACCOUNT_STATUS_LABELS[status]}</Tag>;
}
