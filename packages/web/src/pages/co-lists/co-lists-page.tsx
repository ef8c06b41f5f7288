import {
  chinaToday,
  CO_CATEGORY_LABELS,
  type CoCategory,
  NEED_STATUS_LABELS,
  type NeedStatus,
  PROJECT_STATUS_LABELS,
  type ProjectStatus,
  RESOURCE_PROVIDER_LABELS,
  RESOURCE_PROVIDERS,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import {
  CO_LISTS_KEY,
  type CoMatch,
  type CoNeed,
  type CoProject,
  type CoResource,
  type CoUnitResult,
  closeNeed,
  createNeed,
  createProject,
  createResource,
  finishProject,
  matchesQuery,
  needsQuery,
  projectsQuery,
  resourcesQuery,
  unitResultsQuery,
} from '../../api/co-lists';
import { invitableQuery } from '../../api/joint-meetings';
import { useCan, useMe } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { dateFieldProps } from '../members/date-field';
import { CobuildFiguresBar } from '../joint-meetings/figures-bar';
import { coListsText } from './co-lists.text';
import { categoryOptions, ResourceFields } from './resource-form';

const t = coListsText;
const c = t.column;

/** 三张清单: needs, resources and projects of a subtree, the proposed matches, and each unit's results. */
export function CoListsPage() {
  const { data: me } = useMe();
  const [orgId, setOrgId] = useState<number>();
  const [tab, setTab] = useState('needs');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <CobuildFiguresBar orgId={orgId} />
      <Card
        title={t.title}
        extra={
          <div style={{ width: 300 }}>
            <OrgTreeSelect value={orgId} placeholder={me?.org.name ?? t.org} onChange={(id) => setOrgId(id)} />
          </div>
        }
      >
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'needs', label: t.tabs.needs, children: <NeedsTab orgId={orgId} /> },
            { key: 'resources', label: t.tabs.resources, children: <ResourcesTab orgId={orgId} /> },
            { key: 'projects', label: t.tabs.projects, children: <ProjectsTab orgId={orgId} /> },
            { key: 'matches', label: t.tabs.matches, children: <MatchesTab orgId={orgId} /> },
            { key: 'units', label: t.tabs.units, children: <UnitsTab orgId={orgId} /> },
          ]}
        />
      </Card>
    </Space>
  );
}

type TabProps = { orgId?: number };

function useWriteTarget(orgId?: number) {
  const { data: me } = useMe();
  return orgId ?? me?.org.id;
}

function NeedsTab({ orgId }: TabProps) {
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const canWrite = useCan('cobuild.write');
  const queryClient = useQueryClient();
  const { data, error, isFetching } = useQuery(needsQuery({ page, pageSize: 20, ...(orgId && { orgId }) }));
  const close = useMutation({
    mutationFn: closeNeed,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CO_LISTS_KEY }),
  });
  const columns: TableColumnsType<CoNeed> = [
    { title: c.title, dataIndex: 'title' },
    { title: c.category, dataIndex: 'category', width: 100, render: (v: CoCategory) => CO_CATEGORY_LABELS[v] },
    { title: c.org, dataIndex: 'orgName', width: 160, ellipsis: true },
    { title: c.place, dataIndex: 'place', width: 140, render: (v: string | null) => v ?? '—' },
    { title: c.neededBy, dataIndex: 'neededBy', width: 110, render: (v: string | null) => v ?? '—' },
    { title: c.status, dataIndex: 'status', width: 90, render: (v: NeedStatus) => <Tag>{NEED_STATUS_LABELS[v]}</Tag> },
    { title: c.claimed, dataIndex: 'claimedUnitName', width: 160, render: (v: string | null) => v ?? '—' },
    {
      title: c.actions,
      key: 'a',
      width: 80,
      render: (_, n) =>
        canWrite && (n.status === 'open' || n.status === 'claimed') ? (
          <Button type="link" size="small" onClick={() => close.mutate(n.id)}>
            {t.close}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {canWrite && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t.create.need}
          </Button>
        )}
        <ExportButton path="/api/co-lists/needs/export" query={{ orgId }} />
      </Space>
      {error && <QueryError error={error} />}
      <Table<CoNeed>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      />
      {adding && <NeedModal orgId={orgId} onClose={() => setAdding(false)} />}
    </>
  );
}

type NeedValues = { title: string; category: CoCategory; description?: string; place?: string; neededBy?: string };

