import { ORG_TYPE_LABELS, RULE_LABELS, TERM_STATUS_LABELS } from '@gongjian/shared';
import { XLSX_RESPONSES, sendXlsx } from '../http/xlsx.js';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { ErrorSchema } from '../http/errors.js';
import {
  type RuleViolationItem,
  RuleQuerySchema,
  RuleViolationListSchema,
  type TermItem,
  TermListSchema,
  TermQuerySchema,
} from './org-checks.schema.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import { listTerms, listViolations } from './org-checks.service.js';

const tags = ['org-checks'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** Live checks on the organisation records: establishment rules (支部工作条例) and term reminders (换届提醒). */
export const registerOrgChecks: Module = (app, { database: { db } }) => {
  app.get(
    '/api/org-rules',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '组织设置规则检查：下级（或本组织）的全部问题',
        querystring: RuleQuerySchema,
        response: { 200: RuleViolationListSchema, ...errors },
      },
    },
    async (request) => listViolations(db, actorOf(request), request.query),
  );

  app.get(
    '/api/org-rules/export',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '导出规则检查结果（.xlsx）',
        querystring: RuleQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const root = await requireScopeRoot(db, actor, request.query.orgId);
      const { items } = await listViolations(db, actor, request.query);
      return sendXlsx<RuleViolationItem>(reply, db, auditContextOf(actor, request.ip), {
        name: '组织设置问题清单',
        sheet: '组织设置问题',
        columns: [
          { header: '党组织', value: (v) => v.orgName, width: 32 },
          { header: '类型', value: (v) => ORG_TYPE_LABELS[v.orgType] },
          { header: '上级组织', value: (v) => v.parentName, width: 28 },
          { header: '问题', value: (v) => RULE_LABELS[v.rule], width: 20 },
          { header: '依据', value: (v) => v.reason, width: 60 },
        ],
        rows: items,
        action: 'org_rules.export',
        entity: 'organization',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );

  app.get(
    '/api/terms',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '换届提醒：6个月内到期与已到期的任期',
        querystring: TermQuerySchema,
        response: { 200: TermListSchema, ...errors },
      },
    },
    async (request) => listTerms(db, actorOf(request), request.query),
  );

  app.get(
    '/api/terms/export',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '导出换届提醒（.xlsx）',
        querystring: TermQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const root = await requireScopeRoot(db, actor, request.query.orgId);
      const { items } = await listTerms(db, actor, request.query);
      return sendXlsx<TermItem>(reply, db, auditContextOf(actor, request.ip), {
        name: '换届提醒',
        sheet: '换届提醒',
        columns: [
          { header: '党组织', value: (t) => t.orgName, width: 32 },
          { header: '类型', value: (t) => ORG_TYPE_LABELS[t.orgType] },
          { header: '上级组织', value: (t) => t.parentName, width: 28 },
          { header: '书记', value: (t) => t.secretaryName },
          { header: '本届开始', value: (t) => t.termStartedOn },
          { header: '任期届满', value: (t) => t.termEndsOn },
          { header: '状态', value: (t) => TERM_STATUS_LABELS[t.status] },
        ],
        rows: items,
        action: 'terms.export',
        entity: 'organization',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );
};
