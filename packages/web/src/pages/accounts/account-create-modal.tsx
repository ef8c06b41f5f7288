import { ROLE_LABELS, ROLES, type Role, roleFitsOrg } from '@gongjian/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ACCOUNTS_KEY, createAccount } from '../../api/accounts';
import type { OrgNode } from '../../api/types';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { accountsText as t } from './accounts.text';
import { passwordRules } from './password-rules';
import { MemberSelect } from './member-select';
import { useFormError } from '../../lib/use-form-error';

type AccountForm = {
  username: string;
  displayName?: string;
  role: Role;
  orgId: number;
  password: string;
  memberId?: number | null;
};

export function AccountCreateModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<AccountForm>();
  const [org, setOrg] = useState<OrgNode>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: ({ username, displayName, role, orgId, password, memberId }: AccountForm) =>
      createAccount({
        username: username.trim(),
        displayName: displayName?.trim() || undefined,
        role,
        orgId,
        password,
        ...(memberId && { memberId }),
      }),
    onSuccess: async () => {
      message.success(t.form.created);
      await queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });
      onClose();
    },
    onError: showError,
  });

  return (
    <Modal
      open
      title={t.form.title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form<AccountForm> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item
          label={t.form.username}
          name="username"
          rules={[{ required: true, whitespace: true, message: t.form.usernameRequired }]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item label={t.form.displayName} name="displayName">
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item label={t.form.org} name="orgId" rules={[{ required: true, message: t.form.orgRequired }]}>
          <OrgTreeSelect
            placeholder={t.form.orgPlaceholder}
            onChange={(_, picked) => {
              setOrg(picked);
              if (form.getFieldValue('role')) void form.validateFields(['role']);
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
        <Form.Item label={t.form.member} name="memberId" extra={t.form.memberHint}>
          <MemberSelect />
        </Form.Item>
        <Form.Item
          label={t.form.password}
          name="password"
          extra={t.form.passwordHint}
          rules={passwordRules(t.form.passwordRequired)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
