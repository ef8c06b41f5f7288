import {
  CONTACT_PREF_LABELS,
  CONTACT_PREFS,
  type ContactPref,
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_LABELS,
  REQUEST_PHOTOS_MAX,
  type RequestCategory,
  type RequestKind,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import Form from 'antd-mobile/es/components/form';
import Selector from 'antd-mobile/es/components/selector';
import TextArea from 'antd-mobile/es/components/text-area';
import Toast from 'antd-mobile/es/components/toast';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../../api/errors';
import { myResidenceQuery, REQUESTS_KEY, submitRequest, uploadOwnPhoto } from '../../../api/requests';
import { putErrorOnField } from '../../../lib/field-errors';
import { mrt } from './requests.text';

const t = mrt.form;
type Values = {
  kind: RequestKind[];
  category: RequestCategory[];
  text: string;
  buildingId?: number[];
  contactPref: ContactPref[];
};

/** A resident submits a request or a micro-wish (the text is all that is required; photos optional, at most 3). */
export function SubmitPage() {
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<File[]>([]);
  const [onField, setOnField] = useState(false);
  const me = useQuery(myResidenceQuery);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const kind = (Form.useWatch('kind', form)?.[0] ?? params.get('kind') ?? 'request') as RequestKind;
  const mutation = useMutation({
    mutationFn: async (v: Values) => {
      const made = await submitRequest({
        kind: v.kind[0] ?? 'request',
        category: v.category[0] as RequestCategory,
        text: v.text,
        buildingId: v.buildingId?.[0] ?? null,
        contactPref: v.contactPref[0] ?? 'phone',
      });
      for (const photo of photos) await uploadOwnPhoto(made.id, photo);
      return made;
    },
    onSuccess: async (made) => {
      Toast.show({ icon: 'success', content: t.sent });
      await queryClient.invalidateQueries({ queryKey: REQUESTS_KEY });
      void navigate(`/requests/mine/${made.id}`, { replace: true });
    },
    onError: (error) => setOnField(putErrorOnField(form, error)),
  });
  return (
    <>
      {mutation.error && !onField && (
        <p className="m-card m-error" role="alert">
          {errorMessage(mutation.error)}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{
          kind: [params.get('kind') === 'wish' ? 'wish' : 'request'],
          category: [],
          text: '',
          contactPref: ['phone'],
          buildingId: me.data?.building ? [me.data.building.id] : [],
        }}
        onFinish={(v: Values) => mutation.mutate(v)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={mutation.isPending}>
            {t.submit}
          </Button>
        }
      >
        <Form.Item name="kind" label={t.kind}>
          <Selector
            columns={2}
            options={[
              { value: 'request', label: t.request },
              { value: 'wish', label: t.wish },
            ]}
          />
        </Form.Item>
        <Form.Item name="category" label={t.category} rules={[{ required: true, message: '请选择类别' }]}>
          <Selector
            columns={3}
            options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: REQUEST_CATEGORY_LABELS[c] }))}
          />
        </Form.Item>
        <Form.Item name="text" label={t.text} rules={[{ required: true, whitespace: true, message: t.required }]}>
          <TextArea
            placeholder={kind === 'wish' ? t.wishHint : t.textHint}
            maxLength={500}
            showCount
            autoSize={{ minRows: 4, maxRows: 10 }}
          />
        </Form.Item>
        {(me.data?.buildings.length ?? 0) > 0 && (
          <Form.Item name="buildingId" label={t.building}>
            <Selector columns={3} options={(me.data?.buildings ?? []).map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
        )}
        <Form.Item name="contactPref" label={t.contactPref}>
          <Selector columns={3} options={CONTACT_PREFS.map((c) => ({ value: c, label: CONTACT_PREF_LABELS[c] }))} />
        </Form.Item>
        <Form.Item label={t.photos}>
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            multiple
            aria-label={t.photos}
            className="m-file"
            style={{ minHeight: 48, width: '100%', fontSize: 'inherit' }}
            onChange={(e) => setPhotos(Array.from(e.target.files ?? []).slice(0, REQUEST_PHOTOS_MAX))}
          />
          {photos.length > 0 && <p className="m-muted">{photos.map((p) => p.name).join('、')}</p>}
        </Form.Item>
      </Form>
    </>
  );
}
