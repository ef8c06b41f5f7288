import { z } from 'zod';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema, IdSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { listMine, markAllRead, markRead, readSettings, saveSettings, unreadCount } from './notifications.service.js';

const NotificationSchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

const ListQuerySchema = z.object({
  unread: z
    .enum(['true', 'false'], { error: '应为true或false' })
    .optional()
    .transform((v) => v === 'true'),
  before: IdSchema.optional(),
});
const UnreadSchema = z.object({ unread: z.number().int() }).meta({ id: 'UnreadCount' });
const SettingsSchema = z
  .object({ digest: z.enum(['immediate', 'daily'], { error: '应为 immediate（即时）或 daily（每日汇总）' }) })
  .meta({ id: 'NotificationSettings' });

/**
 * 站内消息: the messages addressed to the account making the request — no other account's can be named (an id
 * of another's is a 404). The pages poll the unread count; nothing is lost while an account is away, since a
 * message is a row written with the change it tells about.
 */
export const registerNotifications: Module = (app, { database: { db } }) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: '我的站内消息（最新在前，每页30条；before 为上一页最后一条的 id）',
        querystring: ListQuerySchema,
        response: {
          200: z
            .object({ items: z.array(NotificationSchema), hasMore: z.boolean(), unread: z.number().int() })
            .meta({ id: 'NotificationPage' }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => listMine(db, actorOf(request), request.query),
  );

  app.get(
    '/api/notifications/unread-count',
    {
      config: { duringPasswordChange: true },
      schema: {
        tags: ['notifications'],
        summary: '未读站内消息数',
        response: { 200: UnreadSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ unread: await unreadCount(db, actorOf(request).accountId) }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: '标记一条消息为已读',
        params: IdParamsSchema,
        response: { 200: NotificationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return markRead(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: '全部标记为已读',
        response: { 200: z.object({ marked: z.number().int() }).meta({ id: 'MarkedRead' }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return markAllRead(db, actor, auditContextOf(actor, request.ip));
    },
  );

  app.get(
    '/api/notifications/settings',
    {
      schema: {
        tags: ['notifications'],
        summary: '消息推送方式（即时或每日汇总，供日后接入短信、邮件）',
        response: { 200: SettingsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => readSettings(db, actorOf(request)),
  );

  app.patch(
    '/api/notifications/settings',
    {
      schema: {
        tags: ['notifications'],
        summary: '修改消息推送方式',
        body: SettingsSchema,
        response: { 200: SettingsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return saveSettings(db, actor, auditContextOf(actor, request.ip), request.body);
    },
  );
};
