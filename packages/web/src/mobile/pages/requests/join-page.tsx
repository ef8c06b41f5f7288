import { useMutation, useQuery } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import Form from 'antd-mobile/es/components/form';
import Input from 'antd-mobile/es/components/input';
import Selector from 'antd-mobile/es/components/selector';
import Toast from 'antd-mobile/es/components/toast';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../../api/errors';
import { publicBuildingsQuery, publicCommunitiesQuery, registerResident } from '../../../api/requests';
import { putErrorOnField } from '../../../lib/field-errors';
import { LoadError, Loading } from '../../layout/query-state';
import { mrt } from './requests.text';

const t = mrt.join;
/** A text link as tall as a tap target (44 px). */
const TAP = { display: 'inline-flex', alignItems: 'center', minHeight: 44, padding: '0 8px' } as const;
type Values = {
  name: string;
  phone: string;
  password: string;
  communityId?: number[];
  buildingId?: number[];
  addressDetail?: string;
};

/** A resident registers (no session): name, phone, password, their community by street, and their building. */
export function JoinPage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [streetId, setStreetId] = useState<number | undefined>();
  const [onField, setOnField] = useState(false);
  const communities = useQuery(publicCommunitiesQuery);
  const communityId = Form.useWatch('communityId', form)?.[0];
  const buildings = useQuery(publicBuildingsQuery(communityId));
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      registerResident({
        name: v.name,
        phone: v.phone,
        password: v.password,
        communityId: v.communityId?.[0] as number,
        buildingId: v.buildingId?.[0] ?? null,
        addressDetail: v.addressDetail || null,
      }),
    onSuccess: () => {
      Toast.show({ icon: 'success', content: t.done });
      void navigate('/login', { replace: true });
    },
    onError: (error) => setOnField(putErrorOnField(form, error)),
  });
  if (communities.isPending) return <Loading />;
  if (communities.error) return <LoadError error={communities.error} retry={() => void communities.refetch()} />;
  const streets = communities.data.streets;
  const street = streets.find((s) => s.id === streetId) ?? (streets.length === 1 ? streets[0] : undefined);
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <>
      <p className="m-card m-muted">{t.intro}</p>
      {mutation.error && !onField && (
        <p className="m-card m-error" role="alert">
          {errorMessage(mutation.error)}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        mode="card"
        onFinish={(v: Values) => mutation.mutate(v)}
        footer={
          <>
            <Button block type="submit" color="primary" size="large" loading={mutation.isPending}>
              {t.submit}
            </Button>
            <p style={{ textAlign: 'center' }}>
              <Link to="/login" style={TAP}>
                {t.toLogin}
              </Link>
            </p>
          </>
        }
      >
        <Form.Item name="name" label={t.name} rules={required(t.required)}>
          <Input maxLength={30} clearable autoComplete="name" />
        </Form.Item>
        <Form.Item name="phone" label={t.phone} rules={required(t.required)}>
          <Input type="tel" inputMode="numeric" maxLength={11} clearable autoComplete="tel" />
        </Form.Item>
        <Form.Item name="password" label={t.password} help={t.passwordHint} rules={required(t.required)}>
          <Input type="password" autoComplete="new-password" />
        </Form.Item>
        {streets.length > 1 && (
          <Form.Item label={t.street}>
            <Selector
              columns={2}
              options={streets.map((s) => ({ value: s.id, label: s.name }))}
              value={street ? [street.id] : []}
              onChange={(v) => {
                setStreetId(v[0]);
                form.setFieldsValue({ communityId: [], buildingId: [] });
              }}
            />
          </Form.Item>
        )}
        {street && (
          <Form.Item name="communityId" label={t.community} rules={[{ required: true, message: t.pick }]}>
            <Selector
              columns={2}
              options={street.communities.map((c) => ({ value: c.id, label: c.name }))}
              onChange={() => form.setFieldsValue({ buildingId: [] })}
            />
          </Form.Item>
        )}
        {communityId !== undefined && (buildings.data?.items.length ?? 0) > 0 && (
          <Form.Item name="buildingId" label={t.building}>
            <Selector
              columns={3}
              options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="addressDetail" label={t.room}>
          <Input maxLength={50} clearable />
        </Form.Item>
      </Form>
    </>
  );
}
