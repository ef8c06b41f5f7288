import { TASK_STATE_LABELS, type TaskState } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  addProgress,
  addUnitProgress,
  JOINT_KEY,
  type JointTask,
  type TaskQuery,
  tasksQuery,
  unitTasksQuery,
} from '../../api/joint-meetings';
import { useCan, useMe } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { jointText } from './joint-meetings.text';

const t = jointText.tasks;
const STATE_COLOR: Record<TaskState, string> = { open: 'blue', overdue: 'red', done: 'green', done_late: 'orange' };

function taskColumns(action: (task: JointTask) => React.ReactNode, links: boolean): TableColumnsType<JointTask> {
  return [
    {
      title: t.column.meeting,
      key: 'meeting',
      width: 220,
      render: (_, r) =>
        links ? (
          <Link to={`/joint-meetings/${r.meetingId}`}>{`${r.heldOn} ${r.meetingTitle}`}</Link>
        ) : (
          `${r.heldOn} ${r.meetingTitle}`
        ),
    },
    { title: t.column.text, dataIndex: 'text' },
    { title: t.column.owner, dataIndex: 'ownerName', width: 180 },
    { title: t.column.due, dataIndex: 'dueOn', width: 110 },
    {
      title: t.column.state,
      dataIndex: 'state',
      width: 100,
      render: (s: TaskState) => <Tag color={STATE_COLOR[s]}>{TASK_STATE_LABELS[s]}</Tag>,
    },
    { title: t.column.note, dataIndex: 'lastNote', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t.column.actions, key: 'actions', width: 110, render: (_, r) => action(r) },
  ];
}

type ProgressValues = { note: string; done: boolean };

/** Records progress (or completion) of a task: the community's staff, or the owner unit's liaison. */
function ProgressModal({ task, unit, onClose }: { task: JointTask; unit: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ProgressValues>();
  const onError = useFormError(form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: ProgressValues) => (unit ? addUnitProgress(task.id, v) : addProgress(task.id, v)),
    onSuccess: async () => {
      message.success(t.submitted);
      await queryClient.invalidateQueries({ queryKey: JOINT_KEY });
      onClose();
    },
    onError,
  });
  return (
    <Modal
      open
      title={`${t.progress}：${task.text}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.submit}
      confirmLoading={save.isPending}
    >
      <Form<ProgressValues>
        form={form}
        layout="vertical"
        initialValues={{ done: false }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="note" label={t.note} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="done" valuePropName="checked">
          <Checkbox>{t.done}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The tasks of the subtree's joint meetings: open first by due date, overdue marked; progress recorded here. */
export function TasksPage() {
  const { data: me } = useMe();
  const canWrite = useCan('cobuild.write');
  const [orgId, setOrgId] = useState<number>();
  const [state, setState] = useState<TaskQuery['state']>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<JointTask>();
  const query = { page, pageSize: 20, ...(orgId && { orgId }), ...(state && { state }) };
  const { data, error, isFetching } = useQuery(tasksQuery(query));
  const columns = taskColumns(
    (r) =>
      canWrite && !r.doneOn ? (
        <Button type="link" size="small" onClick={() => setEditing(r)}>
          {t.progress}
        </Button>
      ) : null,
    true,
  );
  return (
    <Card
      title={t.title}
      extra={<ExportButton path="/api/joint-meetings/tasks/export" query={{ orgId, state }} label={t.export} />}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <div style={{ width: 320 }}>
          <OrgTreeSelect value={orgId} placeholder={me?.org.name} onChange={(id) => (setOrgId(id), setPage(1))} />
        </div>
        <Select
          style={{ width: 140 }}
          aria-label={t.state}
          value={state ?? 'all'}
          onChange={(v) => {
            setState(v === 'all' ? undefined : (v as TaskQuery['state']));
            setPage(1);
          }}
          options={(['all', 'open', 'overdue', 'done'] as const).map((v) => ({ value: v, label: t.states[v] }))}
        />
      </Space>
      {error && <QueryError error={error} />}
      <Table<JointTask>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      />
      {editing && <ProgressModal task={editing} unit={false} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}

/** The unit liaison's section of 本单位共建: its unit's tasks, and progress or completion reported from here. */
export function UnitTasksSection({ unit }: { unit: { id: number } }) {
  const { data, error, isFetching } = useQuery(unitTasksQuery());
  const [editing, setEditing] = useState<JointTask>();
  const columns = taskColumns(
    (r) =>
      !r.doneOn ? (
        <Button type="link" size="small" onClick={() => setEditing(r)}>
          {jointText.unit.report}
        </Button>
      ) : null,
    false,
  );
  return (
    <div data-testid="unit-tasks">
      {error && <QueryError error={error} />}
      <Table<JointTask>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items.filter((task) => task.ownerUnitId === unit.id)}
        loading={isFetching}
        locale={{ emptyText: jointText.unit.empty }}
        pagination={false}
      />
      {editing && <ProgressModal task={editing} unit onClose={() => setEditing(undefined)} />}
    </div>
  );
}
