import { gridSizeWarning } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import {
  addGridMember,
  type Building,
  buildingsQuery,
  bulkCreateBuildings,
  createBuilding,
  createGrid,
  deleteBuilding,
  deleteGrid,
  endGridMember,
  type Grid,
  gridFiguresQuery,
  GRIDS_KEY,
  gridsQuery,
  updateBuilding,
  updateGrid,
} from '../../api/grids';
import { useCan, useMe } from '../../auth/use-me';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { MemberSelect } from '../accounts/member-select';
import { gt } from './grids.text';

const COMMUNITY_TYPES = ['community_committee', 'big_community_committee'];

/** 网格与楼栋: a community's buildings, its grids (党员责任区) and the figures of the account's scope. */
export function GridsPage() {
  const { data: me } = useMe();
  const own = me && COMMUNITY_TYPES.includes(me.org.type) ? me.org.id : undefined;
  const [picked, setPicked] = useState<number | undefined>();
  const orgId = picked ?? own;
  return (
    <Card
      title={gt.title}
      extra={
        own === undefined && (
          <Space>
            <span>{gt.community}</span>
            <div style={{ width: 280 }}>
              <OrgTreeSelect
                value={picked}
                placeholder={gt.pickCommunity}
                onChange={(v) => setPicked(v)}
                disabled={(o) => !COMMUNITY_TYPES.includes(o.type)}
              />
            </div>
          </Space>
        )
      }
    >
      <Tabs
        items={[
          {
            key: 'grids',
            label: gt.tabs.grids,
            children: orgId ? <GridsTab orgId={orgId} /> : <Empty description={gt.pickCommunity} />,
          },
          {
            key: 'buildings',
            label: gt.tabs.buildings,
            children: orgId ? <BuildingsTab orgId={orgId} /> : <Empty description={gt.pickCommunity} />,
          },
          { key: 'figures', label: gt.tabs.figures, children: <FiguresTab /> },
        ]}
      />
    </Card>
  );
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: GRIDS_KEY });
}

// Grids

