import { MEETING_ATTACHMENT_KIND_LABELS, MEETING_ATTACHMENTS_MAX, type MeetingAttachmentKind } from '@gongjian/shared';
import { and, eq, sql } from 'drizzle-orm';
import { type AuditContext, audited, auditEvent } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { pathInScope } from '../http/scope.js';
import { checkImage, checkPdf, fileStore, sniffImage, stripImageMetadata } from '../storage/index.js';
import { findMeeting } from './org-life.repo.js';
import type { MeetingAttachment } from './org-life.schema.js';
import { meetingAttachments } from './org-life.tables.js';

type AttachmentRow = {
  id: number;
  meeting_id: number;
  kind: MeetingAttachmentKind;
  file_key: string;
  content_type: string;
  size: number;
  file_name: string;
  added_after_final: boolean;
  created_at: string;
  org_path: string;
};

const COLUMNS = sql`f.id::int as id, f.meeting_id::int as meeting_id, f.kind, f.file_key, f.content_type, f.size,
  f.file_name, f.added_after_final, f.created_at::text as created_at, o.path::text as org_path`;

export const toAttachment = (r: Omit<AttachmentRow, 'file_key' | 'org_path'>): MeetingAttachment => ({
  id: r.id,
  kind: r.kind,
  contentType: r.content_type,
  size: r.size,
  fileName: r.file_name,
  addedAfterFinal: r.added_after_final,
  createdAt: r.created_at,
});

/** A meeting's attachments, oldest first (the meeting was found in scope by the caller). */
export async function attachmentsOf(db: Queryable, meetingId: number): Promise<MeetingAttachment[]> {
  const rows = await queryRows<AttachmentRow>(
    db,
    sql`select ${COLUMNS} from meeting_attachments f join organizations o on o.id = f.org_id
         where f.meeting_id = ${meetingId} order by f.id`,
  );
  return rows.map(toAttachment);
}

export async function listAttachments(db: Db, actor: Actor, meetingId: number) {
  if (!(await findMeeting(db, actor, meetingId))) throw notFound('会议记录');
  return { items: await attachmentsOf(db, meetingId) };
}

async function findAttachment(db: Queryable, actor: Actor, meetingId: number, id: number, lock = false) {
  const [row] = await queryRows<AttachmentRow>(
    db,
    sql`select ${COLUMNS} from meeting_attachments f join organizations o on o.id = f.org_id
         where f.id = ${id} and f.meeting_id = ${meetingId} and ${pathInScope(actor, sql`o.path`)}
         ${lock ? sql`for update of f` : sql``}`,
  );
  if (!row) throw notFound('附件');
  return row;
}

/**
 * The file's type from its content: an image (JPEG/PNG/WebP, ≤ 5 MB, its location metadata removed) or a PDF
 * (≤ 10 MB); anything else a 400.
 */
function checkUpload(bytes: Buffer): { contentType: string; bytes: Buffer } {
  if (sniffImage(bytes)) {
    const { contentType } = checkImage(bytes, 'file');
    return { contentType, bytes: stripImageMetadata(bytes, contentType) };
  }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return { ...checkPdf(bytes, 'file'), bytes };
  if (bytes.length === 0) throw invalid('file', '请选择文件');
  throw invalid('file', '只能上传图片（JPEG、PNG、WebP）或 PDF 文件');
}

const EXTENSION: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
};

/** The name shown and sent: the one given (its folder parts dropped), or the kind's label; the extension the type's. */
function fileNameOf(given: string | undefined, kind: MeetingAttachmentKind, contentType: string): string {
  const extension = EXTENSION[contentType] ?? '';
  const base = (given ?? '')
    .split(/[\\/]/)
    .pop()
    ?.replace(/["<>|*?:]/g, '')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${(base || MEETING_ATTACHMENT_KIND_LABELS[kind]).slice(0, 100)}${extension}`;
}

/**
 * Keeps a file with a meeting's record. A draft takes it freely; a finalised record takes it as a correction
 * (marked, and audited as one). The bytes are stored first; if the record then refuses them, they are removed.
 */
export async function addAttachment(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  meetingId: number,
  input: { file: Buffer; kind: MeetingAttachmentKind; name?: string | undefined },
): Promise<MeetingAttachment> {
  const { contentType, bytes } = checkUpload(input.file);
  const meeting = await findMeeting(db, actor, meetingId);
  if (!meeting) throw notFound('会议记录');
  const store = fileStore();
  const key = await store.put(bytes);
  try {
    return await audited(
      db,
      ctx,
      meeting.status === 'final' ? 'meeting.attachment_correct' : 'meeting.attachment_add',
      async (tx) => {
        const locked = await findMeeting(tx, actor, meetingId, true);
        if (!locked) throw notFound('会议记录');
        const [n] = await queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from meeting_attachments where meeting_id = ${meetingId}`,
        );
        if ((n?.n ?? 0) >= MEETING_ATTACHMENTS_MAX) {
          throw conflict(`每次会议最多保存${MEETING_ATTACHMENTS_MAX}个附件`);
        }
        const [row] = await tx
          .insert(meetingAttachments)
          .values({
            meetingId,
            orgId: locked.org_id,
            kind: input.kind,
            fileKey: key,
            contentType,
            size: bytes.length,
            fileName: fileNameOf(input.name, input.kind, contentType),
            addedAfterFinal: locked.status === 'final',
            createdBy: actor.accountId,
          })
          .returning({ id: meetingAttachments.id });
        const saved = await findAttachment(tx, actor, meetingId, (row as { id: number }).id);
        return toAttachment(saved);
      },
    );
  } catch (error) {
    await store.remove(key);
    throw error;
  }
}

/** Sends an attachment of a meeting in scope (404 otherwise), and puts the viewing on record. */
export async function openAttachment(db: Db, actor: Actor, ctx: AuditContext, meetingId: number, id: number) {
  const row = await findAttachment(db, actor, meetingId, id);
  await auditEvent(db, ctx, {
    action: 'meeting.attachment_view',
    entity: 'meeting_attachment',
    entityId: String(row.id),
    orgPath: row.org_path,
    after: { meetingId, fileName: row.file_name },
  });
  return { key: row.file_key, contentType: row.content_type, fileName: row.file_name };
}

/** A draft's attachment may be taken away; a finalised record keeps its attachments (409). */
export async function deleteAttachment(db: Db, actor: Actor, ctx: AuditContext, meetingId: number, id: number) {
  const key = await audited(db, ctx, 'meeting.attachment_delete', async (tx) => {
    const meeting = await findMeeting(tx, actor, meetingId, true);
    if (!meeting) throw notFound('会议记录');
    const row = await findAttachment(tx, actor, meetingId, id, true);
    if (meeting.status !== 'draft') throw conflict('已定稿的会议记录的附件不能删除（可补充附件作为更正）');
    await tx
      .delete(meetingAttachments)
      .where(and(eq(meetingAttachments.id, id), eq(meetingAttachments.meetingId, meetingId)));
    return row.file_key;
  });
  await fileStore().remove(key);
}

/** The stored files of a meeting, read before it is deleted (a draft): removed once the deletion is committed. */
export async function attachmentKeys(db: Queryable, meetingId: number): Promise<string[]> {
  const rows = await queryRows<{ file_key: string }>(
    db,
    sql`select file_key from meeting_attachments where meeting_id = ${meetingId}`,
  );
  return rows.map((r) => r.file_key);
}

export async function removeFiles(keys: readonly string[]) {
  for (const key of keys) await fileStore().remove(key);
}
