import {
  APPRAISAL_GRADE_LABELS,
  APPRAISAL_MEASURE_LABELS,
  APPRAISAL_STAGE_LABELS,
  appraisalProblems,
  chinaToday,
  excellentCap,
  type AppraisalGrade,
  type AppraisalMeasure,
  type AppraisalStage,
} from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { pathInScope } from '../http/scope.js';
import type { SheetColumn } from '../http/xlsx.js';
import { requireMemberRecord } from '../members/members.service.js';
import { requireOrgInScope, requireScopeRoot } from '../organizations/scope-root.js';
import { appraisalEntries, appraisalFigures, appraisals } from './appraisal.tables.js';
import type { Appraisal, AppraisalSummary, EntryUpdate } from './appraisal.schema.js';

const APPRAISAL = '民主评议';

type SummaryRow = {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  year: number;
  stage: AppraisalStage;
  closed_on: string | null;
  members: number;
  to_grade: number;
  graded: number;
  excellent: number;
};

const SUMMARY = sql`a.id::int as id, a.org_id::int as org_id, o.name as org_name, o.path::text as org_path, a.year,
  a.stage, a.closed_on::text as closed_on,
  (select count(*)::int from appraisal_entries e where e.appraisal_id = a.id) as members,
  (select count(*)::int from appraisal_entries e where e.appraisal_id = a.id and not e.probationary) as to_grade,
  (select count(*)::int from appraisal_entries e where e.appraisal_id = a.id and not e.probationary and e.grade is not null) as graded,
  (select count(*)::int from appraisal_entries e where e.appraisal_id = a.id and e.grade = 'excellent') as excellent`;

const toSummary = (r: SummaryRow): AppraisalSummary => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  year: r.year,
  stage: r.stage,
  closedOn: r.closed_on,
  members: r.members,
  toGrade: r.to_grade,
  graded: r.graded,
  excellent: r.excellent,
});

async function findAppraisal(db: Queryable, actor: Actor, id: number, lock = false) {
  const [row] = await queryRows<SummaryRow>(
    db,
    sql`select ${SUMMARY} from appraisals a join organizations o on o.id = a.org_id
         where a.id = ${id} and ${pathInScope(actor, sql`o.path`)} ${lock ? sql`for update of a` : sql``}`,
  );
  if (!row) throw notFound(APPRAISAL);
  return row;
}

type EntryRow = {
  id: number;
  member_id: number;
  name: string;
  probationary: boolean;
  self_text: string | null;
  mutual_text: string | null;
  grade: AppraisalGrade | null;
  measure: AppraisalMeasure | null;
};

function entriesOf(db: Queryable, appraisalId: number) {
  return queryRows<EntryRow>(
    db,
    sql`select e.id::int as id, e.member_id::int as member_id, m.name, e.probationary, e.self_text, e.mutual_text,
               e.grade, e.measure
          from appraisal_entries e join members m on m.id = e.member_id
         where e.appraisal_id = ${appraisalId} order by e.probationary, m.sort_key, m.id`,
  );
}

export async function getAppraisal(db: Queryable, actor: Actor, id: number): Promise<Appraisal> {
  const row = await findAppraisal(db, actor, id);
  const entries = await entriesOf(db, id);
  return {
    ...toSummary(row),
    excellentCap: excellentCap(row.to_grade),
    entries: entries.map((e) => ({
      id: e.id,
      memberId: e.member_id,
      name: e.name,
      probationary: e.probationary,
      selfText: e.self_text,
      mutualText: e.mutual_text,
      grade: e.grade,
      measure: e.measure,
    })),
  };
}

export async function listAppraisals(db: Db, actor: Actor, query: { orgId?: number; year?: number }) {
  const { items } = await listAppraisalsIn(db, actor, query);
  return { items };
}

export const SUMMARY_COLUMNS: SheetColumn<AppraisalSummary>[] = [
  { header: '党组织', width: 28, value: (a) => a.orgName },
  { header: '年度', width: 8, value: (a) => a.year },
  { header: '阶段', width: 10, value: (a) => APPRAISAL_STAGE_LABELS[a.stage] },
  { header: '参评人数', width: 10, value: (a) => a.members },
  { header: '应评定等次', width: 12, value: (a) => a.toGrade },
  { header: '已评定', width: 10, value: (a) => a.graded },
  { header: '优秀', width: 8, value: (a) => a.excellent },
  { header: '完成日期', width: 12, value: (a) => a.closedOn },
];

