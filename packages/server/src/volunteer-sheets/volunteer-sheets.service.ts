import {
  chinaToday,
  effectiveVolunteerRules,
  isClosedServicePeriod,
  lastClosedServiceQuarter,
  servicePeriodLabel,
  servicePeriodRange,
  type ServiceQuarter,
  sheetWindow,
  type VolunteerRuleSetting,
  volunteerSettingProblems,
} from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { audited, type AuditContext, auditEvent } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { html, type PrintPage } from '../http/print.js';
import { streamWorkbook } from '../http/xlsx.js';
import { requireOrgInScope, requireScopeRoot } from '../organizations/scope-root.js';
import { SHEET_COLUMNS, SHEET_STYLE, sheetBody, sheetTitle } from './sheet.js';
import {
  countSentSheets,
  deleteStaleSheets,
  ruleChain,
  selectChildren,
  selectFigures,
  selectRanking,
  selectSheets,
  selectUnits,
  sheetUnder,
  toSheet,
  upsertSheets,
} from './volunteer-sheets.repo.js';
import type { Generate, MarkSent, SheetFilter, SheetListQuery } from './volunteer-sheets.schema.js';
import { residenceSheetSends, volunteerRuleSettings } from './volunteer-sheets.tables.js';

/** Only the city's and the districts' committees set local rules; everyone below inherits them. */
const SETTABLE = new Set(['city_committee', 'district_committee']);
const SHEET = '反馈表';

async function rulesOf(db: Queryable, org: { id: number; name: string; type: string; path: string }) {
  const chain = await ruleChain(db, org.path);
  const own = chain.find((l) => l.orgId === org.id)?.setting ?? null;
  return {
    org: { id: org.id, name: org.name, type: org.type },
    settable: SETTABLE.has(org.type),
    own,
    effective: effectiveVolunteerRules(chain),
  };
}

export async function getRules(db: Db, actor: Actor, orgId: number | undefined) {
  const root = await requireScopeRoot(db, actor, orgId);
  const [org] = await queryRows<{ id: number; name: string; type: string; path: string }>(
    db,
    sql`select id::int as id, name, type, path::text as path from organizations where id = ${root.id}`,
  );
  if (!org) throw notFound('组织');
  return rulesOf(db, org);
}

export async function setRules(db: Db, actor: Actor, ctx: AuditContext, orgId: number, setting: VolunteerRuleSetting) {
  return audited(db, ctx, 'volunteer_rules.update', async (tx) => {
    const org = await requireOrgInScope(tx, actor, orgId);
    if (!SETTABLE.has(org.type)) throw invalid('orgId', '只有市委、县区委可设置志愿服务规则，下级沿用上级规则');
    const [problem] = volunteerSettingProblems(setting);
    if (problem) throw invalid(problem[0], problem[1]);
    const inheritsAll = Object.values(setting).every((v) => v === null);
    if (inheritsAll) {
      await tx.delete(volunteerRuleSettings).where(eq(volunteerRuleSettings.orgId, orgId));
    } else {
      const values = {
        yearlyTargetHours: setting.yearlyTargetHours === null ? null : String(setting.yearlyTargetHours),
        pointsEnabled: setting.pointsEnabled,
        pointsPerHour: setting.pointsPerHour === null ? null : String(setting.pointsPerHour),
        pointsPerActivity: setting.pointsPerActivity === null ? null : { ...setting.pointsPerActivity },
        rankingEnabled: setting.rankingEnabled,
      };
      await tx
        .insert(volunteerRuleSettings)
        .values({ orgId, ...values })
        .onConflictDoUpdate({ target: volunteerRuleSettings.orgId, set: { ...values, updatedAt: sql`now()` } });
    }
    return rulesOf(tx, { id: org.id, name: org.name, type: org.type, path: org.path });
  });
}

// ---- sheets ----

