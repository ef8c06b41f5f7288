import { useMutation, useQuery } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { memberDuesQuery } from '../../api/dues';
import { createTransfer, findDestinations } from '../../api/transfers';
import { useCan } from '../../auth/use-me';
import { membersText } from '../members/members.text';
import { useFormError } from '../../lib/use-form-error';

const t = membersText.transfer;

type Values = {
  target: 'inside' | 'outside';
  toOrgId?: number;
  toOrgName?: string;
  duesPaidTo?: string;
  validDays: number;
};

export function TransferModal({ member, onClose }: { member: { id: number; name: string }; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const target = Form.useWatch('target', form) ?? 'inside';
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const { message } = App.useApp();
  const showError = useFormError(form);
  // 党费交至 comes from the dues records; it is typed only for a member with none.
  const dues = useQuery({ ...memberDuesQuery(member.id), enabled: useCan('orglife.read') });
  const paidTo = dues.data?.paidTo ?? null;
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      createTransfer({
        memberId: member.id,
        ...(v.target === 'inside' ? { toOrgId: v.toOrgId } : { toOrgName: v.toOrgName }),
        ...(paidTo === null && { duesPaidTo: v.duesPaidTo }),
        validDays: v.validDays,
      }),
    onSuccess: (transfer) => {
      message.success(`${t.done}：${transfer.letterNo}`);
      if (transfer.kind === 'outgoing') window.open(`/api/transfers/${transfer.id}/letter`, '_blank');
      onClose();
    },
    onError: showError,
  });
  const search = async (q: string) => {
    if (!q.trim()) return;
    const found = await findDestinations(q.trim()).catch(() => ({ items: [] }));
    setOptions(found.items.map((o) => ({ value: o.id, label: o.name })));
  };
  return (
    <Modal
      open
      title={`${t.title}：${member.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ target: 'inside', validDays: 10, duesPaidTo: dayjs().format('YYYY-MM') }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="target">
          <Radio.Group
            options={[
              { value: 'inside', label: t.inside },
              { value: 'outside', label: t.outside },
            ]}
          />
        </Form.Item>
        {target === 'inside' ? (
          <Form.Item label={t.toOrg} name="toOrgId" rules={[{ required: true }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
              placeholder={t.toOrgPlaceholder}
              options={options}
            />
          </Form.Item>
        ) : (
          <Form.Item label={t.toOrgName} name="toOrgName" rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        {paidTo !== null ? (
          <Form.Item label={t.duesPaidTo} extra="取自党费缴纳记录">
            <span data-testid="dues-paid-to">{paidTo}</span>
          </Form.Item>
        ) : (
          <Form.Item
            label={t.duesPaidTo}
            name="duesPaidTo"
            rules={[{ required: true }]}
            getValueProps={(v: string | undefined) => ({ value: v ? dayjs(`${v}-01`) : undefined })}
            normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM') : undefined)}
          >
            <DatePicker picker="month" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item label={t.validDays} name="validDays" rules={[{ required: true }]}>
          <InputNumber min={1} max={92} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
