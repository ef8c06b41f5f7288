import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { ACCOUNTS_KEY, disableAccount, enableAccount } from '../../api/accounts';
import { errorMessage } from '../../api/errors';
import type { Account } from '../../api/types';
import { accountsText as t } from './accounts.text';

/** 停用 / 启用 one account. */
export function AccountToggle({ account }: { account: Account }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: () => (account.disabled ? enableAccount(account.id) : disableAccount(account.id)),
    onSuccess: async (updated) => {
      message.success(updated.disabled ? t.disabled : t.enabled);
      await queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const name = account.displayName || account.username;
  return (
    <Popconfirm
      title={account.disabled ? t.confirmEnable(name) : t.confirmDisable(name)}
      onConfirm={() => mutation.mutateAsync().catch(() => undefined)}
    >
      <Button type="link" size="small" danger={!account.disabled} loading={mutation.isPending}>
        {account.disabled ? t.enable : t.disable}
      </Button>
    </Popconfirm>
  );
}
