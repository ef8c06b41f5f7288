import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Input, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import {
  addTeamMember,
  createTeam,
  dissolveTeam,
  makeLeader,
  removeTeamMember,
  residentsQuery,
  type Team,
  type TeamDetail,
  teamQuery,
  teamsQuery,
  VOLUNTEERS_KEY,
} from '../../api/volunteers';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { MemberSelect } from '../accounts/member-select';
import { fileLink } from './activity-page';
import { vt } from './volunteers.text';

const t = vt.teams;

/** 服务队 (十员十队 and the like): the scope's teams, their leaders, areas and members. */
export function TeamsPage() {
  const { data, error, isFetching } = useQuery(teamsQuery({}));
  const canWrite = useCan('volunteer.write');
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const columns: TableColumnsType<Team> = [
    { title: t.name, dataIndex: 'name', render: (v: string, r) => <a onClick={() => setOpen(r.id)}>{v}</a> },
    { title: t.org, dataIndex: 'orgName', ellipsis: true },
    { title: t.leader, dataIndex: 'leaderName', render: (v: string | null) => v ?? t.none },
    { title: t.size, dataIndex: 'size', width: 80 },
    { title: t.area, dataIndex: 'area', render: (v: string | null) => v ?? t.none },
    { title: t.description, dataIndex: 'description', ellipsis: true },
  ];
  return (
    <Card
      title={t.title}
      extra={
        <Space>
          <ExportButton path="/api/volunteers/teams/export" query={{}} label={t.export} />
          {canWrite && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          )}
        </Space>
      }
    >
      {error && <QueryError error={error} />}
      <Table<Team>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={false}
      />
      {creating && <TeamModal onClose={() => setCreating(false)} />}
      {open !== null && <TeamDrawer id={open} canWrite={canWrite} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function TeamModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<{ orgId: number; name: string; area?: string; description?: string }>();
  const onError = useFormError(form);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: createTeam,
    onSuccess: async () => {
      message.success(t.created);
      await queryClient.invalidateQueries({ queryKey: VOLUNTEERS_KEY });
      onClose();
    },
    onError,
  });
  return (
    <Modal open title={t.create} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="orgId" label={t.org} rules={[{ required: true, message: '请选择组织' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="name" label={t.name} rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={40} placeholder="如：政策宣传员队" />
        </Form.Item>
        <Form.Item name="area" label={t.area}>
          <Input maxLength={60} placeholder="如：1—3号楼" />
        </Form.Item>
        <Form.Item name="description" label={t.description}>
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TeamDrawer({ id, canWrite, onClose }: { id: number; canWrite: boolean; onClose: () => void }) {
  const { data } = useQuery(teamQuery(id));
  const residents = useQuery({ ...residentsQuery({ page: 1, pageSize: 200 }), enabled: canWrite });
  const [member, setMember] = useState<number | null>(null);
  const [resident, setResident] = useState<number | undefined>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const run = (fn: () => Promise<unknown>) =>
    fn().then(
      () => queryClient.invalidateQueries({ queryKey: VOLUNTEERS_KEY }),
      (e: unknown) => message.error(errorMessage(e)),
    );
  const columns: TableColumnsType<TeamDetail['members'][number]> = [
    {
      title: vt.detail.column.name,
      key: 'name',
      render: (_, m) => (
        <Space>
          {fileLink(m)}
          {m.leader && <Tag color="red">{t.leader}</Tag>}
        </Space>
      ),
    },
    { title: vt.detail.column.org, dataIndex: 'orgName', ellipsis: true },
    { title: t.area, dataIndex: 'area', render: (v: string | null) => v ?? '' },
    {
      title: '',
      key: 'actions',
      render: (_, m) =>
        canWrite && (
          <Space>
            {!m.leader && (
              <Button size="small" onClick={() => void run(() => makeLeader(m.id))}>
                {t.makeLeader}
              </Button>
            )}
            <Button size="small" onClick={() => void run(() => removeTeamMember(m.id))}>
              {t.remove}
            </Button>
          </Space>
        ),
    },
  ];
  return (
    <Drawer open size="large" title={data?.name} onClose={onClose}>
      {data && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div>
            {t.org}：{data.orgName}，{t.area}：{data.area ?? t.none}
          </div>
          {data.description && <div>{data.description}</div>}
          {canWrite && !data.dissolvedOn && (
            <Space wrap>
              <div style={{ width: 220 }}>
                <MemberSelect value={member} onChange={setMember} />
              </div>
              <Button
                disabled={member === null}
                onClick={() =>
                  member !== null &&
                  void run(() => addTeamMember(id, { memberId: member, leader: false })).then(() => setMember(null))
                }
              >
                {t.addMember}
              </Button>
              <Select
                style={{ width: 160 }}
                allowClear
                value={resident}
                onChange={setResident}
                options={(residents.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
              />
              <Button
                disabled={resident === undefined}
                onClick={() =>
                  resident !== undefined &&
                  void run(() => addTeamMember(id, { residentId: resident, leader: false })).then(() =>
                    setResident(undefined),
                  )
                }
              >
                {t.addResident}
              </Button>
            </Space>
          )}
          <Table rowKey="id" size="small" columns={columns} dataSource={data.members} pagination={false} />
          {canWrite && !data.dissolvedOn && (
            <Button danger onClick={() => void run(() => dissolveTeam(id)).then(onClose)}>
              {t.dissolve}
            </Button>
          )}
        </Space>
      )}
    </Drawer>
  );
}