async function sheetFilter(db: Db, actor: Actor, query: SheetFilter) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  return {
    root,
    where: sql`${sheetUnder(root.path)} and s.year = ${query.year} and s.quarter = ${query.quarter}
      ${query.unitOrgId === undefined ? sql`` : sql`and s.unit_org_id = ${query.unitOrgId}`}`,
  };
}

export async function listSheets(db: Db, actor: Actor, query: SheetListQuery) {
  const { where } = await sheetFilter(db, actor, query);
  const { rows, total } = await selectSheets(db, where, query.page, query.pageSize);
  return { items: rows.map(toSheet), total, page: query.page, pageSize: query.pageSize };
}

export async function sheetUnits(db: Db, actor: Actor, query: Omit<SheetFilter, 'unitOrgId'>) {
  const { where } = await sheetFilter(db, actor, query);
  const rows = await selectUnits(db, where);
  return {
    items: rows.map((r) => ({
      communityId: r.community_id,
      communityName: r.community_name,
      unitOrgId: r.unit_org_id,
      unitOrgName: r.unit_org_name,
      sheets: r.sheets,
      sentOn: r.sent_on,
    })),
  };
}

export async function getSheet(db: Db, actor: Actor, id: number) {
  const { rows } = await selectSheets(db, sql`s.id = ${id} and ${sheetUnder(actor.scopePath)}`, 1, 1);
  if (!rows[0]) throw notFound(SHEET);
  return toSheet(rows[0]);
}

/** At most this many sheets print at once (a unit's members of one community): a page each. */
const PRINT_MAX = 500;

async function printed(db: Db, actor: Actor, ctx: AuditContext, sheets: ReturnType<typeof toSheet>[], filter: unknown) {
  const first = sheets[0];
  if (!first) throw notFound(SHEET);
  await auditEvent(db, ctx, {
    action: 'residence_sheet.print',
    entity: 'residence_sheet',
    entityId: sheets.length === 1 ? String(first.id) : null,
    orgPath: actor.scopePath,
    after: { filter, sheets: sheets.length },
  });
  const page: PrintPage = {
    title:
      sheets.length === 1 ? `${sheetTitle(first)}-${first.memberName}` : `${sheetTitle(first)}-${first.unitOrgName}`,
    orgName: first.communityName,
    printedOn: chinaToday(),
    note: `共${sheets.length}份，每人一页`,
    body: html`${SHEET_STYLE}${sheets.map((s, i) => sheetBody(s, i === 0))}`,
  };
  return page;
}

export async function printSheet(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return printed(db, actor, ctx, [await getSheet(db, actor, id)], { id });
}

export async function printSheets(db: Db, actor: Actor, ctx: AuditContext, query: SheetFilter) {
  const { where } = await sheetFilter(db, actor, query);
  const { rows, total } = await selectSheets(db, where, 1, PRINT_MAX);
  if (total > PRINT_MAX) throw invalid('unitOrgId', `一次最多打印${PRINT_MAX}份，请选择单位党组织`);
  return printed(db, actor, ctx, rows.map(toSheet), query);
}

export async function exportSheets(db: Db, actor: Actor, ctx: AuditContext, query: SheetFilter) {
  const { root, where } = await sheetFilter(db, actor, query);
  const { total } = await selectSheets(db, where, 1, 1);
  await auditEvent(db, ctx, {
    action: 'residence_sheet.export',
    entity: 'residence_sheet',
    orgPath: root.path,
    after: { filter: query, rows: total },
  });
  async function* pages() {
    for (let page = 1; ; page++) {
      const { rows } = await selectSheets(db, where, page, 1000);
      if (rows.length) yield rows.map(toSheet);
      if (rows.length < 1000) return;
    }
  }
  return streamWorkbook('在职党员社区表现反馈表', SHEET_COLUMNS, pages());
}

/**
 * Makes a quarter's sheets for the registrations with communities under `rootPath` (null: everywhere), in a few
 * statements whatever the number of members, and puts the run on record as one event with its counts. Runs in
 * the caller's transaction.
 */
