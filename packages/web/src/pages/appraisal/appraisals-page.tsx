import { APPRAISAL_GRADE_LABELS, APPRAISAL_STAGE_LABELS, type AppraisalStage } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  APPRAISAL_KEY,
  appraisalFiguresQuery,
  appraisalsQuery,
  createAppraisal,
  type AppraisalSummary,
} from '../../api/appraisal';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { ScopePicker } from '../org-checks/scope-picker';
import { appraisalText as t } from './appraisal.text';

const lastYear = new Date().getFullYear() - 1;
const STAGE_COLOR: Record<AppraisalStage, string> = { assessing: 'blue', grading: 'gold', closed: 'green' };

function CreateModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<{ orgId: number; year: number }>();
  const showError = useFormError(form);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: createAppraisal,
    onSuccess: async (a) => {
      message.success(t.created);
      await queryClient.invalidateQueries({ queryKey: APPRAISAL_KEY });
      void navigate(`/appraisal/${a.id}`);
    },
    onError: showError,
  });
  return (
    <Modal open title={t.createTitle} onCancel={onClose} onOk={() => form.submit()} confirmLoading={mutation.isPending}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year: new Date().getFullYear() }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item label={t.org} name="orgId" rules={[{ required: true }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item label={t.year} name="year" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Figures({ orgId, year }: { orgId?: number; year: number }) {
  const { data } = useQuery(appraisalFiguresQuery({ orgId, year }));
  if (!data) return null;
  const g = data.grades;
  return (
    <Typography.Paragraph data-testid="appraisal-figures">
      {t.figures(year)}：{APPRAISAL_GRADE_LABELS.excellent} {g.excellent}，{APPRAISAL_GRADE_LABELS.qualified}{' '}
      {g.qualified}，{APPRAISAL_GRADE_LABELS.basic} {g.basic}，{APPRAISAL_GRADE_LABELS.unqualified} {g.unqualified}，
      {t.notGraded}（{t.probationary}）{g.ungraded}
    </Typography.Paragraph>
  );
}

/** The appraisals of a scope by year, and a new one for an organisation. */
export function AppraisalsPage() {
  const [orgId, setOrgId] = useState<number>();
  const [year, setYear] = useState<number | undefined>();
  const [creating, setCreating] = useState(false);
  const canWrite = useCan('orglife.write');
  const { data, error, isFetching } = useQuery(appraisalsQuery({ ...(orgId && { orgId }), ...(year && { year }) }));
  return (
    <Card
      title={t.title}
      extra={
        <Flex gap="small">
          <ExportButton path="/api/appraisals/export" query={{ ...(orgId && { orgId }), ...(year && { year }) }} />
          {canWrite && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          )}
        </Flex>
      }
    >
      <Flex gap="middle" align="center" style={{ marginBottom: 16 }}>
        <ScopePicker value={orgId} onChange={setOrgId} />
        <span>
          {t.year}{' '}
          <InputNumber
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => setYear(v ?? undefined)}
            style={{ width: 100 }}
          />
        </span>
      </Flex>
      <Figures orgId={orgId} year={year ?? lastYear} />
      {error && <QueryError error={error} />}
      <Table<AppraisalSummary>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        pagination={false}
        columns={[
          {
            title: t.column.org,
            dataIndex: 'orgName',
            render: (n: string, a) => <Link to={`/appraisal/${a.id}`}>{n}</Link>,
          },
          { title: t.column.year, dataIndex: 'year' },
          {
            title: t.column.stage,
            dataIndex: 'stage',
            render: (s: AppraisalStage) => <Tag color={STAGE_COLOR[s]}>{APPRAISAL_STAGE_LABELS[s]}</Tag>,
          },
          { title: t.column.members, dataIndex: 'members' },
          { title: t.column.graded, render: (_, a) => `${a.graded}/${a.toGrade}` },
          { title: t.column.excellent, dataIndex: 'excellent' },
        ]}
      />
      {creating && <CreateModal onClose={() => setCreating(false)} />}
    </Card>
  );
}
