import { coverageRateText, MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS } from '@gongjian/shared';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { XLSX_RESPONSES, sendXlsx, type SheetColumn } from '../http/xlsx.js';
import { findOrg } from '../organizations/organizations.repo.js';
import { FiguresSchema, type OrgFigures } from './figures.schema.js';
import { getFigures } from './figures.service.js';

const rate = (f: OrgFigures, value: number) => coverageRateText(f.newOrgs.total, value);

/** The page's table of child organisations, with the organisation's own total as the last row. */
const FIGURE_COLUMNS: SheetColumn<OrgFigures & { label: string }>[] = [
  { header: '党组织', width: 30, value: (f) => f.label },
  { header: '党员', width: 8, value: (f) => f.members.total },
  { header: '正式党员', width: 9, value: (f) => f.members.full },
  { header: '预备党员', width: 9, value: (f) => f.members.probationary },
  { header: '女党员', width: 8, value: (f) => f.members.female },
  ...MEMBER_CATEGORIES.map((c): SheetColumn<OrgFigures & { label: string }> => ({
    header: MEMBER_CATEGORY_LABELS[c],
    width: 10,
    value: (f) => f.members.byCategory[c] ?? 0,
  })),
  { header: '两新组织', width: 9, value: (f) => f.newOrgs.total },
  { header: '空白点', width: 8, value: (f) => f.newOrgs.blank },
  { header: '组织覆盖率', width: 10, value: (f) => rate(f, f.newOrgs.orgRate) },
  { header: '工作覆盖率', width: 10, value: (f) => rate(f, f.newOrgs.workRate) },
  { header: '从业人员', width: 10, value: (f) => f.newOrgs.employees },
  { header: '其中党员', width: 10, value: (f) => f.newOrgs.partyMembers },
];

/** Live figures of a subtree: members by status, gender and category; coverage of new organisations. */
export const registerFigures: Module = (app, { database: { db } }) => {
  app.get(
    '/api/organizations/:id/figures',
    {
      config: { permission: 'org.read' },
      schema: {
        tags: ['organizations'],
        summary: '组织（含下级）的实时统计：党员人数与类别、两新组织覆盖率',
        params: IdParamsSchema,
        response: { 200: FiguresSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getFigures(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/organizations/:id/figures/export',
    {
      config: { permission: 'org.read' },
      schema: {
        tags: ['organizations'],
        summary: '导出下级组织统计表（.xlsx，末行为本组织合计）',
        params: IdParamsSchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const figures = await getFigures(db, actor, request.params.id);
      const org = await findOrg(db, actor, request.params.id);
      const rows = [
        ...figures.children.map((c) => ({ ...c, label: c.org.name })),
        { ...figures, label: `合计（${figures.org.name}）` },
      ];
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: `${figures.org.name}党员和两新组织统计`,
        sheet: '统计',
        columns: FIGURE_COLUMNS,
        rows,
        action: 'figures.export',
        entity: 'organization',
        orgPath: org?.path ?? actor.scopePath,
        filter: { orgId: request.params.id },
      });
    },
  );
};
