import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Progress,
  Result,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/errors';
import {
  analyzeImport,
  checkImport,
  type ImportBranches,
  importBranches,
  type ImportForm,
  MEMBERS_KEY,
  rejectedRows,
  runImport,
  type UploadProgress,
} from '../../api/members';
import type { ImportAnalysis, ImportReport, ImportResult } from '../../api/types';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { ImportBranchesStep } from './import-branches';
import { ImportPreview } from './import-preview';
import { importText as t } from './import.text';

type Mapping = ImportAnalysis['mapping'];

/**
 * Upload → confirm the guessed columns → confirm which organisation each 所在支部 value means → row-by-row report
 * (with 更新名册中已有的党员: the preview of each change) → import (all or only the valid rows).
 */
export function ImportPage() {
  const [step, setStep] = useState(0);
  const [orgId, setOrgId] = useState<number>();
  const [file, setFile] = useState<File>();
  const [analysis, setAnalysis] = useState<ImportAnalysis>();
  const [mapping, setMapping] = useState<Mapping>({});
  const [update, setUpdate] = useState(false);
  const [branches, setBranches] = useState<ImportBranches>();
  const [picks, setPicks] = useState<Record<string, number>>({});
  const [report, setReport] = useState<ImportReport>();
  const [result, setResult] = useState<ImportResult>();
  const [progress, setProgress] = useState<UploadProgress>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  const form = (): ImportForm => ({
    file: file as File,
    orgId,
    mapping,
    headerRow: analysis?.headerRow,
    orgMap: picks,
    update,
  });
  const busy = progress !== undefined;
  async function run<T>(work: (onProgress: (p: UploadProgress) => void) => Promise<T>): Promise<T | undefined> {
    setProgress({ percent: 0, phase: 'upload' });
    try {
      return await work(setProgress);
    } catch (error) {
      message.error(errorMessage(error));
      return undefined;
    } finally {
      setProgress(undefined);
    }
  }

  const analyse = async () => {
    if (!orgId) return message.error(t.orgRequired);
    if (!file) return message.error(t.fileRequired);
    const found = await run((p) => analyzeImport({ file }, p));
    if (!found) return;
    setAnalysis(found);
    setMapping(found.mapping);
    // Choices made for another file or another target organisation do not carry over.
    setBranches(undefined);
    setPicks({});
    setStep(1);
  };
  /**
   * After the columns: the 所在支部 values and the organisations they were matched to, for the user to confirm —
   * unless there is nothing to confirm (no such column, or no value in it).
   */
  const matchBranches = async () => {
    if (mapping.orgName === undefined) {
      setBranches(undefined);
      return check();
    }
    const found = await run((p) => importBranches(form(), p));
    if (!found) return;
    setBranches(found);
    if (found.branches.length > 0) setStep(2);
    else await check();
  };
  const pick = (value: string, picked: number | undefined) => {
    const next = { ...picks };
    if (picked === undefined) delete next[value];
    else next[value] = picked;
    setPicks(next);
  };
  const check = async () => {
    const checked = await run((p) => checkImport(form(), p));
    if (!checked) return;
    setReport(checked);
    setStep(3);
  };
  const importRows = async (mode: 'all' | 'valid') => {
    const previewDigest = update ? (report?.previewDigest ?? '') : undefined;
    const done = await run((p) => runImport({ ...form(), mode, previewDigest }, p));
    if (!done) return;
    setResult(done);
    setStep(4);
    await queryClient.invalidateQueries({ queryKey: MEMBERS_KEY });
  };
  const download = async () => {
    const blob = await run(() => rejectedRows(form()));
    if (!blob) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `未通过的行-${file?.name.replace(/\.(xlsx|xls|et|csv)$/i, '') ?? '花名册'}.xlsx`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  const restart = () => {
    setFile(undefined);
    setAnalysis(undefined);
    setBranches(undefined);
    setPicks({});
    setReport(undefined);
    setResult(undefined);
    setStep(0);
  };

  return (
    <Card title={t.title}>
      <Steps current={step} items={t.steps.map((title) => ({ title }))} style={{ marginBottom: 24 }} />
      {progress && (
        <Progress percent={progress.percent} status="active" format={(p) => t.progress(progress.phase, p ?? 0)} />
      )}

      {step === 0 && (
        <Form layout="vertical" style={{ maxWidth: 560 }}>
          <Form.Item label={t.org} extra={t.orgHint} required>
            <OrgTreeSelect id="import-org" value={orgId} onChange={setOrgId} />
          </Form.Item>
          <Form.Item required>
            <Upload.Dragger
              accept=".xlsx,.xls,.et,.csv"
              maxCount={1}
              beforeUpload={(picked) => {
                setFile(picked);
                return false;
              }}
              onRemove={() => setFile(undefined)}
              fileList={file ? [{ uid: 'roster', name: file.name, status: 'done' }] : []}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t.drag}</p>
              <p className="ant-upload-hint">{t.dragHint}</p>
            </Upload.Dragger>
          </Form.Item>
          <Form.Item extra={t.updateHint}>
            <Checkbox checked={update} onChange={(e) => setUpdate(e.target.checked)}>
              {t.update}
            </Checkbox>
          </Form.Item>
          <Button type="primary" onClick={() => void analyse()} loading={busy}>
            {t.next}
          </Button>
        </Form>
      )}

      {step === 1 && analysis && (
        <>
          <Typography.Paragraph>{t.headerRow(analysis.headerRow, analysis.rowCount)}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={analysis.fields}
            columns={[
              {
                title: t.field,
                dataIndex: 'label',
                render: (label: string, f) => (f.required ? `${label}（${t.required}）` : label),
              },
              {
                title: t.column,
                key: 'column',
                render: (_, f) => (
                  <Select<number | -1>
                    aria-label={`${f.label}对应的列`}
                    style={{ width: 280 }}
                    value={mapping[f.field] ?? -1}
                    onChange={(value) => {
                      const next = { ...mapping };
                      if (value === -1) delete next[f.field];
                      else next[f.field] = value;
                      setMapping(next);
                    }}
                    options={[
                      { value: -1, label: t.notMapped },
                      ...analysis.headers.map((h, i) => ({ value: i, label: t.columnOption(i, h) })),
                    ]}
                  />
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t.sample}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            scroll={{ x: true }}
            rowKey={(_, i) => String(i)}
            dataSource={analysis.sample.map((cells) => Object.fromEntries(cells.map((c, i) => [i, c])))}
            columns={analysis.headers.map((h, i) => ({ title: h || `第${i + 1}列`, dataIndex: String(i) }))}
          />
          <Space style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(0)}>{t.back}</Button>
            <Button type="primary" onClick={() => void matchBranches()} loading={busy}>
              {t.check}
            </Button>
          </Space>
        </>
      )}

      {step === 2 && branches && (
        <>
          <ImportBranchesStep answer={branches} picks={picks} onPick={pick} />
          <Space style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(1)}>{t.back}</Button>
            <Button type="primary" onClick={() => void check()} loading={busy}>
              {t.check}
            </Button>
          </Space>
        </>
      )}

      {step === 3 && report && (
        <>
          <Space size={48} style={{ marginBottom: 16 }}>
            <Statistic title={t.summary.total} value={report.total} />
            <Statistic title={t.summary.valid} value={report.valid} />
            {update ? (
              <>
                <Statistic title={t.summary.updated} value={report.updated} />
                <Statistic title={t.summary.unchanged} value={report.unchanged} />
              </>
            ) : (
              <Statistic title={t.summary.existing} value={report.existing} />
            )}
            <Statistic
              title={t.summary.invalid}
              value={report.invalid}
              styles={{ content: { color: report.invalid ? '#cf1322' : undefined } }}
            />
          </Space>
          {report.invalid === 0 ? (
            <Alert type="success" showIcon title={t.allValid} style={{ marginBottom: 16 }} />
          ) : (
            <Alert type="warning" showIcon title={t.hasProblems(report.invalid)} style={{ marginBottom: 16 }} />
          )}
          {update && <ImportPreview report={report} />}
          {report.problems.length > 0 && (
            <Table
              size="small"
              rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
              dataSource={report.problems}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: t.problems.row, dataIndex: 'row', width: 80 },
                { title: t.problems.column, dataIndex: 'column', width: 160 },
                { title: t.problems.message, dataIndex: 'message' },
              ]}
            />
          )}
          {report.problemsTruncated && <Alert type="info" title={t.truncated} />}
          <Space style={{ marginTop: 16 }} wrap>
            <Button onClick={() => setStep(branches?.branches.length ? 2 : 1)}>{t.back}</Button>
            <Button
              type="primary"
              disabled={report.invalid > 0}
              title={t.importAllHint}
              onClick={() => void importRows('all')}
            >
              {update && report.updated > 0 ? t.importAndUpdate : t.importAll}
            </Button>
            {report.invalid > 0 && (
              <>
                <Button onClick={() => void importRows('valid')} disabled={report.valid === 0}>
                  {t.importValid}
                </Button>
                <Button onClick={() => void download()}>{t.downloadRejected}</Button>
                <Button onClick={restart}>{t.restart}</Button>
              </>
            )}
          </Space>
        </>
      )}

      {step === 4 && result && (
        <Result
          status={result.imported > 0 || result.updated > 0 || result.invalid === 0 ? 'success' : 'warning'}
          title={t.done(result.imported, result.updated, result.skipped)}
          extra={[
            <Link key="list" to="/members">
              <Button type="primary">{t.toList}</Button>
            </Link>,
            <Button key="again" onClick={restart}>
              {t.again}
            </Button>,
          ]}
        />
      )}
    </Card>
  );
}