/** A scope's appraisals (at most 500, the latest year first) with the root they were read under. */
export async function listAppraisalsIn(db: Db, actor: Actor, query: { orgId?: number; year?: number }) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const rows = await queryRows<SummaryRow>(
    db,
    sql`select ${SUMMARY} from appraisals a join organizations o on o.id = a.org_id
         where o.path <@ ${root.path}::ltree ${query.year ? sql`and a.year = ${query.year}` : sql``}
         order by a.year desc, o.path limit 500`,
  );
  return { root, items: rows.map(toSummary) };
}

/**
 * Opens a year's appraisal for an organisation: a row for each of its active members and its groups' (probationary
 * ones ungraded).
 */
export async function createAppraisal(db: Db, actor: Actor, ctx: AuditContext, input: { orgId: number; year: number }) {
  if (input.year > Number(chinaToday().slice(0, 4))) throw invalid('year', '不能晚于今年');
  return audited(db, ctx, 'appraisal.create', async (tx) => {
    const org = await requireOrgInScope(tx, actor, input.orgId);
    const [existing] = await queryRows<{ id: number }>(
      tx,
      sql`select id::int as id from appraisals where org_id = ${org.id} and year = ${input.year}`,
    );
    if (existing) throw conflict(`${org.name}${input.year}年度的民主评议已建立`);
    const people = await queryRows<{ id: number; status: string }>(
      tx,
      // The organisation's own members and those of its 党小组 (a group is part of its branch).
      sql`select m.id::int as id, m.status from members m
           where m.left_on is null and m.org_id in (select o.id from organizations o
                   where o.id = ${org.id} or (o.parent_id = ${org.id} and o.type = 'group'))
           order by m.id for share`,
    );
    if (people.length === 0) throw conflict(`${org.name}没有直属党员，不能建立民主评议`);
    const [created] = await tx
      .insert(appraisals)
      .values({ orgId: org.id, year: input.year })
      .returning({ id: appraisals.id });
    const id = (created as { id: number }).id;
    await tx.insert(appraisalEntries).values(
      people.map((p) => ({
        appraisalId: id,
        memberId: p.id,
        orgId: org.id,
        probationary: p.status === 'probationary',
      })),
    );
    return getAppraisal(tx, actor, id);
  });
}

/** A member's row: self and mutual assessment while open; grade and measure in the grading stage, ⅓ cap kept. */
export async function updateEntry(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  entryId: number,
  input: EntryUpdate,
) {
  return audited(db, ctx, 'appraisal.entry.update', async (tx) => {
    const appraisal = await findAppraisal(tx, actor, id, true);
    if (appraisal.stage === 'closed') throw conflict('民主评议已完成，不能再修改');
    const entries = await entriesOf(tx, id);
    const entry = entries.find((e) => e.id === entryId);
    if (!entry) throw notFound('评议记录');
    const grading = input.grade !== undefined || input.measure !== undefined;
    if (grading && appraisal.stage !== 'grading' && (input.grade || input.measure)) {
      throw conflict('自评互评结束、进入支部评定阶段后才能评定等次');
    }
    if (entry.probationary && input.grade) throw invalid('grade', '预备党员参加评议，但不评定等次');
    const grade = input.grade === undefined ? entry.grade : input.grade;
    let measure = input.measure === undefined ? entry.measure : input.measure;
    if (grade !== 'unqualified') {
      if (input.measure) throw invalid('measure', '只有评为不合格的才填写处理措施');
      measure = null;
    }
    const after = entries.map((e) => (e.id === entryId ? { ...e, grade, measure } : e));
    const graded = after.filter((e) => !e.probationary);
    const excellent = graded.filter((e) => e.grade === 'excellent').length;
    if (excellent > excellentCap(graded.length)) {
      throw conflict(
        `优秀不得超过参评正式党员的三分之一：${graded.length}名正式党员中至多${excellentCap(graded.length)}名，已评${excellent - 1}名`,
      );
    }
    await tx
      .update(appraisalEntries)
      .set({
        ...(input.selfText !== undefined && { selfText: input.selfText || null }),
        ...(input.mutualText !== undefined && { mutualText: input.mutualText || null }),
        grade,
        measure,
        updatedAt: sql`now()`,
      })
      .where(eq(appraisalEntries.id, entryId));
    return getAppraisal(tx, actor, id);
  });
}

