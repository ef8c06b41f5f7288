import { NEW_ORG_KIND_LABELS, NEW_ORG_KINDS, type NewOrgKind } from '@gongjian/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { isConflict } from '../../api/errors';
import { createNewOrg, ORG_SYSTEM_KEY, updateNewOrg } from '../../api/org-system';
import type { NewOrg } from '../../api/types';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { newOrgsText as t } from './new-orgs.text';
import { useFormError } from '../../lib/use-form-error';

type Values = {
  orgId: number;
  name: string;
  uscc: string;
  kind: NewOrgKind;
  industry: string;
  address?: string;
  grid?: string;
  employees?: number;
  partyMembers?: number;
  instructorName?: string;
  instructorPhone?: string;
  jointBranchId?: number;
  ownOrgId?: number;
};

const required = [{ required: true, whitespace: true, message: t.form.required }];

/** Registers a new organisation, or edits one (its coverage included: own org, joint branch, instructor). */
export function NewOrgFormModal({ org, onClose }: { org?: NewOrg; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  // The version the form opened with, kept while it stays open (the list behind it may be read again).
  const [openedAt] = useState(org?.updatedAt);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        orgId: v.orgId,
        name: v.name.trim(),
        uscc: v.uscc.trim(),
        kind: v.kind,
        industry: v.industry.trim(),
        address: v.address?.trim() || null,
        grid: v.grid?.trim() || null,
        employees: v.employees ?? 0,
        partyMembers: v.partyMembers ?? 0,
        instructorName: v.instructorName?.trim() || null,
        instructorPhone: v.instructorPhone?.trim() || null,
        jointBranchId: v.jointBranchId ?? null,
        ownOrgId: v.ownOrgId ?? null,
      };
      // The version the form opened with: a save by someone else since is refused, not overwritten.
      return org ? updateNewOrg(org.id, { ...body, updatedAt: openedAt }) : createNewOrg(body);
    },
    onSuccess: async () => {
      message.success(org ? t.form.updated : t.form.saved);
      await queryClient.invalidateQueries({ queryKey: ORG_SYSTEM_KEY });
      onClose();
    },
    onError: async (e) => {
      showError(e);
      // Refused as stale: the list behind the form shows the other save; reopening the form starts from it.
      if (isConflict(e)) await queryClient.invalidateQueries({ queryKey: ORG_SYSTEM_KEY });
    },
  });
  return (
    <Modal
      open
      title={org ? t.form.editTitle : t.form.title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          org && {
            orgId: org.org.id,
            name: org.name,
            uscc: org.uscc,
            kind: org.kind,
            industry: org.industry,
            address: org.address ?? undefined,
            grid: org.grid ?? undefined,
            employees: org.employees,
            partyMembers: org.partyMembers,
            instructorName: org.instructorName ?? undefined,
            instructorPhone: org.instructorPhone ?? undefined,
            jointBranchId: org.jointBranch?.id,
            ownOrgId: org.ownOrg?.id,
          }
        }
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item label={t.form.org} name="orgId" rules={[{ required: true, message: t.form.required }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item label={t.column.name} name="name" rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t.column.uscc} name="uscc" rules={required}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item label={t.column.kind} name="kind" rules={[{ required: true, message: t.form.required }]}>
          <Select options={NEW_ORG_KINDS.map((k) => ({ value: k, label: NEW_ORG_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item label={t.column.industry} name="industry" rules={required}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item label={t.form.address} name="address">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t.column.grid} name="grid">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label={t.column.employees} name="employees">
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t.column.partyMembers} name="partyMembers">
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t.form.ownOrg} name="ownOrgId">
          <OrgTreeSelect placeholder={t.form.optional} />
        </Form.Item>
        <Form.Item label={t.form.jointBranch} name="jointBranchId">
          <OrgTreeSelect placeholder={t.form.optional} />
        </Form.Item>
        <Form.Item label={t.form.instructorName} name="instructorName">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label={t.form.instructorPhone} name="instructorPhone">
          <Input maxLength={11} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
