import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { listAccounts } from './accounts.repo.js';
import {
  AccountListQuerySchema,
  AccountListSchema,
  AccountSchema,
  CreateAccountSchema,
  ResetPasswordSchema,
  UpdateAccountSchema,
} from './accounts.schema.js';
import { createAccount, resetAccountPassword, setAccountDisabled, updateAccount } from './accounts.service.js';

const tags = ['accounts'];

export const registerAccounts: Module = (app, { database: { db } }) => {
  app.get(
    '/api/accounts',
    {
      config: { permission: 'account.read' },
      schema: {
        tags,
        summary: '账号列表',
        querystring: AccountListQuerySchema,
        response: { 200: AccountListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listAccounts(db, actorOf(request), request.query),
  );

  app.post(
    '/api/accounts',
    {
      config: { permission: 'account.write' },
      schema: {
        tags,
        summary: '新建账号（首次登录须改密）',
        body: CreateAccountSchema,
        response: { 201: AccountSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createAccount(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.patch(
    '/api/accounts/:id',
    {
      config: { permission: 'account.write' },
      schema: {
        tags,
        summary: '关联或解除关联党员档案（memberId 为 null 即解除）',
        params: IdParamsSchema,
        body: UpdateAccountSchema,
        response: { 200: AccountSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateAccount(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/accounts/:id/${action}`,
      {
        config: { permission: 'account.write' },
        schema: {
          tags,
          summary: disabled ? '停用账号' : '启用账号（同时解除锁定）',
          params: IdParamsSchema,
          response: { 200: AccountSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return setAccountDisabled(db, actor, auditContextOf(actor, request.ip), request.params.id, disabled);
      },
    );
  }

  app.post(
    '/api/accounts/:id/password',
    {
      config: { permission: 'account.write' },
      schema: {
        tags,
        summary: '重置密码（设临时密码，下次登录须修改；结束其会话并解除锁定）',
        params: IdParamsSchema,
        body: ResetPasswordSchema,
        response: { 200: AccountSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return resetAccountPassword(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );
};