function NeedModal({ orgId, onClose }: { orgId?: number; onClose: () => void }) {
  const target = useWriteTarget(orgId);
  const [form] = Form.useForm<NeedValues>();
  const onError = useFormError(form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: NeedValues) => createNeed({ orgId: target as number, ...v }),
    onSuccess: async () => {
      message.success(t.form.saved);
      await queryClient.invalidateQueries({ queryKey: CO_LISTS_KEY });
      onClose();
    },
    onError,
  });
  return (
    <Modal open title={t.create.need} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form<NeedValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t.form.title} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="category" label={t.form.category} rules={[{ required: true }]}>
          <Select options={categoryOptions} />
        </Form.Item>
        <Form.Item name="description" label={t.form.description}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="place" label={t.form.place}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="neededBy" label={t.form.neededBy} {...dateFieldProps}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResourcesTab({ orgId }: TabProps) {
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const canWrite = useCan('cobuild.write');
  const { data, error, isFetching } = useQuery(resourcesQuery({ page, pageSize: 20, ...(orgId && { orgId }) }));
  const columns: TableColumnsType<CoResource> = [
    { title: c.title, dataIndex: 'title' },
    { title: c.category, dataIndex: 'category', width: 100, render: (v: CoCategory) => CO_CATEGORY_LABELS[v] },
    {
      title: c.provider,
      key: 'p',
      width: 200,
      render: (_, r) => `${r.providerName}（${RESOURCE_PROVIDER_LABELS[r.provider]}）`,
    },
    { title: c.place, dataIndex: 'place', width: 140, render: (v: string | null) => v ?? '—' },
    { title: c.availability, dataIndex: 'availability', width: 160, render: (v: string | null) => v ?? '—' },
    {
      title: c.status,
      key: 's',
      width: 100,
      render: (_, r) =>
        !r.active ? (
          <Tag>{t.inactive}</Tag>
        ) : r.committed ? (
          <Tag color="orange">{t.committed}</Tag>
        ) : (
          <Tag color="green">可用</Tag>
        ),
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {canWrite && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t.create.resource}
          </Button>
        )}
        <ExportButton path="/api/co-lists/resources/export" query={{ orgId }} />
      </Space>
      {error && <QueryError error={error} />}
      <Table<CoResource>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      />
      {adding && <ResourceModal orgId={orgId} onClose={() => setAdding(false)} />}
    </>
  );
}

type ResourceValues = {
  provider: (typeof RESOURCE_PROVIDERS)[number];
  unitId?: number;
  title: string;
  category: CoCategory;
  description?: string;
  place?: string;
  availability?: string;
  availableFrom?: string;
  availableTo?: string;
};

