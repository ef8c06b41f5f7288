import { isMobilePhone, parseIdNumber, profileProblems } from '@gongjian/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { registerIncoming } from '../../api/transfers';
import type { IncomingTransferInput } from '../../api/types';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { dateFieldProps, todayString } from '../members/date-field';
import { categoryOptions, genderOptions, statusOptions } from '../members/member-labels';
import { membersText } from '../members/members.text';
import { transfersText as t } from './transfers.text';
import { useFormError } from '../../lib/use-form-error';

const f = membersText.detail.fields;

export function IncomingModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => Promise<void> }) {
  const [form] = Form.useForm<IncomingTransferInput>();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (v: IncomingTransferInput) =>
      registerIncoming({ ...v, member: { ...v.member, phone: v.member.phone || null } }),
    onSuccess: async () => {
      message.success(t.incomingForm.done);
      await onSaved();
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open
      width={720}
      title={t.incomingForm.title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form<IncomingTransferInput>
        form={form}
        layout="vertical"
        initialValues={{
          issuedOn: todayString(),
          validUntil: dayjs().add(10, 'day').format('YYYY-MM-DD'),
          duesPaidTo: dayjs().format('YYYY-MM'),
          member: { status: 'full', category: 'resident', managementMode: 'direct', tags: [] },
        }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label={t.incomingForm.fromOrgName}
              name="fromOrgName"
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t.incomingForm.letterNo} name="letterNo" rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t.incomingForm.issuedOn} name="issuedOn" rules={[{ required: true }]} {...dateFieldProps}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label={t.incomingForm.validUntil}
              name="validUntil"
              rules={[{ required: true }]}
              {...dateFieldProps}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label={t.column.duesPaidTo}
              name="duesPaidTo"
              rules={[{ required: true }]}
              getValueProps={(v: string | undefined) => ({ value: v ? dayjs(`${v}-01`) : undefined })}
              normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM') : undefined)}
            >
              <DatePicker picker="month" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={f.name} name={['member', 'name']} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              label={f.idNumber}
              name={['member', 'idNumber']}
              rules={[
                { required: true },
                {
                  validator: async (_, v: string | undefined) => {
                    const parsed = v ? parseIdNumber(v) : null;
                    if (parsed && !parsed.ok) throw new Error(parsed.reason);
                  },
                },
              ]}
            >
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label={f.gender} name={['member', 'gender']} rules={[{ required: true }]}>
              <Select options={genderOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label={f.phone}
              name={['member', 'phone']}
              rules={[
                {
                  validator: async (_, v: string | undefined) => {
                    if (v && !isMobilePhone(v)) throw new Error(membersText.form.phoneInvalid);
                  },
                },
              ]}
            >
              <Input maxLength={11} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={f.status} name={['member', 'status']} rules={[{ required: true }]}>
              <Select options={statusOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={f.category} name={['member', 'category']} rules={[{ required: true }]}>
              <Select options={categoryOptions} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label={f.joinedOn} name={['member', 'joinedOn']} {...dateFieldProps}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              label={f.fullMemberOn}
              name={['member', 'fullMemberOn']}
              dependencies={[
                ['member', 'status'],
                ['member', 'joinedOn'],
              ]}
              rules={[
                ({ getFieldValue }) => ({
                  // The profile's own rules (shared with the server) on 转正时间; the ID number's are its field's.
                  validator: async () => {
                    const value = (name: string) => getFieldValue(['member', name]) as string | null | undefined;
                    const problem = profileProblems({
                      idNumber: null,
                      gender: value('gender') ?? '',
                      status: value('status') ?? '',
                      joinedOn: value('joinedOn') ?? null,
                      fullMemberOn: value('fullMemberOn') ?? null,
                    }).find((p) => p.field === 'fullMemberOn');
                    if (problem) throw new Error(problem.problem);
                  },
                }),
              ]}
              {...dateFieldProps}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={f.org} name={['member', 'orgId']} rules={[{ required: true }]}>
              <OrgTreeSelect />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