/** assessing → grading → closed. Closing needs every full member graded, the cap kept and each 不合格's measure. */
export async function advanceAppraisal(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return audited(db, ctx, 'appraisal.advance', async (tx) => {
    const appraisal = await findAppraisal(tx, actor, id, true);
    if (appraisal.stage === 'assessing') {
      await tx
        .update(appraisals)
        .set({ stage: 'grading', updatedAt: sql`now()` })
        .where(eq(appraisals.id, id));
      return getAppraisal(tx, actor, id);
    }
    if (appraisal.stage === 'closed') throw conflict('民主评议已完成');
    const entries = await entriesOf(tx, id);
    const ungraded = entries.filter((e) => !e.probationary && !e.grade).length;
    if (ungraded > 0) throw conflict(`尚有${ungraded}名正式党员未评定等次`);
    const problems = appraisalProblems(entries);
    if (problems.length) throw conflict(problems.join('；'));
    await tx
      .update(appraisals)
      .set({ stage: 'closed', closedOn: chinaToday(), updatedAt: sql`now()` })
      .where(eq(appraisals.id, id));
    const counts = new Map<string, number>();
    for (const e of entries) counts.set(e.grade ?? 'ungraded', (counts.get(e.grade ?? 'ungraded') ?? 0) + 1);
    await tx
      .insert(appraisalFigures)
      .values([...counts].map(([grade, n]) => ({ orgId: appraisal.org_id, year: appraisal.year, grade, n })))
      .onConflictDoUpdate({
        target: [appraisalFigures.orgId, appraisalFigures.year, appraisalFigures.grade],
        set: { n: sql`excluded.n` },
      });
    return getAppraisal(tx, actor, id);
  });
}

type ExportRow = Appraisal['entries'][number];
export const ENTRY_COLUMNS: SheetColumn<ExportRow>[] = [
  { header: '姓名', width: 10, value: (e) => e.name },
  { header: '党员类型', width: 10, value: (e) => (e.probationary ? '预备党员' : '正式党员') },
  { header: '自评', width: 40, value: (e) => e.selfText },
  { header: '互评', width: 40, value: (e) => e.mutualText },
  {
    header: '等次',
    width: 10,
    value: (e) => (e.probationary ? '不评定' : e.grade ? APPRAISAL_GRADE_LABELS[e.grade] : ''),
  },
  { header: '处理措施', width: 10, value: (e) => (e.measure ? APPRAISAL_MEASURE_LABELS[e.measure] : '') },
];

/** Closed appraisals' grades in a subtree and year, summed from the counters (appraisal_figures). */
export async function appraisalFiguresOf(db: Db, actor: Actor, query: { orgId?: number; year?: number }) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const year = query.year ?? Number(chinaToday().slice(0, 4)) - 1;
  const rows = await queryRows<{ grade: string; n: number }>(
    db,
    sql`select grade, sum(n)::int as n from appraisal_figures
         where year = ${year} and org_id = any(array(select subpath(so.path, -1)::text::bigint from organizations so
                                                     where so.path <@ ${root.path}::ltree))
         group by grade`,
  );
  const n = (g: string) => rows.find((r) => r.grade === g)?.n ?? 0;
  return {
    orgId: root.id,
    orgName: root.name,
    year,
    grades: {
      excellent: n('excellent'),
      qualified: n('qualified'),
      basic: n('basic'),
      unqualified: n('unqualified'),
      ungraded: n('ungraded'),
    },
  };
}

/** The member's record: each year's appraisal they took part in. */
export async function memberAppraisals(db: Queryable, actor: Actor, memberId: number) {
  const member = await requireMemberRecord(db, actor, memberId);
  const rows = await queryRows<{
    year: number;
    org_name: string;
    stage: AppraisalStage;
    probationary: boolean;
    grade: AppraisalGrade | null;
    measure: AppraisalMeasure | null;
  }>(
    db,
    sql`select a.year, o.name as org_name, a.stage, e.probationary, e.grade, e.measure
          from appraisal_entries e join appraisals a on a.id = e.appraisal_id join organizations o on o.id = a.org_id
         where e.member_id = ${member.id} order by a.year desc`,
  );
  return {
    items: rows.map((r) => ({
      year: r.year,
      orgName: r.org_name,
      stage: r.stage,
      probationary: r.probationary,
      // Grades show once the branch meeting's result is final.
      grade: r.stage === 'closed' ? r.grade : null,
      measure: r.stage === 'closed' ? r.measure : null,
    })),
  };
}

export { findAppraisal };
