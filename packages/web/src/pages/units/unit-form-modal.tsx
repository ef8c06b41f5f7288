import {
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  UNIT_RELATION_LABELS,
  UNIT_RELATIONS,
  type UnitKind,
  type UnitRelation,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { isConflict } from '../../api/errors';
import { createUnit, linkNewOrgUnit, type Unit, unitCandidatesQuery, UNITS_KEY, updateUnit } from '../../api/units';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { useFormError } from '../../lib/use-form-error';
import { unitsText } from './units.text';

const t = unitsText;

type Values = {
  orgId?: number;
  newOrgId?: number;
  name?: string;
  uscc?: string;
  kind?: UnitKind;
  address?: string;
  headcount?: number;
  partyMembers?: number;
  contactName?: string;
  contactPhone?: string;
  partyOrgId?: number;
  relation: UnitRelation;
  liaisonAccountId?: number;
};

const required = [{ required: true, message: t.form.required }];

/**
 * Registers a unit, adds one from the new-orgs registry (`link`), or edits one. A linked unit's identity fields
 * belong to its new organisation: the form shows them read-only and sends only the co-building fields.
 */
export function UnitFormModal({
  unit,
  link,
  scopeOrgId,
  onClose,
}: {
  unit?: Unit;
  link?: boolean;
  scopeOrgId: number | undefined;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [openedAt] = useState(unit?.updatedAt);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const candidates = useQuery(unitCandidatesQuery(scopeOrgId));
  const linked = unit ? unit.newOrgId !== null : Boolean(link);
  // A phone shown masked is not sent back unless retyped.
  const maskedPhone = Boolean(unit?.contactPhone?.includes('*'));
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const own = {
        contactName: v.contactName?.trim() || null,
        // A masked phone left as it was, or a party organisation not picked again, stays as it is.
        contactPhone: v.contactPhone?.trim() || (maskedPhone ? undefined : null),
        partyOrgId: v.partyOrgId ?? (unit ? undefined : null),
        relation: v.relation,
        liaisonAccountId: v.liaisonAccountId ?? null,
      };
      if (!unit && link) return linkNewOrgUnit({ newOrgId: v.newOrgId as number, ...own });
      const identity = {
        name: (v.name ?? '').trim(),
        uscc: v.uscc?.trim() || null,
        kind: v.kind as UnitKind,
        address: v.address?.trim() || null,
        headcount: v.headcount ?? null,
        partyMembers: v.partyMembers ?? null,
      };
      if (unit) return updateUnit(unit.id, { ...(linked ? {} : identity), ...own, updatedAt: openedAt });
      return createUnit({ orgId: v.orgId as number, ...identity, ...own });
    },
    onSuccess: async () => {
      message.success(unit ? t.form.updated : t.form.saved);
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
      onClose();
    },
    onError: async (e) => {
      showError(e);
      if (isConflict(e)) await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
    },
  });
  return (
    <Modal
      open
      title={unit ? t.form.editTitle : link ? t.form.linkTitle : t.form.title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          unit
            ? {
                name: unit.name,
                uscc: unit.uscc ?? undefined,
                kind: unit.kind,
                address: unit.address ?? undefined,
                headcount: unit.headcount ?? undefined,
                partyMembers: unit.partyMembers ?? undefined,
                contactName: unit.contactName ?? undefined,
                contactPhone: maskedPhone ? undefined : (unit.contactPhone ?? undefined),
                relation: unit.relation,
                liaisonAccountId: unit.liaison?.id,
              }
            : { relation: 'cooperate' }
        }
        onFinish={(v) => mutation.mutate(v)}
      >
        {linked && <Alert type="info" showIcon title={t.form.newOrgHint} style={{ marginBottom: 16 }} />}
        {!unit && !link && (
          <Form.Item label={t.form.org} name="orgId" rules={required}>
            <OrgTreeSelect />
          </Form.Item>
        )}
        {!unit && link && (
          <Form.Item label={t.form.newOrg} name="newOrgId" rules={required}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={candidates.isPending}
              options={(candidates.data?.newOrgs ?? []).map((n) => ({
                value: n.id,
                label: `${n.name}（${n.org.name}）`,
              }))}
            />
          </Form.Item>
        )}
        {!(link && !unit) && (
          <>
            <Form.Item label={t.registry.column.name} name="name" rules={linked ? [] : required}>
              <Input maxLength={100} disabled={linked} />
            </Form.Item>
            <Form.Item label={t.registry.column.uscc} name="uscc">
              <Input maxLength={18} disabled={linked} placeholder={t.form.optional} />
            </Form.Item>
            <Form.Item label={t.registry.column.kind} name="kind" rules={linked ? [] : required}>
              <Select disabled={linked} options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))} />
            </Form.Item>
            <Form.Item label={t.form.address} name="address">
              <Input maxLength={200} disabled={linked} />
            </Form.Item>
            <Form.Item label={t.registry.column.headcount} name="headcount">
              <InputNumber min={0} style={{ width: '100%' }} disabled={linked} />
            </Form.Item>
            <Form.Item label={t.registry.column.partyMembers} name="partyMembers">
              <InputNumber min={0} style={{ width: '100%' }} disabled={linked} />
            </Form.Item>
          </>
        )}
        <Form.Item label={t.registry.column.relation} name="relation" rules={required}>
          <Select options={UNIT_RELATIONS.map((r) => ({ value: r, label: UNIT_RELATION_LABELS[r] }))} />
        </Form.Item>
        <Form.Item label={t.registry.column.contact} name="contactName">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label={t.registry.column.phone} name="contactPhone">
          <Input maxLength={11} placeholder={maskedPhone ? (unit?.contactPhone ?? undefined) : undefined} />
        </Form.Item>
        <Form.Item label={t.registry.column.partyOrg} name="partyOrgId" extra={t.form.partyOrgHint}>
          <OrgTreeSelect placeholder={unit?.partyOrg?.name ?? t.form.optional} />
        </Form.Item>
        <Form.Item label={t.registry.column.liaison} name="liaisonAccountId">
          <Select
            allowClear
            placeholder={t.form.optional}
            loading={candidates.isPending}
            options={(candidates.data?.liaisons ?? []).map((a) => ({
              value: a.id,
              label: `${a.displayName}（${a.username}，${a.org.name}）`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
