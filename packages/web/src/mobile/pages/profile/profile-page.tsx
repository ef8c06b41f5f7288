import {
  isMobilePhone,
  MAX_TAGS,
  MEMBER_CATEGORY_LABELS,
  MEMBER_FIELDS,
  MEMBER_STATUS_LABELS,
  TAG_MAX_LENGTH,
  toHalfWidth,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import Form from 'antd-mobile/es/components/form';
import Input from 'antd-mobile/es/components/input';
import List from 'antd-mobile/es/components/list';
import Toast from 'antd-mobile/es/components/toast';
import { useState } from 'react';
import { errorMessage } from '../../../api/errors';
import { putErrorOnField } from '../../../lib/field-errors';
import { MY_PROFILE_KEY, type MyProfile, type MyProfileUpdate, myProfileQuery, updateMyProfile } from '../../../api/me';
import { LoadError, Loading } from '../../layout/query-state';
import { mobileText } from '../../mobile.text';

const t = mobileText.profile;
type Values = { phone: string; residence: string; tags: string };

/** Specialties as typed: separated by spaces, commas or 、, each once. */
const splitTags = (text: string) => [...new Set(text.split(/[\s,，、;；]+/).filter(Boolean))];

export function ProfilePage() {
  const { data, error, isPending, refetch } = useQuery(myProfileQuery);
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} retry={() => void refetch()} />;
  return (
    <>
      <List header={t.basics} mode="card">
        <List.Item extra={data.name}>{t.name}</List.Item>
        <List.Item extra={data.idNumber}>{t.idNumber}</List.Item>
        <List.Item extra={MEMBER_STATUS_LABELS[data.status]}>{t.status}</List.Item>
        <List.Item extra={MEMBER_CATEGORY_LABELS[data.category]}>{t.category}</List.Item>
        <List.Item extra={data.joinedOn ?? t.none}>{t.joinedOn}</List.Item>
        {data.fullMemberOn && <List.Item extra={data.fullMemberOn}>{t.fullMemberOn}</List.Item>}
        {data.probationEndsOn && <List.Item extra={data.probationEndsOn}>{t.probationEndsOn}</List.Item>}
        <List.Item extra={data.employer ?? t.none}>{t.employer}</List.Item>
        <List.Item extra={data.branch.name}>{t.branch}</List.Item>
      </List>
      {/* Opened again after each save, with the record's new version. */}
      <ProfileForm key={data.updatedAt} profile={data} />
    </>
  );
}

function ProfileForm({ profile }: { profile: MyProfile }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  // A 400 about one field is shown under that field; anything else above the form.
  const [onField, setOnField] = useState(false);
  const mutation = useMutation({
    mutationFn: (body: MyProfileUpdate) => updateMyProfile(body),
    onSuccess: (saved) => {
      queryClient.setQueryData(MY_PROFILE_KEY, saved);
      Toast.show({ icon: 'success', content: t.saved });
    },
    onError: (error) => setOnField(putErrorOnField(form, error)),
  });
  const submit = (v: Values) => {
    const phone = toHalfWidth(v.phone).trim();
    const residence = v.residence.trim() || null;
    const tags = splitTags(v.tags);
    const body: MyProfileUpdate = {
      ...(phone !== profile.phone && { phone }),
      ...(residence !== profile.residence && { residence }),
      ...(tags.join(' ') !== profile.tags.join(' ') && { tags }),
    };
    if (Object.keys(body).length === 0) {
      Toast.show({ content: t.unchanged });
      return;
    }
    mutation.mutate({ ...body, updatedAt: profile.updatedAt });
  };
  return (
    <>
      {mutation.error && !onField && (
        <p className="m-card m-error" role="alert" style={{ marginTop: 'var(--m-gap)' }}>
          {errorMessage(mutation.error)}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{ phone: profile.phone ?? '', residence: profile.residence ?? '', tags: profile.tags.join(' ') }}
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={mutation.isPending}>
            {t.save}
          </Button>
        }
      >
        <Form.Header>{t.editable}</Form.Header>
        <Form.Item
          name="phone"
          label={t.phone}
          rules={[
            { required: true, whitespace: true, message: t.phoneRequired },
            {
              validator: async (_, value: string | undefined) => {
                const phone = toHalfWidth(value ?? '').trim();
                if (phone && !isMobilePhone(phone)) throw new Error(t.phoneInvalid);
              },
            },
          ]}
        >
          <Input type="tel" inputMode="numeric" autoComplete="tel" placeholder={t.phonePlaceholder} clearable />
        </Form.Item>
        <Form.Item
          name="residence"
          label={t.residence}
          rules={[{ max: MEMBER_FIELDS.residence.maxLength, message: t.tooLong(MEMBER_FIELDS.residence.maxLength) }]}
        >
          <Input placeholder={t.residencePlaceholder} clearable />
        </Form.Item>
        <Form.Item
          name="tags"
          label={t.tags}
          description={t.tagsHint}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const tags = splitTags(value ?? '');
                if (tags.length > MAX_TAGS) throw new Error(t.tagsTooMany(MAX_TAGS));
                if (tags.some((tag) => tag.length > TAG_MAX_LENGTH)) throw new Error(t.tagTooLong(TAG_MAX_LENGTH));
              },
            },
          ]}
        >
          <Input placeholder={t.tagsPlaceholder} clearable />
        </Form.Item>
      </Form>
    </>
  );
}
