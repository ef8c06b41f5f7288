import { RESIDENTS_POST_LABELS, TEAM_POSITION_LABELS } from '@gongjian/shared';
import { XLSX_RESPONSES, sendXlsx } from '../http/xlsx.js';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { findOrg } from '../organizations/organizations.repo.js';
import { CreateTeamPostSchema, EndTeamPostSchema, TeamPostSchema, TeamSchema, type TeamPost } from './teams.schema.js';
import { addTeamPost, endTeamPost, getTeam } from './teams.service.js';

const tags = ['teams'];

export const registerTeams: Module = (app, { database: { db } }) => {
  app.get(
    '/api/organizations/:id/team',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '领导班子（现任与历任）',
        params: IdParamsSchema,
        response: { 200: TeamSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getTeam(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/organizations/:id/team/export',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '导出领导班子（.xlsx）',
        params: IdParamsSchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const team = await getTeam(db, actor, request.params.id);
      const org = await findOrg(db, actor, request.params.id);
      return sendXlsx<TeamPost>(reply, db, auditContextOf(actor, request.ip), {
        name: `${org?.name ?? ''}领导班子`,
        sheet: '领导班子',
        columns: [
          { header: '姓名', value: (p) => p.personName },
          { header: '职务', value: (p) => TEAM_POSITION_LABELS[p.position] },
          { header: '所在驻区单位', value: (p) => p.homeUnit, width: 24 },
          { header: '居委会职务', value: (p) => (p.residentsPost ? RESIDENTS_POST_LABELS[p.residentsPost] : null) },
          { header: '一肩挑', value: (p) => (p.oneShoulder ? '是' : '') },
          { header: '任职日期', value: (p) => p.startedOn },
          { header: '离任日期', value: (p) => p.endedOn },
        ],
        rows: [...team.current, ...team.history],
        action: 'team_post.export',
        entity: 'team_post',
        orgPath: org?.path ?? actor.scopePath,
        filter: { orgId: request.params.id },
      });
    },
  );

  app.post(
    '/api/organizations/:id/team',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '任命班子职务',
        params: IdParamsSchema,
        body: CreateTeamPostSchema,
        response: { 201: TeamPostSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const post = await addTeamPost(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
      return reply.status(201).send(post);
    },
  );

  app.post(
    '/api/team-posts/:id/end',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '班子成员离任（保留为历任记录）',
        params: IdParamsSchema,
        body: EndTeamPostSchema,
        response: { 200: TeamPostSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return endTeamPost(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.endedOn);
    },
  );
};
