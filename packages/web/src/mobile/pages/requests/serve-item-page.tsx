import {
  CONTACT_PREF_LABELS,
  REQUEST_CATEGORY_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import TextArea from 'antd-mobile/es/components/text-area';
import Toast from 'antd-mobile/es/components/toast';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage } from '../../../api/errors';
import { claimWish, REQUESTS_KEY, serveDone, serveItemQuery, serveProgress } from '../../../api/requests';
import { LoadError, Loading } from '../../layout/query-state';
import { mrt } from './requests.text';
import { RequestTimeline } from './timeline';

const t = mrt.serve;

/** A request or micro-wish as the member sees it: claim it, write progress, finish it; the contact once it is theirs. */
export function ServeItemPage() {
  const id = Number(useParams().id);
  const { data, error, isPending, refetch } = useQuery(serveItemQuery(id));
  const [note, setNote] = useState('');
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: async () => {
      setNote('');
      Toast.show({ icon: 'success', content: '已保存' });
      await queryClient.invalidateQueries({ queryKey: REQUESTS_KEY });
    },
  });
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} retry={() => void refetch()} />;
  const r = data;
  const working = r.mine && (r.status === 'dispatched' || r.status === 'in_progress');
  return (
    <>
      <section className="m-card">
        <p style={{ marginTop: 0 }}>
          <strong>{REQUEST_STATUS_LABELS[r.status]}</strong>
          <span className="m-muted">{` · ${REQUEST_KIND_LABELS[r.kind]} · ${REQUEST_CATEGORY_LABELS[r.category]}`}</span>
        </p>
        <p>{r.text}</p>
        <p className="m-muted" style={{ marginBottom: 0 }}>
          {r.residentName} · {r.orgName}
        </p>
      </section>
      {r.contact ? (
        <section className="m-card" aria-label={t.contact}>
          <p style={{ marginTop: 0 }}>
            {t.contact}：{r.contact.name} {r.contact.phone && <a href={`tel:${r.contact.phone}`}>{r.contact.phone}</a>}
          </p>
          <p style={{ marginBottom: 0 }}>
            {[r.contact.building, r.contact.address].filter(Boolean).join(' ')} {CONTACT_PREF_LABELS[r.contactPref]}
          </p>
        </section>
      ) : (
        <p className="m-card m-muted">{t.hidden}</p>
      )}
      {act.error && (
        <p className="m-card m-error" role="alert">
          {errorMessage(act.error)}
        </p>
      )}
      {r.status === 'open' && !r.mine && (
        <div className="m-actions">
          <Button
            block
            color="primary"
            size="large"
            loading={act.isPending}
            onClick={() => act.mutate(() => claimWish(id))}
          >
            {t.claim}
          </Button>
        </div>
      )}
      {working && (
        <section className="m-card">
          <TextArea
            placeholder={t.note}
            aria-label={t.note}
            value={note}
            onChange={setNote}
            maxLength={500}
            autoSize={{ minRows: 3 }}
          />
          <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
            <Button
              style={{ flex: 1 }}
              disabled={!note.trim()}
              loading={act.isPending}
              onClick={() => act.mutate(() => serveProgress(id, note.trim()))}
            >
              {t.progress}
            </Button>
            <Button
              style={{ flex: 1 }}
              color="primary"
              disabled={!note.trim()}
              loading={act.isPending}
              onClick={() => act.mutate(() => serveDone(id, note.trim()))}
            >
              {t.done}
            </Button>
          </div>
        </section>
      )}
      {r.doneNote && <p className="m-card">{r.doneNote}</p>}
      {r.events.length > 0 && <RequestTimeline events={r.events} />}
    </>
  );
}
