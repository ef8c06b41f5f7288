import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Flex, Form, Input, Modal, Select, Tag } from 'antd';
import { useState } from 'react';
import { isConflict } from '../../api/errors';
import { createZone, UNITS_KEY, unitsQuery, updateZone, type Zone } from '../../api/units';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { useFormError } from '../../lib/use-form-error';
import { unitsText } from './units.text';

const t = unitsText.zones;

type Ref = { id: number; name: string };
type Values = {
  orgId?: number;
  name: string;
  leadOrgId?: number;
  leadUnitId?: number;
  note?: string;
  /** The picked organisations, by the request's field names (a 400 shows beside them). */
  communityIds?: Ref[];
  memberOrgIds?: Ref[];
  unitIds?: number[];
};

/** Organisations picked one by one in the tree (any depth), shown as tags that can be taken off again. */
function OrgPicks({ value = [], onChange, label }: { value?: Ref[]; onChange?: (refs: Ref[]) => void; label: string }) {
  return (
    <Flex vertical gap="small">
      <OrgTreeSelect
        placeholder={label}
        onChange={(id, org) => {
          if (!value.some((r) => r.id === id)) onChange?.([...value, { id, name: org?.name ?? String(id) }]);
        }}
      />
      <Flex wrap gap={4}>
        {value.map((r) => (
          <Tag key={r.id} closable onClose={() => onChange?.(value.filter((x) => x.id !== r.id))}>
            {r.name}
          </Tag>
        ))}
      </Flex>
    </Flex>
  );
}

/** Organises a zone or edits one: name, lead, member communities, unit party organisations and resident units. */
export function ZoneFormModal({
  zone,
  scopeOrgId,
  onClose,
}: {
  zone?: Zone;
  scopeOrgId: number | undefined;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [openedAt] = useState(zone?.updatedAt);
  const holder = Form.useWatch('orgId', form) ?? zone?.org.id ?? scopeOrgId;
  const units = useQuery(unitsQuery({ orgId: holder, ended: 'false', pageSize: 200 }));
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name.trim(),
        leadOrgId: v.leadOrgId ?? null,
        leadUnitId: v.leadOrgId ? null : (v.leadUnitId ?? null),
        note: v.note?.trim() || null,
        communityIds: (v.communityIds ?? []).map((c) => c.id),
        memberOrgIds: (v.memberOrgIds ?? []).map((o) => o.id),
        unitIds: v.unitIds ?? [],
      };
      return zone
        ? updateZone(zone.id, { ...body, updatedAt: openedAt })
        : createZone({ orgId: v.orgId as number, ...body });
    },
    onSuccess: async () => {
      message.success(t.form.saved);
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
      onClose();
    },
    onError: async (e) => {
      showError(e);
      if (isConflict(e)) await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
    },
  });
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.org.name}）` }));
  return (
    <Modal
      open
      width={640}
      title={zone ? t.form.editTitle : t.form.title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          zone && {
            name: zone.name,
            leadOrgId: zone.lead?.kind === 'org' ? zone.lead.id : undefined,
            leadUnitId: zone.lead?.kind === 'unit' ? zone.lead.id : undefined,
            note: zone.note ?? undefined,
            unitIds: zone.units.map((u) => u.id),
            communityIds: zone.communities,
            memberOrgIds: zone.organizations,
          }
        }
        onFinish={(v) => mutation.mutate(v)}
      >
        {!zone && (
          <Form.Item label={t.form.holder} name="orgId" rules={[{ required: true, message: unitsText.form.required }]}>
            <OrgTreeSelect />
          </Form.Item>
        )}
        <Form.Item
          label={t.form.name}
          name="name"
          rules={[{ required: true, whitespace: true, message: unitsText.form.required }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t.form.leadOrg} name="leadOrgId">
          <OrgTreeSelect placeholder={zone?.lead?.kind === 'org' ? zone.lead.name : unitsText.form.optional} />
        </Form.Item>
        <Form.Item label={t.form.leadUnit} name="leadUnitId">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
        </Form.Item>
        <Form.Item label={t.form.communities} name="communityIds">
          <OrgPicks label={t.form.communities} />
        </Form.Item>
        <Form.Item label={t.form.memberOrgs} name="memberOrgIds">
          <OrgPicks label={t.form.memberOrgs} />
        </Form.Item>
        <Form.Item label={t.form.units} name="unitIds">
          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
        </Form.Item>
        <Form.Item label={t.form.note} name="note">
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