function ResourceModal({ orgId, onClose }: { orgId?: number; onClose: () => void }) {
  const target = useWriteTarget(orgId);
  const [form] = Form.useForm<ResourceValues>();
  const provider = Form.useWatch('provider', form) ?? 'community';
  const units = useQuery({ ...invitableQuery(target ?? 0), enabled: target !== undefined && provider === 'unit' });
  const onError = useFormError(form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: ResourceValues) => createResource({ orgId: target as number, ...v }),
    onSuccess: async () => {
      message.success(t.form.saved);
      await queryClient.invalidateQueries({ queryKey: CO_LISTS_KEY });
      onClose();
    },
    onError,
  });
  return (
    <Modal open title={t.create.resource} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form<ResourceValues>
        form={form}
        layout="vertical"
        initialValues={{ provider: 'community' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="provider" label={t.form.provider}>
          <Radio.Group
            options={RESOURCE_PROVIDERS.filter((p) => p !== 'member').map((p) => ({
              value: p,
              label: RESOURCE_PROVIDER_LABELS[p],
            }))}
          />
        </Form.Item>
        {provider === 'unit' && (
          <Form.Item name="unitId" label={t.form.unit} rules={[{ required: true }]}>
            <Select options={(units.data?.items ?? []).map((u) => ({ value: u.unitId, label: u.name }))} />
          </Form.Item>
        )}
        <ResourceFields />
      </Form>
    </Modal>
  );
}

function ProjectsTab({ orgId }: TabProps) {
  const [page, setPage] = useState(1);
  const [finishing, setFinishing] = useState<CoProject>();
  const canWrite = useCan('cobuild.write');
  const { data, error, isFetching } = useQuery(projectsQuery({ page, pageSize: 20, ...(orgId && { orgId }) }));
  const columns: TableColumnsType<CoProject> = [
    { title: c.title, dataIndex: 'title' },
    { title: c.need, dataIndex: 'needTitle', ellipsis: true },
    {
      title: c.resources,
      key: 'r',
      render: (_, p) => p.resources.map((r) => `${r.title}（${r.providerName}）`).join('；'),
    },
    { title: c.lead, key: 'l', width: 160, render: (_, p) => [p.leadName, p.leadUnitName].filter(Boolean).join(' · ') },
    { title: c.dates, key: 'd', width: 200, render: (_, p) => `${p.startedOn} — ${p.endedOn ?? ''}` },
    {
      title: c.status,
      dataIndex: 'status',
      width: 90,
      render: (v: ProjectStatus) => <Tag>{PROJECT_STATUS_LABELS[v]}</Tag>,
    },
    { title: c.result, dataIndex: 'result', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: c.actions,
      key: 'a',
      width: 90,
      render: (_, p) =>
        canWrite && p.status === 'open' ? (
          <Button type="link" size="small" onClick={() => setFinishing(p)}>
            {t.project.finish}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <ExportButton path="/api/co-lists/projects/export" query={{ orgId }} />
      </Space>
      {error && <QueryError error={error} />}
      <Table<CoProject>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      />
      {finishing && <FinishModal project={finishing} onClose={() => setFinishing(undefined)} />}
    </>
  );
}

type FinishValues = { status: 'done' | 'cancelled'; endedOn: string; result: string };

function FinishModal({ project, onClose }: { project: CoProject; onClose: () => void }) {
  const [form] = Form.useForm<FinishValues>();
  const onError = useFormError(form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: FinishValues) => finishProject(project.id, v),
    onSuccess: async () => {
      message.success(t.project.finished);
      await queryClient.invalidateQueries({ queryKey: CO_LISTS_KEY });
      onClose();
    },
    onError,
  });
  return (
    <Modal
      open
      title={`${t.project.finish}：${project.title}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form<FinishValues>
        form={form}
        layout="vertical"
        initialValues={{ status: 'done', endedOn: chinaToday() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="status">
          <Radio.Group
            options={[
              { value: 'done', label: t.project.done },
              { value: 'cancelled', label: t.project.cancelled },
            ]}
          />
        </Form.Item>
        <Form.Item name="endedOn" label={t.project.endedOn} rules={[{ required: true }]} {...dateFieldProps}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="result" label={t.project.result} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MatchesTab({ orgId }: TabProps) {
  const canWrite = useCan('cobuild.write');
  const { data, error, isFetching } = useQuery(matchesQuery(orgId));
  const [confirming, setConfirming] = useState<{ match: CoMatch; resourceId: number }>();
  if (error) return <QueryError error={error} />;
  return (
    <>
      <Table<CoMatch>
        rowKey={(m) => m.need.id}
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        pagination={false}
        locale={{ emptyText: t.match.none }}
        columns={[
          {
            title: c.need,
            key: 'n',
            width: 260,
            render: (_, m) => `${m.need.title}（${CO_CATEGORY_LABELS[m.need.category]}）`,
          },
          {
            title: c.resources,
            key: 'r',
            render: (_, m) => (
              <Space orientation="vertical" size={4}>
                {m.resources.map((r) => (
                  <Space key={r.id} wrap>
                    <span>
                      {r.title}（{r.providerName}）
                    </span>
                    {r.reasons.map((x) => (
                      <Tag key={x}>{x}</Tag>
                    ))}
                    {canWrite && (
                      <Button size="small" type="primary" onClick={() => setConfirming({ match: m, resourceId: r.id })}>
                        {t.match.confirm}
                      </Button>
                    )}
                  </Space>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {confirming && <ConfirmModal {...confirming} onClose={() => setConfirming(undefined)} />}
    </>
  );
}

type ConfirmValues = { title: string; leadName: string; startedOn: string };

function ConfirmModal({ match, resourceId, onClose }: { match: CoMatch; resourceId: number; onClose: () => void }) {
  const [form] = Form.useForm<ConfirmValues>();
  const onError = useFormError(form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: ConfirmValues) =>
      createProject({ needId: match.need.id, resourceIds: [resourceId], leadUnitId: match.need.claimedUnitId, ...v }),
    onSuccess: async () => {
      message.success(t.match.created);
      await queryClient.invalidateQueries({ queryKey: CO_LISTS_KEY });
      onClose();
    },
    onError,
  });
  return (
    <Modal
      open
      title={t.match.confirmTitle}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form<ConfirmValues>
        form={form}
        layout="vertical"
        initialValues={{ title: match.need.title, startedOn: chinaToday() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="title" label={t.match.projectTitle} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="leadName" label={t.match.lead} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="startedOn" label={t.match.startedOn} rules={[{ required: true }]} {...dateFieldProps}>
          <DatePicker allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function UnitsTab({ orgId }: TabProps) {
  const { data, error, isFetching } = useQuery(unitResultsQuery(orgId));
  if (error) return <QueryError error={error} />;
  const columns: TableColumnsType<CoUnitResult> = [
    { title: c.unit, dataIndex: 'name' },
    { title: c.org, dataIndex: 'orgName', width: 180 },
    { title: c.tasks, key: 't', width: 200, render: (_, u) => `${u.tasksOnTime}/${u.tasksDone}/${u.tasks}` },
    { title: c.needsMet, dataIndex: 'needsMet', width: 100 },
    { title: c.projects, key: 'p', width: 140, render: (_, u) => `${u.projectsDone}/${u.projects}` },
  ];
  return (
    <Table<CoUnitResult>
      rowKey="unitId"
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={isFetching}
      pagination={{ pageSize: 50 }}
    />
  );
}
