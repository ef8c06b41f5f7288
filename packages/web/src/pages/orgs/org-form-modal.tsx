import {
  ORG_MANAGEMENT_MODE_LABELS,
  ORG_MANAGEMENT_MODES,
  type OrgManagementMode,
  ORG_CHILD_TYPES,
  ORG_SECTOR_LABELS,
  ORG_SECTORS,
  ORG_TYPE_LABELS,
  ORG_TYPES,
  type OrgSector,
  type OrgType,
  ROOT_ORG_TYPES,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { isConflict } from '../../api/errors';
import { createOrg, ORGS_KEY, orgDetailQuery, updateOrg } from '../../api/orgs';
import type { OrgDetail } from '../../api/types';
import { orgsText as t } from './orgs.text';
import { useFormError } from '../../lib/use-form-error';

export type OrgFormMode = { kind: 'create'; parent: OrgDetail } | { kind: 'edit'; org: OrgDetail };

type Props = { mode: OrgFormMode; onClose: () => void; onSaved: (org: OrgDetail) => void };

type OrgFormValues = {
  name: string;
  type: OrgType;
  sector: OrgSector;
  code?: string;
  foundedOn?: Dayjs | null;
  address?: string;
  unitName?: string;
  managementMode?: OrgManagementMode;
  termStartedOn?: Dayjs | null;
};

const childTypesOf = (type: OrgType): readonly OrgType[] => ORG_CHILD_TYPES[type];

/** The types the organisation may take under its parent; the server checks again. */
function useAllowedTypes(mode: OrgFormMode): readonly OrgType[] {
  const parentId = mode.kind === 'edit' ? mode.org.parentId : null;
  const parent = useQuery({ ...orgDetailQuery(parentId ?? 0), enabled: parentId !== null });
  if (mode.kind === 'create') return childTypesOf(mode.parent.type);
  if (mode.org.parentId === null) return ROOT_ORG_TYPES;
  // The parent may lie outside the account's scope; then the type stays as it is.
  if (!parent.data) return [mode.org.type];
  return childTypesOf(parent.data.type);
}

export function OrgFormModal({ mode, onClose, onSaved }: Props) {
  const [form] = Form.useForm<OrgFormValues>();
  // The version the form opened with, kept while it stays open (the page behind it may be read again).
  const [openedAt] = useState(mode.kind === 'edit' ? mode.org.updatedAt : undefined);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const allowedTypes = useAllowedTypes(mode);
  const typeOptions = ORG_TYPES.filter((type) => allowedTypes.includes(type)).map((type) => ({
    value: type,
    label: ORG_TYPE_LABELS[type],
  }));

  const initialValues: Partial<OrgFormValues> =
    mode.kind === 'edit'
      ? {
          name: mode.org.name,
          type: mode.org.type,
          sector: mode.org.sector,
          code: mode.org.code ?? undefined,
          foundedOn: mode.org.foundedOn ? dayjs(mode.org.foundedOn) : null,
          address: mode.org.address ?? undefined,
          unitName: mode.org.unitName ?? undefined,
          managementMode: mode.org.managementMode,
          termStartedOn: mode.org.termStartedOn ? dayjs(mode.org.termStartedOn) : null,
        }
      : { sector: mode.parent.sector, type: typeOptions.length === 1 ? typeOptions[0]?.value : undefined };

  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (values: OrgFormValues) => {
      const code = values.code?.trim() || null;
      const foundedOn = values.foundedOn ? values.foundedOn.format('YYYY-MM-DD') : null;
      const fields = {
        name: values.name.trim(),
        type: values.type,
        sector: values.sector,
        code,
        foundedOn,
        address: values.address?.trim() || null,
        unitName: values.unitName?.trim() || null,
        managementMode: values.managementMode ?? 'direct',
        termStartedOn: values.termStartedOn ? values.termStartedOn.format('YYYY-MM-DD') : null,
      };
      // The version the form opened with: a save by someone else since is refused, not overwritten.
      return mode.kind === 'edit'
        ? updateOrg(mode.org.id, { ...fields, updatedAt: openedAt })
        : createOrg({ ...fields, parentId: mode.parent.id });
    },
    onSuccess: async (org) => {
      message.success(mode.kind === 'edit' ? t.form.saved : t.form.created);
      await queryClient.invalidateQueries({ queryKey: ORGS_KEY });
      onSaved(org);
    },
    onError: async (error) => {
      showError(error);
      // Refused as stale: what is behind the form shows the other save; reopening the form starts from it.
      if (isConflict(error)) await queryClient.invalidateQueries({ queryKey: ORGS_KEY });
    },
  });

  return (
    <Modal
      open
      title={mode.kind === 'edit' ? t.form.editTitle : t.form.createTitle(mode.parent.name)}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form<OrgFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          label={t.field.name}
          name="name"
          rules={[{ required: true, whitespace: true, message: t.form.nameRequired }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label={t.field.type}
          name="type"
          rules={[{ required: true, message: t.form.typeRequired }]}
          extra={typeOptions.length === 0 ? t.form.noChildTypes : undefined}
        >
          <Select options={typeOptions} />
        </Form.Item>
        <Form.Item label={t.field.sector} name="sector" rules={[{ required: true, message: t.form.sectorRequired }]}>
          <Select options={ORG_SECTORS.map((sector) => ({ value: sector, label: ORG_SECTOR_LABELS[sector] }))} />
        </Form.Item>
        <Form.Item label={t.field.code} name="code">
          <Input placeholder={t.form.codePlaceholder} maxLength={50} />
        </Form.Item>
        <Form.Item label={t.field.foundedOn} name="foundedOn">
          <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="地址" name="address">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="所属单位" name="unitName">
          <Input maxLength={200} placeholder={t.form.codePlaceholder} />
        </Form.Item>
        <Form.Item label="管理方式" name="managementMode">
          <Select options={ORG_MANAGEMENT_MODES.map((m) => ({ value: m, label: ORG_MANAGEMENT_MODE_LABELS[m] }))} />
        </Form.Item>
        <Form.Item label="本届任期开始日期" name="termStartedOn">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
