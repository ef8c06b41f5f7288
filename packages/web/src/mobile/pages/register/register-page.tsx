import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import CheckList from 'antd-mobile/es/components/check-list';
import Form from 'antd-mobile/es/components/form';
import Input from 'antd-mobile/es/components/input';
import SearchBar from 'antd-mobile/es/components/search-bar';
import TextArea from 'antd-mobile/es/components/text-area';
import Toast from 'antd-mobile/es/components/toast';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { findCommunities, IN_SERVICE_KEY, myRegistrationQuery, registerSelf } from '../../../api/community';
import { errorMessage } from '../../../api/errors';
import { putErrorOnField } from '../../../lib/field-errors';
import { WORKBENCH_KEY } from '../../../api/workbench';
import { LoadError, Loading } from '../../layout/query-state';
import { mobileText } from '../../mobile.text';

const t = mobileText.register;
type Values = { residence?: string; wishes?: string };

/** The member registers with the community where they live, from their own login (双报到). */
export function RegisterPage() {
  const { data, error, isPending, refetch } = useQuery(myRegistrationQuery);
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} retry={() => void refetch()} />;
  return (
    <>
      <p className="m-card" style={{ marginTop: 0 }}>
        {t.intro}
      </p>
      {!data.member && (
        <p className="m-card m-error" role="alert">
          {mobileText.home.noMember}
        </p>
      )}
      {data.registration && (
        <p className="m-card" role="status" style={{ marginTop: 'var(--m-gap)' }}>
          {t.registered(data.registration.communityName, data.registration.registeredOn)}
        </p>
      )}
      {data.member && !data.registration && <RegisterForm />}
    </>
  );
}

/** Communities found by a part of their name, as the member types it (names only: the server's answer). */
function useCommunities(q: string) {
  const [found, setFound] = useState<{ id: number; name: string }[] | null>(null);
  useEffect(() => {
    const text = q.trim();
    if (!text) return;
    let live = true;
    const timer = setTimeout(() => {
      findCommunities(text)
        .then((r) => live && setFound(r.items))
        .catch(() => live && setFound([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return q.trim() ? found : null;
}

function RegisterForm() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [community, setCommunity] = useState<{ id: number; name: string } | null>(null);
  const [missing, setMissing] = useState(false);
  const found = useCommunities(q);
  const [form] = Form.useForm<Values>();
  // A 400 about one field is shown under that field; anything else above the form.
  const [onField, setOnField] = useState(false);
  const mutation = useMutation({
    mutationFn: ({ communityId, ...v }: Values & { communityId: number }) => registerSelf({ communityId, ...v }),
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t.done });
      await queryClient.invalidateQueries({ queryKey: IN_SERVICE_KEY });
      await queryClient.invalidateQueries({ queryKey: WORKBENCH_KEY });
      void navigate('/', { replace: true });
    },
    onError: (error) => setOnField(putErrorOnField(form, error)),
  });
  const submit = (v: Values) => {
    if (community === null) {
      setMissing(true);
      return;
    }
    mutation.mutate({
      communityId: community.id,
      residence: v.residence?.trim() || undefined,
      wishes: v.wishes?.trim() || undefined,
    });
  };
  return (
    <>
      <h2 className="m-section-title">{t.community}</h2>
      <div style={{ margin: '0 var(--m-gap)' }}>
        <SearchBar placeholder={t.search} value={q} onChange={setQ} aria-label={t.search} />
      </div>
      {found === null && (
        <p className="m-muted" style={{ margin: '8px var(--m-gap)' }}>
          {t.searchHint}
        </p>
      )}
      {found?.length === 0 && (
        <p className="m-muted" style={{ margin: '8px var(--m-gap)' }}>
          {t.noResult}
        </p>
      )}
      {found && found.length > 0 && (
        <CheckList
          mode="card"
          value={community === null ? [] : [community.id]}
          onChange={(v) => {
            setCommunity(found.find((c) => c.id === v[0]) ?? null);
            setMissing(false);
          }}
        >
          {found.map((c) => (
            <CheckList.Item key={c.id} value={c.id}>
              {c.name}
            </CheckList.Item>
          ))}
        </CheckList>
      )}
      {community && (
        <p className="m-card" role="status" style={{ marginTop: 8 }}>
          {t.chosen(community.name)}
        </p>
      )}
      {missing && (
        <p className="m-error" role="alert" style={{ margin: '8px var(--m-gap)' }}>
          {t.communityRequired}
        </p>
      )}
      {mutation.error && !onField && (
        <p className="m-error" role="alert" style={{ margin: '8px var(--m-gap)' }}>
          {errorMessage(mutation.error)}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        mode="card"
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={mutation.isPending}>
            {t.submit}
          </Button>
        }
      >
        <Form.Item name="residence" label={t.residence}>
          <Input placeholder={t.residencePlaceholder} maxLength={100} clearable />
        </Form.Item>
        <Form.Item name="wishes" label={t.wishes}>
          <TextArea placeholder={t.wishesPlaceholder} maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </>
  );
}
