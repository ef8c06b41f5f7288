import { ACCOUNT_STATUS_LABELS, accountStatus, chinaDateTime, ROLE_LABELS } from '@gongjian/shared';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { XLSX_RESPONSES, sendXlsx } from '../http/xlsx.js';
import { allAccounts, listAccounts } from './accounts.repo.js';
import {
  type Account,
  AccountExportQuerySchema,
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

  app.get(
    '/api/accounts/export',
    {
      config: { permission: 'account.read' },
      schema: {
        tags,
        summary: '导出账号列表（.xlsx）',
        querystring: AccountExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const rows = await allAccounts(db, actor, request.query.q);
      return sendXlsx<Account>(reply, db, auditContextOf(actor, request.ip), {
        name: '账号列表',
        sheet: '账号',
        columns: [
          { header: '用户名', width: 16, value: (a) => a.username },
          { header: '姓名', width: 14, value: (a) => a.displayName },
          { header: '角色', width: 14, value: (a) => ROLE_LABELS[a.role] },
          { header: '所属组织', width: 30, value: (a) => a.org.name },
          { header: '关联党员', width: 12, value: (a) => a.member?.name ?? '' },
          { header: '状态', width: 10, value: (a) => ACCOUNT_STATUS_LABELS[accountStatus(a)] },
          { header: '最近登录（北京时间）', width: 20, value: (a) => chinaDateTime(a.lastLoginAt) },
          { header: '创建时间（北京时间）', width: 20, value: (a) => chinaDateTime(a.createdAt) },
        ],
        rows,
        action: 'account.export',
        entity: 'account',
        orgPath: actor.scopePath,
        filter: request.query,
      });
    },
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
        summary:
          '修改账号：姓名、角色与所属组织（改后其会话结束），或关联、解除关联党员档案（memberId 为 null 即解除）',
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
