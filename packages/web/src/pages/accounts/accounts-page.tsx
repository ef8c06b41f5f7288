import { PlusOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type Role } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { accountsQuery } from '../../api/accounts';
import type { Account } from '../../api/types';
import { useCan, useMe } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { AccountCreateModal } from './account-create-modal';
import { AccountEditModal } from './account-edit-modal';
import { AccountMemberModal } from './account-member-modal';
import { AccountPasswordModal } from './account-password-modal';
import { AccountStatus } from './account-status';
import { AccountToggle } from './account-toggle';
import { accountsText as t } from './accounts.text';

const PAGE_SIZE = 20;

const baseColumns: TableColumnsType<Account> = [
  { title: t.column.username, dataIndex: 'username' },
  { title: t.column.displayName, dataIndex: 'displayName' },
  { title: t.column.role, dataIndex: 'role', render: (role: Role) => ROLE_LABELS[role] },
  { title: t.column.org, key: 'org', render: (_, account) => account.org.name },
  { title: t.column.member, key: 'member', render: (_, account) => account.member?.name ?? '' },
  { title: t.column.status, key: 'status', render: (_, account) => <AccountStatus account={account} /> },
  {
    title: t.column.lastLogin,
    dataIndex: 'lastLoginAt',
    render: (at: string | null) => (at ? formatDateTime(at) : t.neverLoggedIn),
  },
];

// Nobody disables the account they are signed in with.
const actionColumn = (
  myId: number | undefined,
  onEdit: (account: Account) => void,
  onLink: (account: Account) => void,
  onResetPassword: (account: Account) => void,
): TableColumnsType<Account>[number] => ({
  title: t.column.actions,
  key: 'actions',
  width: 300,
  render: (_, account) => (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => onEdit(account)}>
        {t.edit.action}
      </Button>
      <Button type="link" size="small" onClick={() => onLink(account)}>
        {t.member.action}
      </Button>
      {account.id === myId ? null : (
        <>
          <Button type="link" size="small" onClick={() => onResetPassword(account)}>
            {t.password.action}
          </Button>
          <AccountToggle account={account} />
        </>
      )}
    </Space>
  ),
});

export function AccountsPage() {
  const { data: me } = useMe();
  const canWrite = useCan('account.write');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Account>();
  const [linking, setLinking] = useState<Account>();
  const [resetting, setResetting] = useState<Account>();
  const { data, error, isFetching } = useQuery(accountsQuery({ q: q || undefined, page, pageSize }));

  return (
    <Card
      title={t.title}
      extra={
        <Space>
          <ExportButton path="/api/accounts/export" query={{ q: q || undefined }} />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          )}
        </Space>
      }
    >
      <Flex style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t.searchPlaceholder}
          style={{ maxWidth: 320 }}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
        />
      </Flex>
      {error && <QueryError error={error} />}
      <Table<Account>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="middle"
        columns={canWrite ? [...baseColumns, actionColumn(me?.id, setEditing, setLinking, setResetting)] : baseColumns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: t.total,
          onChange: (nextPage, nextSize) => {
            setPage(nextSize === pageSize ? nextPage : 1);
            setPageSize(nextSize);
          },
        }}
      />
      {creating && <AccountCreateModal onClose={() => setCreating(false)} />}
      {editing && <AccountEditModal account={editing} onClose={() => setEditing(undefined)} />}
      {linking && <AccountMemberModal account={linking} onClose={() => setLinking(undefined)} />}
      {resetting && <AccountPasswordModal account={resetting} onClose={() => setResetting(undefined)} />}
    </Card>
  );
}