export async function writeSheets(
  tx: Queryable,
  ctx: AuditContext,
  p: { rootPath: string | null; quarter: ServiceQuarter; today: string; mode: 'fill' | 'refresh' },
) {
  const window = sheetWindow(p.quarter, p.today);
  if (!window) throw invalid('quarter', '该季度尚未开始');
  // Everywhere: every path is under the empty one.
  const rootPath = p.rootPath ?? '';
  const where = { rootPath, year: p.quarter.year, quarter: p.quarter.quarter, from: window.from, asOf: window.asOf };
  const sheets = await upsertSheets(tx, { ...where, yearFrom: window.yearFrom, mode: p.mode });
  const removed = await deleteStaleSheets(tx, where);
  const keptSent = await countSentSheets(tx, where);
  await auditEvent(tx, ctx, {
    action: 'residence_sheet.generate',
    entity: 'residence_sheet',
    orgPath: p.rootPath,
    after: {
      year: p.quarter.year,
      quarter: p.quarter.quarter,
      asOf: window.asOf,
      mode: p.mode,
      sheets,
      removed,
      keptSent,
    },
  });
  return { sheets, keptSent, asOf: window.asOf };
}

export async function generateSheets(db: Db, ctx: AuditContext, p: Parameters<typeof writeSheets>[2]) {
  return db.transaction((tx) => writeSheets(tx, ctx, p));
}

/** On demand: a community (or any organisation above it) makes or refreshes its quarter's sheets not yet sent. */
export async function generate(db: Db, actor: Actor, ctx: AuditContext, input: Generate) {
  const root = await requireScopeRoot(db, actor, input.orgId);
  const quarter = { year: input.year, quarter: input.quarter as ServiceQuarter['quarter'] };
  return generateSheets(db, ctx, { rootPath: root.path, quarter, today: chinaToday(), mode: 'refresh' });
}

/** The job: once a quarter has ended, every registration's sheet of it (those already made are left). */
export async function generateClosedQuarter(db: Db, ctx: AuditContext, now: Date) {
  const today = chinaToday(now);
  const quarter = lastClosedServiceQuarter(today);
  const result = await generateSheets(db, ctx, { rootPath: null, quarter, today, mode: 'fill' });
  return { ...result, quarter: servicePeriodLabel(quarter) };
}

/** The community marks a quarter's sheets as sent to a unit (or every unit): from then on they stay as sent. */
export async function markSent(db: Db, actor: Actor, ctx: AuditContext, input: MarkSent) {
  return audited(db, ctx, 'residence_sheet.send', async (tx) => {
    const community = await requireOrgInScope(tx, actor, input.communityId);
    const quarter = { year: input.year, quarter: input.quarter as ServiceQuarter['quarter'] };
    const today = chinaToday();
    if (!isClosedServicePeriod(quarter, today))
      throw conflict(`${servicePeriodLabel(quarter)}尚未结束，结束后才能报送反馈表`);
    const sentOn = input.sentOn ?? today;
    if (sentOn > today) throw invalid('sentOn', '不能晚于今天');
    const units = await queryRows<{ unit_org_id: number; sheets: number; sent: boolean }>(
      tx,
      sql`select s.unit_org_id::int as unit_org_id, count(*)::int as sheets,
                 exists (select 1 from residence_sheet_sends d where d.org_id = s.org_id and d.unit_org_id = s.unit_org_id
                           and d.year = s.year and d.quarter = s.quarter) as sent
            from residence_sheets s
           where s.org_id = ${community.id} and s.year = ${input.year} and s.quarter = ${input.quarter}
             ${input.unitOrgId === undefined ? sql`` : sql`and s.unit_org_id = ${input.unitOrgId}`}
           group by s.org_id, s.unit_org_id, s.year, s.quarter`,
    );
    // A unit named with no sheet of this community: as for a record that does not exist.
    if (units.length === 0 && input.unitOrgId !== undefined) throw notFound(SHEET);
    if (units.length === 0) throw conflict(`${servicePeriodLabel(quarter)}尚无反馈表，请先生成`);
    const open = units.filter((u) => !u.sent);
    if (open.length === 0) throw conflict('这些反馈表已标记送达');
    await tx
      .insert(residenceSheetSends)
      .values(
        open.map((u) => ({
          orgId: community.id,
          unitOrgId: u.unit_org_id,
          year: input.year,
          quarter: input.quarter,
          sentOn,
          sentBy: actor.accountId,
        })),
      )
      .onConflictDoNothing();
    return { units: open.length, sheets: open.reduce((n, u) => n + u.sheets, 0) };
  });
}

