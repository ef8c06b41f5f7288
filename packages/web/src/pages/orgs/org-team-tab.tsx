import {
  RESIDENTS_POST_LABELS,
  RESIDENTS_POSTS,
  type ResidentsPost,
  TEAM_POSITION_LABELS,
  TEAM_POSITIONS,
  type TeamPosition,
} from '@gongjian/shared';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { addTeamPost, endTeamPost, ORG_SYSTEM_KEY, teamQuery } from '../../api/org-system';
import type { TeamPost } from '../../api/types';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { formatDate } from '../../lib/format';
import { orgSystemText as t } from './org-system.text';
import { useFormError } from '../../lib/use-form-error';

const baseColumns: TableColumnsType<TeamPost> = [
  {
    title: t.team.column.personName,
    dataIndex: 'personName',
    render: (name: string, post) => (
      <>
        {name} {post.oneShoulder && <Tag color="red">{t.team.oneShoulder}</Tag>}
      </>
    ),
  },
  {
    title: t.team.column.position,
    dataIndex: 'position',
    width: 100,
    render: (p: TeamPosition) => TEAM_POSITION_LABELS[p],
  },
  { title: t.team.column.homeUnit, dataIndex: 'homeUnit', render: (v: string | null) => v ?? '—' },
  {
    title: t.team.column.residentsPost,
    dataIndex: 'residentsPost',
    render: (v: ResidentsPost | null) => (v ? RESIDENTS_POST_LABELS[v] : '—'),
  },
  { title: t.team.column.startedOn, dataIndex: 'startedOn', width: 110, render: formatDate },
];

export function OrgTeamTab({ orgId, canWrite }: { orgId: number; canWrite: boolean }) {
  const { data, error, isPending } = useQuery(teamQuery(orgId));
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [adding, setAdding] = useState(false);
  const end = useMutation({
    mutationFn: (post: TeamPost) => endTeamPost(post.id, dayjs().format('YYYY-MM-DD')),
    onSuccess: async () => {
      message.success(t.team.form.ended);
      await queryClient.invalidateQueries({ queryKey: ORG_SYSTEM_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (error) return <QueryError error={error} />;

  const currentColumns: TableColumnsType<TeamPost> = canWrite
    ? [
        ...baseColumns,
        {
          title: '',
          key: 'end',
          width: 80,
          render: (_, post) => (
            <Typography.Link
              onClick={() =>
                modal.confirm({ title: t.team.endConfirm(post.personName), onOk: () => end.mutateAsync(post) })
              }
            >
              {t.team.end}
            </Typography.Link>
          ),
        },
      ]
    : baseColumns;

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>
          {t.team.current}
          {data && data.partTimeCount > 0 && <Tag style={{ marginLeft: 8 }}>{t.team.partTime(data.partTimeCount)}</Tag>}
        </Typography.Text>
        <Flex gap="small">
          <ExportButton path="/api/organizations/{id}/team/export" pathParams={{ id: orgId }} />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t.team.add}
            </Button>
          )}
        </Flex>
      </Flex>
      <Table<TeamPost>
        rowKey="id"
        size="small"
        loading={isPending}
        columns={currentColumns}
        dataSource={data?.current}
        pagination={false}
        locale={{ emptyText: t.team.empty }}
      />
      {adding && <TeamPostModal orgId={orgId} onClose={() => setAdding(false)} />}
    </Flex>
  );
}

export function TeamHistoryTable({ orgId }: { orgId: number }) {
  const { data, isPending } = useQuery(teamQuery(orgId));
  return (
    <Table<TeamPost>
      rowKey="id"
      size="small"
      loading={isPending}
      columns={[...baseColumns, { title: t.team.column.endedOn, dataIndex: 'endedOn', width: 110, render: formatDate }]}
      dataSource={data?.history}
      pagination={false}
    />
  );
}

type Values = {
  personName: string;
  position: TeamPosition;
  homeUnit?: string;
  residentsPost?: ResidentsPost;
  startedOn: Dayjs;
};

function TeamPostModal({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const position = Form.useWatch('position', form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      addTeamPost(orgId, {
        personName: v.personName.trim(),
        position: v.position,
        homeUnit: v.homeUnit?.trim() || null,
        residentsPost: v.residentsPost ?? null,
        startedOn: v.startedOn.format('YYYY-MM-DD'),
      }),
    onSuccess: async () => {
      message.success(t.team.form.saved);
      await queryClient.invalidateQueries({ queryKey: ORG_SYSTEM_KEY });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open
      title={t.team.form.title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ startedOn: dayjs() }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          label={t.team.column.personName}
          name="personName"
          rules={[{ required: true, whitespace: true, message: t.team.form.personRequired }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          label={t.team.column.position}
          name="position"
          rules={[{ required: true, message: t.team.form.positionRequired }]}
        >
          <Select options={TEAM_POSITIONS.map((p) => ({ value: p, label: TEAM_POSITION_LABELS[p] }))} />
        </Form.Item>
        {position === 'part_time_member' && (
          <Form.Item
            label={t.team.column.homeUnit}
            name="homeUnit"
            rules={[{ required: true, whitespace: true, message: t.team.form.homeUnitRequired }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Form.Item label={t.team.column.residentsPost} name="residentsPost">
          <Select allowClear options={RESIDENTS_POSTS.map((p) => ({ value: p, label: RESIDENTS_POST_LABELS[p] }))} />
        </Form.Item>
        <Form.Item
          label={t.team.column.startedOn}
          name="startedOn"
          rules={[{ required: true, message: t.team.form.startedRequired }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