function GridsTab({ orgId }: { orgId: number }) {
  const { data, error, isPending } = useQuery(gridsQuery(orgId));
  const canWrite = useCan('serve.write');
  const [editing, setEditing] = useState<Grid | 'new' | null>(null);
  return (
    <>
      {error && <QueryError error={error} />}
      {canWrite && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>
          {gt.grids.create}
        </Button>
      )}
      {!isPending && data?.items.length === 0 && <Empty description={gt.grids.empty} />}
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {data?.items.map((grid) => (
          <GridCard key={grid.id} grid={grid} canWrite={canWrite} onEdit={() => setEditing(grid)} />
        ))}
      </Space>
      {editing && (
        <GridModal orgId={orgId} grid={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

function GridCard({ grid, canWrite, onEdit }: { grid: Grid; canWrite: boolean; onEdit: () => void }) {
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [member, setMember] = useState<number | null>(null);
  const current = grid.members.filter((m) => m.endedOn === null);
  const past = grid.members.filter((m) => m.endedOn !== null);
  const act = (work: () => Promise<unknown>, done: string) =>
    work().then(
      async () => {
        message.success(done);
        await refresh();
      },
      (e: unknown) => message.error(errorMessage(e)),
    );
  return (
    <Card
      size="small"
      type="inner"
      title={
        <Space>
          <span>{grid.name}</span>
          <Tag>{gt.grids.households(grid.households)}</Tag>
          {grid.warning && <Tag color="warning">{grid.warning}</Tag>}
        </Space>
      }
      extra={
        canWrite && (
          <Space>
            <Button size="small" onClick={onEdit}>
              {gt.grids.edit}
            </Button>
            <Popconfirm
              title={gt.grids.deleteConfirm}
              onConfirm={() => act(() => deleteGrid(grid.id), gt.grids.deleted)}
            >
              <Button size="small" danger>
                {gt.grids.delete}
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      <p>
        <Typography.Text type="secondary">{gt.grids.buildings}：</Typography.Text>
        {grid.buildings.length === 0
          ? gt.grids.noBuildings
          : grid.buildings.map((b) => <Tag key={b.id}>{`${b.name}（${b.households}户）`}</Tag>)}
      </p>
      {grid.branchName && (
        <p>
          <Typography.Text type="secondary">{gt.grids.branch}：</Typography.Text>
          {grid.branchName}
        </p>
      )}
      {grid.note && (
        <p>
          <Typography.Text type="secondary">{gt.grids.note}：</Typography.Text>
          {grid.note}
        </p>
      )}
      <div>
        <Typography.Text type="secondary">{gt.grids.members}：</Typography.Text>
        {current.length === 0 && gt.grids.noMembers}
        {current.map((m) => (
          <Tag key={m.id} color="red" style={{ marginBottom: 4 }}>
            {m.name}（{m.orgName}，{gt.grids.since(m.startedOn)}）
            {canWrite && (
              <Popconfirm
                title={gt.grids.endConfirm}
                onConfirm={() => act(() => endGridMember(m.id), gt.grids.endedOk)}
              >
                <a style={{ marginLeft: 6 }}>{gt.grids.end}</a>
              </Popconfirm>
            )}
          </Tag>
        ))}
      </div>
      {past.length > 0 && (
        <div style={{ marginTop: 4 }}>
          <Typography.Text type="secondary">{gt.grids.history}：</Typography.Text>
          {past.map((m) => (
            <Tag key={m.id}>
              {m.name}（{gt.grids.ended(m.startedOn, m.endedOn ?? '')}）
            </Tag>
          ))}
        </div>
      )}
      {canWrite && (
        <Space style={{ marginTop: 8 }} aria-label={`${grid.name}${gt.grids.addMember}`}>
          <span>{gt.grids.addMember}</span>
          <div style={{ width: 260 }}>
            <MemberSelect value={member} onChange={setMember} />
          </div>
          <Button
            disabled={member === null}
            onClick={() =>
              member !== null &&
              void act(() => addGridMember(grid.id, member), gt.grids.added).then(() => setMember(null))
            }
          >
            {gt.grids.add}
          </Button>
        </Space>
      )}
    </Card>
  );
}

type GridFormValues = { name: string; buildingIds?: number[]; branchOrgId?: number; note?: string };

function GridModal({ orgId, grid, onClose }: { orgId: number; grid: Grid | null; onClose: () => void }) {
  const [form] = Form.useForm<GridFormValues>();
  const onError = useFormError(form);
  const { message } = App.useApp();
  const refresh = useRefresh();
  const buildings = useQuery(buildingsQuery(orgId));
  const chosen = Form.useWatch('buildingIds', form) ?? [];
  const sum = (buildings.data?.items ?? []).filter((b) => chosen.includes(b.id)).reduce((s, b) => s + b.households, 0);
  const save = useMutation({
    mutationFn: (v: GridFormValues) => {
      const body = {
        name: v.name,
        buildingIds: v.buildingIds ?? [],
        branchOrgId: v.branchOrgId ?? null,
        note: v.note || null,
      };
      return grid ? updateGrid(grid.id, body) : createGrid({ orgId, ...body });
    },
    onSuccess: async () => {
      message.success(gt.grids.saved);
      await refresh();
      onClose();
    },
    onError,
  });
  const warning = gridSizeWarning(sum);
  return (
    <Modal
      open
      title={grid ? gt.gridForm.titleEdit : gt.gridForm.titleNew}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={560}
    >
      <Form<GridFormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={
          grid
            ? {
                name: grid.name,
                buildingIds: grid.buildings.map((b) => b.id),
                branchOrgId: grid.branchOrgId ?? undefined,
                note: grid.note ?? undefined,
              }
            : { buildingIds: [] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={gt.gridForm.name} rules={[{ required: true, message: gt.gridForm.nameRequired }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="buildingIds"
          label={gt.gridForm.buildings}
          extra={
            <span>
              {gt.gridForm.sum(sum)}
              {warning && <Typography.Text type="warning">；{warning}</Typography.Text>}
            </span>
          }
        >
          <Select
            mode="multiple"
            optionFilterProp="label"
            loading={buildings.isPending}
            options={(buildings.data?.items ?? []).map((b: Building) => ({
              value: b.id,
              label:
                b.gridId !== null && b.gridId !== grid?.id
                  ? `${b.name}${gt.gridForm.inOther(b.gridName ?? '')}`
                  : `${b.name}（${b.households}户）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="branchOrgId" label={gt.gridForm.branch}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="note" label={gt.gridForm.note}>
          <Input maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// Buildings

function BuildingsTab({ orgId }: { orgId: number }) {
  const { data, error, isFetching } = useQuery(buildingsQuery(orgId));
  const canWrite = useCan('serve.write');
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [adding, setAdding] = useState<'one' | 'bulk' | null>(null);
  const columns: TableColumnsType<Building> = [
    { title: gt.buildings.name, dataIndex: 'name' },
    {
      title: gt.buildings.households,
      dataIndex: 'households',
      width: 140,
      render: (v: number, b) =>
        canWrite ? (
          <InputNumber
            size="small"
            min={0}
            max={5000}
            defaultValue={v}
            aria-label={`${b.name}${gt.buildings.households}`}
            onBlur={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n !== v)
                void updateBuilding(b.id, { households: n }).then(refresh, (err: unknown) =>
                  message.error(errorMessage(err)),
                );
            }}
          />
        ) : (
          v
        ),
    },
    { title: gt.buildings.address, dataIndex: 'address', render: (v: string | null) => v ?? '' },
    {
      title: gt.buildings.grid,
      dataIndex: 'gridName',
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{gt.buildings.unassigned}</Typography.Text>,
    },
    {
      title: '',
      key: 'actions',
      width: 80,
      render: (_, b) =>
        canWrite && (
          <Popconfirm
            title={gt.buildings.deleteConfirm}
            onConfirm={() => deleteBuilding(b.id).then(refresh, (err: unknown) => message.error(errorMessage(err)))}
          >
            <a>{gt.buildings.delete}</a>
          </Popconfirm>
        ),
    },
  ];
  return (
    <>
      {error && <QueryError error={error} />}
      <Space style={{ marginBottom: 12 }} wrap>
        {canWrite && (
          <>
            <Button type="primary" onClick={() => setAdding('bulk')}>
              {gt.buildings.bulk}
            </Button>
            <Button onClick={() => setAdding('one')}>{gt.buildings.create}</Button>
          </>
        )}
        {data && (
          <Typography.Text type="secondary">
            {gt.buildings.total(data.items.length, data.households, data.unassigned)}
          </Typography.Text>
        )}
      </Space>
      <Table<Building>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={false}
      />
      {adding === 'one' && <BuildingModal orgId={orgId} onClose={() => setAdding(null)} />}
      {adding === 'bulk' && <BulkModal orgId={orgId} onClose={() => setAdding(null)} />}
    </>
  );
}

function BuildingModal({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string; households?: number; address?: string }>();
  const onError = useFormError(form);
  const { message } = App.useApp();
  const refresh = useRefresh();
  const save = useMutation({
    mutationFn: createBuilding,
    onSuccess: async () => {
      message.success(gt.buildings.created);
      await refresh();
      onClose();
    },
    onError,
  });
  return (
    <Modal
      open
      title={gt.buildings.create}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          save.mutate({ orgId, name: v.name, households: v.households ?? 0, address: v.address || null })
        }
      >
        <Form.Item
          name="name"
          label={gt.buildings.name}
          rules={[{ required: true, message: gt.buildings.nameRequired }]}
        >
          <Input maxLength={30} placeholder="3号楼" />
        </Form.Item>
        <Form.Item name="households" label={gt.buildings.households}>
          <InputNumber min={0} max={5000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="address" label={gt.buildings.address}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type BulkValues = { from: number; to: number; prefix?: string; suffix: string; households?: number };

function BulkModal({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const [form] = Form.useForm<BulkValues>();
  const onError = useFormError(form);
  const { message } = App.useApp();
  const refresh = useRefresh();
  const from = Form.useWatch('from', form);
  const to = Form.useWatch('to', form);
  const prefix = Form.useWatch('prefix', form) ?? '';
  const suffix = Form.useWatch('suffix', form) ?? '';
  const save = useMutation({
    mutationFn: (v: BulkValues) =>
      bulkCreateBuildings({ orgId, ...v, prefix: v.prefix ?? '', households: v.households ?? 0 }),
    onSuccess: async (r) => {
      message.success(gt.buildings.bulkDone(r.created.length, r.skipped.length));
      await refresh();
      onClose();
    },
    onError,
  });
  const valid = Number.isInteger(from) && Number.isInteger(to) && to >= from;
  return (
    <Modal open title={gt.bulkForm.title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form<BulkValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ from: 1, to: 12, suffix: '号楼' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Space>
          <Form.Item name="from" label={gt.bulkForm.from} rules={[{ required: true }]}>
            <InputNumber min={1} max={999} />
          </Form.Item>
          <Form.Item name="to" label={gt.bulkForm.to} rules={[{ required: true }]}>
            <InputNumber min={1} max={999} />
          </Form.Item>
          <Form.Item name="suffix" label={gt.bulkForm.suffix}>
            <Input maxLength={5} style={{ width: 80 }} />
          </Form.Item>
        </Space>
        <Form.Item name="prefix" label={gt.bulkForm.prefix}>
          <Input maxLength={10} />
        </Form.Item>
        <Form.Item name="households" label={gt.bulkForm.households}>
          <InputNumber min={0} max={5000} style={{ width: '100%' }} />
        </Form.Item>
        {valid && (
          <Alert
            type="info"
            title={gt.bulkForm.preview(`${prefix}${from}${suffix}`, `${prefix}${to}${suffix}`, to - from + 1)}
          />
        )}
      </Form>
    </Modal>
  );
}

// Figures

function FiguresTab() {
  const { data, error, isPending } = useQuery(gridFiguresQuery());
  type Row = NonNullable<typeof data>['items'][number];
  const columns: TableColumnsType<Row> = [
    { title: gt.figures.org, dataIndex: 'orgName' },
    { title: gt.figures.grids, dataIndex: 'grids', width: 90 },
    { title: gt.figures.buildings, dataIndex: 'buildings', width: 90 },
    { title: gt.figures.households, dataIndex: 'households', width: 100 },
    { title: gt.figures.covered, dataIndex: 'householdsCovered', width: 130 },
    { title: gt.figures.members, dataIndex: 'members', width: 140 },
  ];
  return (
    <>
      {error && <QueryError error={error} />}
      <Table<Row>
        rowKey="orgId"
        size="small"
        loading={isPending}
        columns={columns}
        dataSource={data?.items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        summary={() =>
          data && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{gt.figures.total}</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{data.total.grids}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>{data.total.buildings}</Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{data.total.households}</Table.Summary.Cell>
              <Table.Summary.Cell index={4}>{data.total.householdsCovered}</Table.Summary.Cell>
              <Table.Summary.Cell index={5}>{data.total.members}</Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </>
  );
}
