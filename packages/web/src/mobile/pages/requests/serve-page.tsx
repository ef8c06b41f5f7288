import { REQUEST_CATEGORY_LABELS, REQUEST_KIND_LABELS, REQUEST_STATUS_LABELS } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import List from 'antd-mobile/es/components/list';
import Tabs from 'antd-mobile/es/components/tabs';
import { useNavigate, useSearchParams } from 'react-router';
import { type ServeItem, serveMineQuery, wishesQuery } from '../../../api/requests';
import { LoadError, Loading } from '../../layout/query-state';
import { mrt } from './requests.text';

const t = mrt.serve;

/** A member's part: the micro-wishes of their community waiting to be claimed, and what was dispatched to them. */
export function ServePage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'wishes' ? 'wishes' : 'mine';
  return (
    <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key }, { replace: true })}>
      <Tabs.Tab title={t.mine} key="mine">
        <Items which="mine" />
      </Tabs.Tab>
      <Tabs.Tab title={t.wishes} key="wishes">
        <Items which="wishes" />
      </Tabs.Tab>
    </Tabs>
  );
}

function Items({ which }: { which: 'mine' | 'wishes' }) {
  const { data, error, isPending, refetch } = useQuery(which === 'mine' ? serveMineQuery : wishesQuery);
  const navigate = useNavigate();
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} retry={() => void refetch()} />;
  if (data.items.length === 0) return <p className="m-card m-muted">{which === 'mine' ? t.noMine : t.noWishes}</p>;
  return (
    <List mode="card">
      {data.items.map((r: ServeItem) => (
        <List.Item
          key={r.id}
          clickable
          onClick={() => void navigate(`/serve/${r.id}`)}
          description={`${REQUEST_KIND_LABELS[r.kind]} · ${REQUEST_CATEGORY_LABELS[r.category]} · ${r.residentName} · ${r.orgName}`}
          extra={REQUEST_STATUS_LABELS[r.status]}
        >
          {r.text}
        </List.Item>
      ))}
    </List>
  );
}
