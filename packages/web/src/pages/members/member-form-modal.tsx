import {
  EDUCATION_LEVELS,
  FULL_MEMBER_ON_MISSING,
  isMobilePhone,
  lacksFullMemberOn,
  MEMBER_FIELDS,
  parseIdNumber,
  type ProfileProblem,
  profileProblems,
  MAX_TAGS,
  TAG_MAX_LENGTH,
} from '@gongjian/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { App, AutoComplete, Col, DatePicker, Form, type FormInstance, Input, Modal, Row, Select } from 'antd';
import { isConflict } from '../../api/errors';
import { createMember, MEMBERS_KEY, updateMember } from '../../api/members';
import type { MemberCreateInput, MemberDetail } from '../../api/types';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { dateFieldProps } from './date-field';
import { categoryOptions, genderOptions, modeOptions, statusOptions } from './member-labels';
import { membersText as t } from './members.text';
import { useFormError } from '../../lib/use-form-error';

type Props = { member?: MemberDetail; onClose: () => void; onSaved?: (member: MemberDetail) => void };
type Values = MemberCreateInput;

const f = t.detail.fields;

/**
 * A rule running the profile checks the server runs (shared profileProblems) and showing this field's first
 * problem. A masked ID number (editing) is not known here: the birth date on record stands in for it.
 */
const profileRule =
  (field: ProfileProblem['field'], member: MemberDetail | undefined) =>
  ({ getFieldValue }: Pick<FormInstance<Values>, 'getFieldValue'>) => ({
    validator: async () => {
      const idNumber = String(getFieldValue('idNumber') ?? '');
      const known = !(member && idNumber === member.idNumber);
      if (known && !parseIdNumber(idNumber).ok) return; // the ID number's own rule says what is wrong
      const problem = profileProblems({
        idNumber: known ? idNumber : null,
        birthDate: member?.birthDate ?? null,
        gender: String(getFieldValue('gender') ?? ''),
        status: String(getFieldValue('status') ?? ''),
        joinedOn: getFieldValue('joinedOn') ?? null,
        fullMemberOn: getFieldValue('fullMemberOn') ?? null,
        saved: member && { status: member.status, fullMemberOn: member.fullMemberOn },
      }).find((p) => p.field === field);
      if (problem) throw new Error(problem.problem);
    },
  });

/**
 * A full member saved without 转正时间 (a record from before the rule): the gap is shown as a warning the form
 * opens with, and does not stop an edit of other fields.
 */
const savedGapRule =
  (member: MemberDetail | undefined) =>
  ({ getFieldValue }: Pick<FormInstance<Values>, 'getFieldValue'>) => ({
    warningOnly: true,
    validator: async () => {
      const now = { status: String(getFieldValue('status') ?? ''), fullMemberOn: getFieldValue('fullMemberOn') };
      if (member && lacksFullMemberOn(member) && lacksFullMemberOn(now)) throw new Error(FULL_MEMBER_ON_MISSING);
    },
  });

