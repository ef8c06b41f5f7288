import {
  APPRAISAL_GRADE_LABELS,
  APPRAISAL_GRADES,
  APPRAISAL_MEASURE_LABELS,
  APPRAISAL_MEASURES,
  APPRAISAL_STAGE_LABELS,
  excellentCap,
  type AppraisalGrade,
  type AppraisalMeasure,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import {
  advanceAppraisal,
  APPRAISAL_KEY,
  appraisalQuery,
  updateAppraisalEntry,
  type Appraisal,
  type AppraisalEntry,
  type AppraisalEntryInput,
} from '../../api/appraisal';
import { errorMessage } from '../../api/errors';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { appraisalText as t } from './appraisal.text';

function TextModal({
  appraisal,
  entry,
  onClose,
}: {
  appraisal: Appraisal;
  entry: AppraisalEntry;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ selfText?: string; mutualText?: string }>();
  const save = useSave(appraisal.id, onClose);
  return (
    <Modal
      open
      title={t.editTitle(entry.name)}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ selfText: entry.selfText ?? '', mutualText: entry.mutualText ?? '' }}
        onFinish={(v) =>
          save.mutate({ entryId: entry.id, body: { selfText: v.selfText ?? '', mutualText: v.mutualText ?? '' } })
        }
      >
        <Form.Item label={t.column.self} name="selfText">
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t.column.mutual} name="mutualText">
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function useSave(id: number, after?: () => void) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, body }: { entryId: number; body: AppraisalEntryInput }) =>
      updateAppraisalEntry(id, entryId, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(appraisalQuery(id).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: [...APPRAISAL_KEY, 'list'] });
      after?.();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
}

/** One appraisal: the grading table with the ⅓ cap shown live, the texts, the stage. */
export function AppraisalDetailPage() {
  const id = Number(useParams().id);
  const { data, error } = useQuery(appraisalQuery(id));
  const canWrite = useCan('orglife.write');
  const [editing, setEditing] = useState<AppraisalEntry>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useSave(id);
  const advance = useMutation({
    mutationFn: () => advanceAppraisal(id),
    onSuccess: (updated) => {
      message.success(t.advanced);
      queryClient.setQueryData(appraisalQuery(id).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: [...APPRAISAL_KEY, 'list'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (error) return <QueryError error={error} />;
  if (!data) return <Card loading />;
  const graded = data.entries.filter((e) => !e.probationary);
  const excellent = graded.filter((e) => e.grade === 'excellent').length;
  const cap = excellentCap(graded.length);
  const grading = canWrite && data.stage === 'grading';
  const open = canWrite && data.stage !== 'closed';
  const unqualifiedWithout = graded.some((e) => e.grade === 'unqualified' && !e.measure);
  return (
    <Card
      title={`${t.title}：${data.orgName} ${data.year}年度`}
      extra={
        <Flex gap="small" align="center">
          <Tag>{APPRAISAL_STAGE_LABELS[data.stage]}</Tag>
          <ExportButton path="/api/appraisals/{id}/export" pathParams={{ id }} />
          {open && data.stage !== 'closed' && (
            <Popconfirm title={t.advanceConfirm[data.stage]} onConfirm={() => advance.mutate()}>
              <Button type="primary" loading={advance.isPending}>
                {t.advance[data.stage]}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      }
    >
      <Typography.Paragraph data-testid="excellent-cap">
        <Tag color={excellent > cap ? 'red' : excellent === cap ? 'gold' : 'green'}>
          {t.cap(excellent, cap, graded.length)}
        </Tag>
      </Typography.Paragraph>
      {unqualifiedWithout && <Alert type="warning" showIcon title={t.measureNeeded} style={{ marginBottom: 16 }} />}
      <Table<AppraisalEntry>
        rowKey="id"
        size="middle"
        dataSource={data.entries}
        pagination={false}
        columns={[
          { title: t.column.name, dataIndex: 'name' },
          {
            title: t.column.kind,
            dataIndex: 'probationary',
            render: (p: boolean) => (p ? <Tag color="blue">{t.probationary}</Tag> : t.full),
          },
          {
            title: t.column.self,
            dataIndex: 'selfText',
            ellipsis: true,
            render: (s: string | null) => s ?? '—',
          },
          {
            title: t.column.mutual,
            dataIndex: 'mutualText',
            ellipsis: true,
            render: (s: string | null) => s ?? '—',
          },
          {
            title: t.column.grade,
            dataIndex: 'grade',
            width: 140,
            render: (g: AppraisalGrade | null, e) =>
              e.probationary ? (
                t.notGraded
              ) : grading ? (
                <Select<AppraisalGrade>
                  aria-label={`${e.name}${t.column.grade}`}
                  value={g ?? undefined}
                  style={{ width: 120 }}
                  placeholder={t.column.grade}
                  options={APPRAISAL_GRADES.map((grade) => ({
                    value: grade,
                    label:
                      grade === 'excellent' && g !== 'excellent' && excellent >= cap
                        ? `${APPRAISAL_GRADE_LABELS[grade]}（${t.capReached}）`
                        : APPRAISAL_GRADE_LABELS[grade],
                    disabled: grade === 'excellent' && g !== 'excellent' && excellent >= cap,
                  }))}
                  onChange={(grade) => save.mutate({ entryId: e.id, body: { grade } })}
                />
              ) : g ? (
                APPRAISAL_GRADE_LABELS[g]
              ) : (
                '—'
              ),
          },
          {
            title: t.column.measure,
            dataIndex: 'measure',
            width: 140,
            render: (m: AppraisalMeasure | null, e) =>
              e.grade !== 'unqualified' ? (
                ''
              ) : grading ? (
                <Select<AppraisalMeasure>
                  aria-label={`${e.name}${t.column.measure}`}
                  value={m ?? undefined}
                  status={m ? undefined : 'warning'}
                  style={{ width: 120 }}
                  options={APPRAISAL_MEASURES.map((x) => ({ value: x, label: APPRAISAL_MEASURE_LABELS[x] }))}
                  onChange={(measure) => save.mutate({ entryId: e.id, body: { measure } })}
                />
              ) : m ? (
                APPRAISAL_MEASURE_LABELS[m]
              ) : (
                '—'
              ),
          },
          {
            key: 'edit',
            render: (_, e) =>
              open && (
                <Button size="small" onClick={() => setEditing(e)}>
                  {t.edit}
                </Button>
              ),
          },
        ]}
      />
      {editing && <TextModal appraisal={data} entry={editing} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}
