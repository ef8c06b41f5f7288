import { z } from 'zod';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { sendStoredFile, STORED_FILE_RESPONSES } from '../storage/index.js';
import { addAttachment, deleteAttachment, listAttachments, openAttachment } from './org-life.attachments.js';
import {
  AttachmentParamsSchema,
  AttachmentUploadSchema,
  MeetingAttachmentListSchema,
  MeetingAttachmentSchema,
} from './org-life.schema.js';

const tags = ['org-life'];

/** A meeting's attachments (sign-in sheet photos, slides): optional, kept with the record. */
export const registerMeetingAttachments: Module = (app, { database: { db } }) => {
  app.get(
    '/api/org-life/meetings/:id/attachments',
    {
      config: { permission: 'orglife.read' },
      schema: {
        tags,
        summary: '会议附件（签到表照片、课件等）',
        params: IdParamsSchema,
        response: { 200: MeetingAttachmentListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listAttachments(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/org-life/meetings/:id/attachments',
    {
      config: { permission: 'orglife.write' },
      schema: {
        tags,
        summary:
          '上传会议附件：图片（JPEG、PNG、WebP，≤5MB，去除位置等元数据）或 PDF（≤10MB）；已定稿的记录上传即为补充更正',
        consumes: ['multipart/form-data'],
        params: IdParamsSchema,
        body: AttachmentUploadSchema,
        response: { 201: MeetingAttachmentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const saved = await addAttachment(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
      return reply.status(201).send(saved);
    },
  );

  app.get(
    '/api/org-life/meetings/:id/attachments/:attachmentId',
    {
      config: { permission: 'orglife.read' },
      schema: {
        tags,
        summary: '查看会议附件（留痕）',
        params: AttachmentParamsSchema,
        response: STORED_FILE_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const file = await openAttachment(
        db,
        actor,
        auditContextOf(actor, request.ip),
        request.params.id,
        request.params.attachmentId,
      );
      await sendStoredFile(reply, file.key, file.contentType, file.fileName);
      return reply;
    },
  );

  app.delete(
    '/api/org-life/meetings/:id/attachments/:attachmentId',
    {
      config: { permission: 'orglife.write' },
      schema: {
        tags,
        summary: '删除草稿的附件（已定稿记录的附件不能删除）',
        params: AttachmentParamsSchema,
        response: { 204: z.null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deleteAttachment(
        db,
        actor,
        auditContextOf(actor, request.ip),
        request.params.id,
        request.params.attachmentId,
      );
      return reply.status(204).send(null);
    },
  );
};
