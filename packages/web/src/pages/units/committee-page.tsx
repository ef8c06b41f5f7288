import { chinaToday, TEAM_POSITION_LABELS } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import {
  appointPartTime,
  type CommitteePost,
  committeeQuery,
  endCommitteePost,
  setHomeUnit,
  UNITS_KEY,
  unitsQuery,
} from '../../api/units';
import { useCan, useMe } from '../../auth/use-me';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { unitsText } from './units.text';

const t = unitsText.committee;
const COMMITTEE_TYPES = new Set(['community_committee', 'big_community_committee']);

type AppointValues = { personName: string; unitId: number; startedOn: Dayjs };

/**
 * 社区大党委 (seed 004): a community committee's members, which are part-time and from which unit, the composition
 * computed from the posts, and the units whose member left with nobody in their place.
 */
export function CommitteePage() {
  const me = useMe();
  const canWrite = useCan('cobuild.write');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const own = me.data && COMMITTEE_TYPES.has(me.data.org.type) ? me.data.org.id : undefined;
  const orgId = Number(params.get('orgId')) || own;
  const committee = useQuery({ ...committeeQuery(orgId ?? 0), enabled: orgId !== undefined });
  const units = useQuery({ ...unitsQuery({ orgId, ended: 'false', pageSize: 200 }), enabled: orgId !== undefined });
  const [appointing, setAppointing] = useState(false);
  const [ending, setEnding] = useState<CommitteePost | null>(null);
  const [endOn, setEndOn] = useState<Dayjs>(dayjs(chinaToday()));
  const [form] = Form.useForm<AppointValues>();
  const showError = useFormError(form);
  const refresh = () => queryClient.invalidateQueries({ queryKey: UNITS_KEY });
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));

  const link = useMutation({
    mutationFn: ({ post, unitId }: { post: CommitteePost; unitId: number | null }) => setHomeUnit(post.id, unitId),
    onSuccess: async () => (message.success(t.saved), await refresh()),
    onError: (e) => message.error(errorMessage(e)),
  });
  const appoint = useMutation({
    mutationFn: (v: AppointValues) =>
      appointPartTime(orgId as number, {
        personName: v.personName.trim(),
        unitId: v.unitId,
        startedOn: v.startedOn.format('YYYY-MM-DD'),
      }),
    onSuccess: async () => {
      message.success(t.appointed);
      setAppointing(false);
      form.resetFields();
      await refresh();
    },
    onError: showError,
  });
  const end = useMutation({
    mutationFn: (post: CommitteePost) => endCommitteePost(post.id, endOn.format('YYYY-MM-DD')),
    onSuccess: async () => {
      message.success(t.saved);
      setEnding(null);
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const base: TableColumnsType<CommitteePost> = [
    { title: t.column.person, dataIndex: 'personName', width: 120 },
    {
      title: t.column.position,
      dataIndex: 'position',
      width: 120,
      render: (p: keyof typeof TEAM_POSITION_LABELS) => TEAM_POSITION_LABELS[p],
    },
    {
      title: t.column.partTime,
      dataIndex: 'partTime',
      width: 80,
      render: (p: boolean) => (p ? <Tag color="orange">{t.partTime}</Tag> : null),
    },
  ];
  const currentColumns: TableColumnsType<CommitteePost> = [
    ...base,
    {
      title: t.column.unit,
      key: 'unit',
      render: (_, p) =>
        canWrite ? (
          <Select
            allowClear
            style={{ width: 240 }}
            placeholder={p.homeUnit ? `${p.homeUnit}${t.unlinked}` : t.pickUnit}
            value={p.unit?.id}
            options={
              p.unit && !unitOptions.some((o) => o.value === p.unit?.id)
                ? [...unitOptions, { value: p.unit.id, label: p.unit.name }]
                : unitOptions
            }
            onChange={(unitId?: number) => link.mutate({ post: p, unitId: unitId ?? null })}
            aria-label={`${p.personName}${t.column.unit}`}
          />
        ) : (
          (p.unit?.name ?? p.homeUnit ?? '—')
        ),
    },
    { title: t.column.started, dataIndex: 'startedOn', width: 110 },
    ...(canWrite
      ? [
          {
            title: t.column.action,
            key: 'action',
            width: 70,
            render: (_: unknown, p: CommitteePost) => (
              <Typography.Link onClick={() => setEnding(p)}>{t.end}</Typography.Link>
            ),
          },
        ]
      : []),
  ];
  const historyColumns: TableColumnsType<CommitteePost> = [
    ...base,
    { title: t.column.unit, key: 'unit', render: (_, p) => p.unit?.name ?? p.homeUnit ?? '—' },
    { title: t.column.started, dataIndex: 'startedOn', width: 110 },
    { title: t.column.ended, dataIndex: 'endedOn', width: 110 },
  ];
  const c = committee.data;

  return (
    <Flex vertical gap="middle">
      <Card
        title={c ? `${t.title}：${c.org.name}` : t.title}
        extra={
          canWrite &&
          c && (
            <Button type="primary" onClick={() => setAppointing(true)}>
              {t.appoint}
            </Button>
          )
        }
      >
        <Flex vertical gap="middle">
          <Flex gap="middle" align="center" style={{ maxWidth: 520 }}>
            <Typography.Text>{t.community}</Typography.Text>
            <OrgTreeSelect value={orgId} placeholder={t.pick} onChange={(id) => setParams({ orgId: String(id) })} />
          </Flex>
          {orgId === undefined && <Alert type="info" title={t.pick} />}
          {committee.error && <QueryError error={committee.error} />}
          {c && (
            <>
              <Row gutter={16} data-testid="committee-composition">
                <Col xs={8} md={4}>
                  <Statistic title={t.members} value={c.composition.members} suffix="名" />
                </Col>
                <Col xs={8} md={4}>
                  <Statistic title={t.partTime} value={c.composition.partTime} suffix="名" />
                </Col>
                <Col xs={8} md={4}>
                  <Statistic title={t.units} value={c.composition.units} suffix="个" />
                </Col>
                <Col xs={24} md={12}>
                  <Typography.Paragraph style={{ marginTop: 8 }}>{t.composition(c.composition)}</Typography.Paragraph>
                </Col>
              </Row>
              {c.flagged.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  title={t.flagged}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                      {c.flagged.map((f) => (
                        <li key={f.id}>{t.flaggedItem(f)}</li>
                      ))}
                    </ul>
                  }
                />
              )}
            </>
          )}
        </Flex>
      </Card>
      {c && (
        <Card title={t.current}>
          <Table<CommitteePost>
            rowKey="id"
            size="middle"
            scroll={{ x: 'max-content' }}
            pagination={false}
            columns={currentColumns}
            dataSource={c.current}
          />
        </Card>
      )}
      {c && c.history.length > 0 && (
        <Card title={t.history}>
          <Table<CommitteePost>
            rowKey="id"
            size="small"
            scroll={{ x: 'max-content' }}
            pagination={false}
            columns={historyColumns}
            dataSource={c.history}
          />
        </Card>
      )}
      {appointing && (
        <Modal
          open
          title={t.appoint}
          onCancel={() => setAppointing(false)}
          onOk={() => form.submit()}
          confirmLoading={appoint.isPending}
        >
          <Form<AppointValues>
            form={form}
            layout="vertical"
            initialValues={{ startedOn: dayjs(chinaToday()) }}
            onFinish={(v) => appoint.mutate(v)}
          >
            <Form.Item
              label={t.column.person}
              name="personName"
              rules={[{ required: true, whitespace: true, message: unitsText.form.required }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item
              label={t.column.unit}
              name="unitId"
              rules={[{ required: true, message: unitsText.form.required }]}
            >
              <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
            </Form.Item>
            <Form.Item
              label={t.column.started}
              name="startedOn"
              rules={[{ required: true, message: unitsText.form.required }]}
            >
              <DatePicker allowClear={false} />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {ending && (
        <Modal
          open
          title={`${t.endTitle}：${ending.personName}`}
          onCancel={() => setEnding(null)}
          onOk={() => end.mutate(ending)}
          confirmLoading={end.isPending}
        >
          <Flex gap="small" align="center">
            {t.endedOn}
            <DatePicker value={endOn} onChange={(d) => d && setEndOn(d)} allowClear={false} />
          </Flex>
        </Modal>
      )}
    </Flex>
  );
}
