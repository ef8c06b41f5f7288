import { ROLE_LABELS, ROLES, type Role, roleFitsOrg } from '@gongjian/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { ACCOUNTS_KEY, updateAccount } from '../../api/accounts';
import type { Account, OrgNode } from '../../api/types';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { accountsText as t } from './accounts.text';
import { useFormError } from '../../lib/use-form-error';

type EditForm = { displayName: string; role: Role; orgId?: number };

/**
 * A change of post or name, instead of a new account. The organisation stays unless another is picked; the
 * server checks the role against it and the scope, and ends the account's sessions when its post changes.
 */
export function AccountEditModal({ account, onClose }: { account: Account; onClose: () => void }) {
  const [form] = Form.useForm<EditForm>();
  const [org, setOrg] = useState<OrgNode>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: ({ displayName, role, orgId }: EditForm) =>
      updateAccount(account.id, {
        displayName: displayName.trim(),
        ...(role !== account.role && { role }),
        ...(orgId !== undefined && orgId !== account.org.id && { orgId }),
      }),
    onSuccess: async (updated) => {
      const moved = updated.role !== account.role || updated.org.id !== account.org.id;
      message.success(moved ? t.edit.savedMoved : t.edit.saved);
      await queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });
      onClose();
    },
    onError: showError,
  });

  return (
    <Modal
      open
      title={t.edit.title(account.username)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.edit.ok}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form<EditForm>
        form={form}
        layout="vertical"
        initialValues={{ displayName: account.displayName, role: account.role }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          label={t.form.displayName}
          name="displayName"
          rules={[{ required: true, whitespace: true, message: t.edit.displayNameRequired }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label={t.form.org} name="orgId" extra={t.edit.orgHint(account.org.name)}>
          <OrgTreeSelect
            placeholder={account.org.name}
            onChange={(_, picked) => {
              setOrg(picked);
              void form.validateFields(['role']);
            }}
          />
        </Form.Item>
        <Form.Item
          label={t.form.role}
          name="role"
          rules={[
            { required: true, message: t.form.roleRequired },
            {
              validator: async (_, role: Role | undefined) => {
                if (role && org && !roleFitsOrg(role, org.type)) throw new Error(t.form.roleUnfit);
              },
            },
          ]}
        >
          <Select options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))} />
        </Form.Item>
        <Typography.Text type="secondary">{t.edit.sessionsNote}</Typography.Text>
      </Form>
    </Modal>
  );
}
