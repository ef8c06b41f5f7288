import { MEETING_ATTACHMENT_KIND_LABELS, MEETING_ATTACHMENT_KINDS } from '@gongjian/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import {
  type AttachmentKind,
  attachmentUrl,
  deleteAttachment,
  type Meeting,
  type MeetingAttachment,
  meetingQuery,
  ORG_LIFE_KEY,
  uploadAttachment,
} from '../../api/org-life';
import { formatDateTime } from '../../lib/format';
import { orgLifeText } from './org-life.text';

const t = orgLifeText.attachments;

const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf';
const size = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

/**
 * A meeting's attachments (sign-in sheet photos, slides): optional. A draft adds and deletes them; a finalised record
 * takes one more as a correction and keeps every one. The files open in a new tab (the server checks the scope).
 */
export function MeetingAttachments({ meeting, canWrite }: { meeting?: Meeting; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [kind, setKind] = useState<AttachmentKind>('sign_in');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ORG_LIFE_KEY });
  const upload = useMutation({
    mutationFn: (file: File) => uploadAttachment(meeting?.id as number, file, kind),
    onSuccess: async (saved) => {
      message.success(t.uploaded(saved.fileName));
      await refresh();
    },
    onError: (error) => message.error(error.message),
  });
  const remove = useMutation({
    mutationFn: (id: number) => deleteAttachment(meeting?.id as number, id),
    onSuccess: async () => {
      message.success(t.removed);
      await refresh();
      if (meeting) await queryClient.invalidateQueries({ queryKey: meetingQuery(meeting.id).queryKey });
    },
    onError: (error) => message.error(error.message),
  });

  if (!meeting) {
    return (
      <>
        <Typography.Title level={5}>{t.title}</Typography.Title>
        <Typography.Paragraph type="secondary">{t.newHint}</Typography.Paragraph>
      </>
    );
  }
  const final = meeting.status === 'final';
  return (
    <section data-testid="meeting-attachments" style={{ marginBottom: 16 }}>
      <Typography.Title level={5}>{t.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{t.hint}</Typography.Paragraph>
      {final && canWrite && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t.finalHint} />}
      <Table<MeetingAttachment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={meeting.attachments}
        locale={{ emptyText: t.empty }}
        style={{ marginBottom: 8 }}
        columns={[
          { title: t.column.kind, key: 'kind', width: 110, render: (_, f) => MEETING_ATTACHMENT_KIND_LABELS[f.kind] },
          {
            title: t.column.name,
            key: 'name',
            render: (_, f) => (
              <Space size={4}>
                <a href={attachmentUrl(meeting.id, f.id)} target="_blank" rel="noreferrer">
                  {f.fileName}
                </a>
                {f.addedAfterFinal && <Tag color="orange">{t.afterFinal}</Tag>}
              </Space>
            ),
          },
          { title: t.column.size, key: 'size', width: 90, render: (_, f) => size(f.size) },
          { title: t.column.at, key: 'at', width: 150, render: (_, f) => formatDateTime(f.createdAt).slice(0, 16) },
          ...(canWrite && !final
            ? [
                {
                  title: '',
                  key: 'remove',
                  width: 70,
                  render: (_: unknown, f: MeetingAttachment) => (
                    <Popconfirm title={t.removeConfirm} onConfirm={() => remove.mutate(f.id)}>
                      <Button type="link" danger size="small" aria-label={`${t.remove}${f.fileName}`}>
                        {t.remove}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canWrite && (
        <Space align="start" wrap>
          <Select<AttachmentKind>
            aria-label={t.kind}
            style={{ width: 130 }}
            value={kind}
            onChange={setKind}
            options={MEETING_ATTACHMENT_KINDS.map((v) => ({ value: v, label: MEETING_ATTACHMENT_KIND_LABELS[v] }))}
          />
          <Upload.Dragger
            accept={ACCEPT}
            multiple={false}
            showUploadList={false}
            disabled={upload.isPending}
            beforeUpload={(file) => {
              upload.mutate(file);
              return false;
            }}
            style={{ padding: '0 24px' }}
          >
            <Typography.Text>{upload.isPending ? '上传中…' : t.drop}</Typography.Text>
          </Upload.Dragger>
        </Space>
      )}
    </section>
  );
}