// ---- figures and ranking ----

type FigureRowOut = {
  orgId: number;
  orgName: string;
  teams: number;
  residents: number;
  quarters: { quarter: number; activities: number; hours: number; records: number }[];
};

export async function figures(db: Db, actor: Actor, orgId: number | undefined, year: number | undefined) {
  const root = await requireScopeRoot(db, actor, orgId);
  const y = year ?? Number(chinaToday().slice(0, 4));
  const rows = await selectFigures(db, root.id, y);
  const children = await selectChildren(db, root.id);
  const blank = (id: number, name: string): FigureRowOut => ({
    orgId: id,
    orgName: name,
    teams: 0,
    residents: 0,
    quarters: [1, 2, 3, 4].map((quarter) => ({ quarter, activities: 0, hours: 0, records: 0 })),
  });
  const byOrg = new Map<number, FigureRowOut>([[root.id, blank(root.id, root.name)]]);
  for (const c of children) byOrg.set(c.id, blank(c.id, c.name));
  for (const r of rows) {
    const out = byOrg.get(r.org_id);
    if (!out) continue;
    const n = Number(r.n);
    if (r.period === '') {
      if (r.metric === 'teams') out.teams = n;
      if (r.metric === 'residents') out.residents = n;
      continue;
    }
    const q = out.quarters[Number(r.period.slice(-1)) - 1];
    if (q && (r.metric === 'activities' || r.metric === 'hours' || r.metric === 'records')) q[r.metric] = n;
  }
  return {
    year: y,
    org: byOrg.get(root.id) as FigureRowOut,
    children: children.map((c) => byOrg.get(c.id) as FigureRowOut),
  };
}

/** At most this many members are ranked on one page. */
const RANKING_MAX = 100;

export async function ranking(db: Db, actor: Actor, orgId: number | undefined, kind: 'quarter' | 'year') {
  const root = await requireScopeRoot(db, actor, orgId);
  const rules = effectiveVolunteerRules(await ruleChain(db, root.path));
  if (!rules.rankingEnabled) throw conflict('本地未启用志愿服务排行（由市委或县区委在志愿服务规则中开启）');
  const today = chinaToday();
  const period =
    kind === 'quarter'
      ? { ...lastClosedServiceQuarter(today) }
      : { year: Number(today.slice(0, 4)) - 1, quarter: null };
  // A ranking counts a closed period only: the quarter or year under way never.
  if (!isClosedServicePeriod(period, today)) throw conflict('只统计已结束的周期');
  const range = servicePeriodRange(period);
  const rows = await selectRanking(db, {
    rootPath: root.path,
    from: range.from,
    to: range.to,
    pointsEnabled: rules.pointsEnabled,
    pointsPerHour: rules.pointsPerHour,
    pointsPerActivity: { ...rules.pointsPerActivity },
    limit: RANKING_MAX,
  });
  return {
    period: { year: period.year, quarter: period.quarter, label: servicePeriodLabel(period) },
    pointsEnabled: rules.pointsEnabled,
    items: rows.map((r, i) => ({
      rank: i + 1,
      memberId: r.member_id,
      memberName: r.member_name,
      orgName: r.org_name,
      hours: Number(r.hours),
      points: Number(r.points),
      activities: r.activities,
    })),
  };
}