/** Create or edit a profile; the server repeats every check and answers in the same words. */
export function MemberFormModal({ member, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  // The version the form opened with, kept while it stays open (the page behind it may be read again).
  const [openedAt] = useState(member?.updatedAt);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const body = { ...values, phone: values.phone || null };
      if (!member) return createMember(body);
      // The ID number shown while editing is masked: sent only when retyped. The phone on record is not shown
      // at all (its field starts empty): a number typed replaces it, an empty field keeps it.
      const { idNumber, phone, ...rest } = body;
      // The version the form opened with: a save by someone else since is refused, not overwritten.
      return updateMember(member.id, {
        ...rest,
        ...(idNumber !== member.idNumber && { idNumber }),
        ...((phone || !member.phone) && { phone }),
        updatedAt: openedAt,
      });
    },
    onSuccess: async (saved) => {
      message.success(member ? t.form.saved : t.form.created);
      await queryClient.invalidateQueries({ queryKey: MEMBERS_KEY });
      onSaved?.(saved);
      onClose();
    },
    onError: async (error) => {
      showError(error);
      // Refused as stale: the page behind the form shows the other save; reopening the form starts from it.
      if (isConflict(error)) await queryClient.invalidateQueries({ queryKey: MEMBERS_KEY });
    },
  });
  const required = [{ required: true, message: t.form.required }];
  const savedGap = Boolean(member && lacksFullMemberOn(member));
  useEffect(() => {
    if (savedGap) void form.validateFields(['fullMemberOn']).catch(() => undefined);
  }, [form, savedGap]);

  return (
    <Modal
      open
      width={760}
      title={member ? t.form.editTitle : t.form.createTitle}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          member
            ? { ...member, phone: undefined, tags: member.tags }
            : { status: 'full', category: 'resident', managementMode: 'direct', ethnicity: '汉族', tags: [] }
        }
        onFinish={(values) => mutation.mutate(values)}
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label={f.name} name="name" rules={[{ ...required[0], whitespace: true }]}>
              <Input maxLength={MEMBER_FIELDS.name.maxLength} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              label={f.idNumber}
              name="idNumber"
              rules={[
                ...required,
                {
                  validator: async (_, value: string | undefined) => {
                    if (!value || value === member?.idNumber) return;
                    const parsed = parseIdNumber(value);
                    if (!parsed.ok) throw new Error(`${t.form.idInvalid}：${parsed.reason}`);
                  },
                },
              ]}
            >
              <Input
                maxLength={18}
                onChange={(event) => {
                  // The ID number says the gender: fill it in when it is still empty.
                  const parsed = parseIdNumber(event.target.value);
                  if (parsed.ok && !form.getFieldValue('gender')) form.setFieldValue('gender', parsed.info.gender);
                }}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label={f.gender}
              name="gender"
              dependencies={['idNumber']}
              rules={[...required, profileRule('gender', member)]}
            >
              <Select options={genderOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={f.ethnicity} name="ethnicity">
              <Input maxLength={MEMBER_FIELDS.ethnicity.maxLength} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label={f.phone}
              name="phone"
              extra={member?.phone ? t.form.phoneKeeps : undefined}
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    if (value && !isMobilePhone(value)) throw new Error(t.form.phoneInvalid);
                  },
                },
              ]}
            >
              <Input maxLength={11} placeholder={member?.phone ?? undefined} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={f.education} name="education">
              <AutoComplete
                options={EDUCATION_LEVELS.map((value) => ({ value }))}
                maxLength={MEMBER_FIELDS.education.maxLength}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label={f.joinedOn}
              name="joinedOn"
              dependencies={['idNumber']}
              rules={[profileRule('joinedOn', member)]}
              {...dateFieldProps}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label={f.fullMemberOn}
              name="fullMemberOn"
              dependencies={['joinedOn', 'status']}
              rules={[profileRule('fullMemberOn', member), savedGapRule(member)]}
              {...dateFieldProps}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={f.status} name="status" rules={required}>
              <Select options={statusOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={f.category} name="category" rules={required}>
              <Select options={categoryOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={f.managementMode} name="managementMode" rules={required}>
              <Select options={modeOptions} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={f.org} name="orgId" rules={required}>
              <OrgTreeSelect placeholder={t.form.orgPlaceholder} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={f.residence} name="residence">
              <Input maxLength={MEMBER_FIELDS.residence.maxLength} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={f.employer} name="employer">
              <Input maxLength={MEMBER_FIELDS.employer.maxLength} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label={f.tags}
              name="tags"
              rules={[
                {
                  validator: async (_, tags: string[] | undefined) => {
                    if ((tags ?? []).length > MAX_TAGS) throw new Error(t.form.tooManyTags(MAX_TAGS));
                    const long = (tags ?? []).find((tag) => tag.trim().length > TAG_MAX_LENGTH);
                    if (long) throw new Error(t.form.tagTooLong(long, TAG_MAX_LENGTH));
                  },
                },
              ]}
            >
              <Select mode="tags" placeholder={t.form.tagsPlaceholder} open={false} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
