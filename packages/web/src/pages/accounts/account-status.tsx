import { Tag } from 'antd';
import type { Account } from '../../api/types';
import { accountsText as t } from './accounts.text';

/** One status, the most restrictive first. */
export function AccountStatus({ account }: { account: Account }) {
  if (account.disabled) return <Tag>{t.status.disabled}</Tag>;
  if (account.locked) return <Tag color="orange">{t.status.locked}</Tag>;
  if (account.mustChangePassword) return <Tag color="gold">{t.status.mustChangePassword}</Tag>;
  return <Tag color="green">{t.status.active}</Tag>;
}
