import { REQUEST_CATEGORY_LABELS, REQUEST_KIND_LABELS, REQUEST_STATUS_LABELS } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import List from 'antd-mobile/es/components/list';
import { useNavigate } from 'react-router';
import { myRequestsQuery } from '../../../api/requests';
import { LoadError, Loading } from '../../layout/query-state';
import { mrt } from './requests.text';

/** The resident's requests and micro-wishes, newest first, each with where it stands. */
export function MyRequestsPage() {
  const { data, error, isPending, refetch } = useQuery(myRequestsQuery);
  const navigate = useNavigate();
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} retry={() => void refetch()} />;
  return (
    <>
      {data.items.length === 0 && <p className="m-card m-muted">{mrt.home.none}</p>}
      {data.items.length > 0 && (
        <List mode="card">
          {data.items.map((r) => (
            <List.Item
              key={r.id}
              clickable
              onClick={() => void navigate(`/requests/mine/${r.id}`)}
              description={`${REQUEST_KIND_LABELS[r.kind]} · ${REQUEST_CATEGORY_LABELS[r.category]} · ${r.submittedAt.slice(0, 10)}`}
              extra={REQUEST_STATUS_LABELS[r.status]}
            >
              {r.text}
            </List.Item>
          ))}
        </List>
      )}
      <div className="m-actions">
        <Button block color="primary" onClick={() => void navigate('/requests/new')}>
          {mrt.tileSubmit}
        </Button>
      </div>
    </>
  );
}
