import {
  RATING_LABELS,
  RATINGS,
  type Rating,
  REQUEST_CATEGORY_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import Selector from 'antd-mobile/es/components/selector';
import TextArea from 'antd-mobile/es/components/text-area';
import Toast from 'antd-mobile/es/components/toast';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage } from '../../../api/errors';
import { myRequestQuery, rateRequest, REQUESTS_KEY, type RequestDetail, uploadOwnPhoto } from '../../../api/requests';
import { LoadError, Loading } from '../../layout/query-state';
import { mrt } from './requests.text';
import { RequestTimeline } from './timeline';

const t = mrt.detail;

/** One of the resident's requests: what it is, where it stands, its timeline, photos, and the rating once done. */
export function MyRequestPage() {
  const id = Number(useParams().id);
  const { data, error, isPending, refetch } = useQuery(myRequestQuery(id));
  const queryClient = useQueryClient();
  const photo = useMutation({
    mutationFn: (file: File) => uploadOwnPhoto(id, file),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: REQUESTS_KEY }),
    onError: (e) => Toast.show({ content: errorMessage(e) }),
  });
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} retry={() => void refetch()} />;
  const r = data;
  const canAddPhoto = r.photos.length < 3 && !['merged', 'declined', 'closed'].includes(r.status);
  return (
    <>
      <section className="m-card">
        <p style={{ marginTop: 0 }}>
          <strong>{REQUEST_STATUS_LABELS[r.status]}</strong>
          <span className="m-muted">{` · ${REQUEST_KIND_LABELS[r.kind]} · ${REQUEST_CATEGORY_LABELS[r.category]}`}</span>
        </p>
        <p style={{ marginBottom: 0 }}>{r.text}</p>
      </section>
      {r.declineReason && (
        <p className="m-card" role="status">
          {t.declineReason}：{r.declineReason}
        </p>
      )}
      {r.mergedInto && (
        <p className="m-card" role="status">
          {t.mergedInto}：{r.mergedInto.text}（{REQUEST_STATUS_LABELS[r.mergedInto.status]}）
        </p>
      )}
      {r.doneNote && (
        <p className="m-card">
          {t.doneNote}：{r.doneNote}
        </p>
      )}
      {(r.status === 'done' || r.status === 'closed') && <Rate request={r} />}
      <h2 className="m-section-title">{t.timeline}</h2>
      <RequestTimeline events={r.events} />
      {(r.photos.length > 0 || canAddPhoto) && (
        <section className="m-card" aria-label={t.photos}>
          <p style={{ marginTop: 0 }}>{t.photos}</p>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            {r.photos.map((p) => (
              <img
                key={p.id}
                src={p.url}
                alt={`${t.photos}${p.id}`}
                style={{ width: 96, height: 96, objectFit: 'cover' }}
              />
            ))}
          </div>
          {canAddPhoto && (
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp"
              aria-label={t.addPhoto}
              className="m-file"
              style={{ minHeight: 48, width: '100%', fontSize: 'inherit' }}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) photo.mutate(file);
              }}
            />
          )}
        </section>
      )}
    </>
  );
}

function Rate({ request }: { request: RequestDetail }) {
  const [rating, setRating] = useState<Rating | undefined>();
  const [comment, setComment] = useState('');
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => rateRequest(request.id, { rating: rating as Rating, comment: comment.trim() || undefined }),
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t.thanks });
      await queryClient.invalidateQueries({ queryKey: REQUESTS_KEY });
    },
  });
  if (request.rating) {
    return (
      <p className="m-card">
        {t.rated}：{RATING_LABELS[request.rating]}
        {request.ratingComment ? `（${request.ratingComment}）` : ''}
      </p>
    );
  }
  return (
    <section className="m-card" aria-labelledby="m-rate">
      <h2 id="m-rate" className="m-section-title" style={{ margin: '0 0 8px' }}>
        {t.rate}
      </h2>
      <Selector
        columns={3}
        options={RATINGS.map((x) => ({ value: x, label: RATING_LABELS[x] }))}
        value={rating ? [rating] : []}
        onChange={(v) => setRating(v[0])}
      />
      <TextArea
        placeholder={t.comment}
        value={comment}
        onChange={setComment}
        maxLength={200}
        autoSize={{ minRows: 2 }}
        style={{ marginTop: 8 }}
      />
      {mutation.error && (
        <p className="m-error" role="alert">
          {errorMessage(mutation.error)}
        </p>
      )}
      <Button
        block
        color="primary"
        style={{ marginTop: 8 }}
        disabled={!rating}
        loading={mutation.isPending}
        onClick={() => mutation.mutate()}
      >
        {t.send}
      </Button>
    </section>
  );
}
