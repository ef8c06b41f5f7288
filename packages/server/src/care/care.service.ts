import { type CareType, careProblems, chinaToday, maskCareName, maskPhone, nextVisitDue } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { type AuditContext, audited, auditEvent } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { orgInScope, pathInScope } from '../http/scope.js';
import { requireCommunity } from '../grids/grids.service.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import { type CareRow, countCare, orgUnder, seesWhole, selectCare, selectVisits, toCareItem } from './care.repo.js';
import type { CareEnd, CareListQuery, CareResidentInput, CareResidentPatch, CareVisitInput } from './care.schema.js';
import { careResidents, careVisits } from './care.tables.js';

export const CARE_EXPORT_MAX = 10_000;

function listWhere(root: { path: string }, query: Omit<CareListQuery, 'page' | 'pageSize'>, today: string) {
  return sql.join(
    [
      orgUnder(root.path, sql`r.org_id`),
      query.includeEnded ? sql`true` : sql`r.ended_on is null`,
      query.type ? sql`${query.type} = any(r.types)` : sql`true`,
      query.standing === 'overdue' ? sql`r.ended_on is null and r.next_visit_due < ${today}` : sql`true`,
      query.standing === 'due' ? sql`r.ended_on is null and r.next_visit_due <= (${today}::date + 7)` : sql`true`,
      query.q ? sql`r.name like ${`%${query.q.replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql`true`,
    ],
    sql` and `,
  );
}

export async function listCare(db: Db, actor: Actor, query: CareListQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const today = chinaToday();
  const where = listWhere(root, query, today);
  const [rows, total] = await Promise.all([
    selectCare(db, where, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    countCare(db, where),
  ]);
  return { items: rows.map((r) => toCareItem(actor, r, today)), total, page: query.page, pageSize: query.pageSize };
}

/** The register as rows for the .xlsx: masked as the list masks them for this viewer, with phones whole only for those who see a record whole. */
export async function exportCare(db: Db, actor: Actor, query: Omit<CareListQuery, 'page' | 'pageSize'>) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const today = chinaToday();
  const where = listWhere(root, query, today);
  if ((await countCare(db, where)) > CARE_EXPORT_MAX)
    throw invalid('orgId', `超过${CARE_EXPORT_MAX}人，请缩小范围后导出`);
  const rows = await selectCare(db, where);
  return {
    root,
    rows: rows.map((r) => {
      const full = seesWhole(actor, r);
      return {
        ...toCareItem(actor, r, today),
        phone: r.phone && (full ? r.phone : maskPhone(r.phone)),
        guardianName: full ? r.guardian_name : r.guardian_name && maskCareName(r.guardian_name),
        guardianPhone: r.guardian_phone && (full ? r.guardian_phone : maskPhone(r.guardian_phone)),
      };
    }),
  };
}

async function residentInScope(q: Queryable, actor: Actor, id: number, lock = false): Promise<CareRow> {
  const [row] = await selectCare(q, sql`r.id = ${id} and ${orgInScope(actor, sql`r.org_id`)}`, undefined, lock);
  if (!row) throw notFound('困难群体记录');
  return row;
}

/** A record of the carer's own (assigned to their member profile or their account); 404 for any other. */
async function ownResident(q: Queryable, actor: Actor, id: number, lock = false): Promise<CareRow> {
  const [row] = await selectCare(
    q,
    sql`r.id = ${id} and (r.carer_account_id = ${actor.accountId}
      ${actor.memberId === null ? sql`` : sql`or r.carer_member_id = ${actor.memberId}`})`,
    undefined,
    lock,
  );
  if (!row) throw notFound('困难群体记录');
  return row;
}

/**
 * A record as its page shows it. Whole (phones, guardian, notes, what each visit did) for the community's staff
 * and the carer — and then the view is on record (care_resident.view) —, masked for everyone else in scope.
 */
async function detail(db: Db, actor: Actor, ctx: AuditContext, row: CareRow, viaMine = false) {
  const today = chinaToday();
  const full = viaMine || seesWhole(actor, row);
  const visits = await selectVisits(db, row.id);
  if (full) {
    const [org] = await queryRows<{ path: string }>(
      db,
      sql`select path::text as path from organizations where id = ${row.org_id}`,
    );
    await auditEvent(db, ctx, {
      action: 'care_resident.view',
      entity: 'care_resident',
      entityId: String(row.id),
      orgPath: org?.path ?? null,
    });
  }
  return {
    ...toCareItem(actor, row, today),
    full,
    name: full ? row.name : maskCareName(row.name),
    buildingName: full ? row.building_name : null,
    address: full ? row.address : null,
    phone: row.phone && (full ? row.phone : maskPhone(row.phone)),
    birthYear: row.birth_year,
    buildingId: full ? row.building_id : null,
    guardianName: full ? row.guardian_name : row.guardian_name && maskCareName(row.guardian_name),
    guardianPhone: row.guardian_phone && (full ? row.guardian_phone : maskPhone(row.guardian_phone)),
    carerMemberId: row.carer_member_id,
    carerAccountId: row.carer_account_id,
    notes: full ? row.notes : null,
    registeredOn: row.registered_on,
    endReason: row.end_reason,
    updatedAt: row.updated_at,
    visits: visits.map((v) => ({
      id: v.id,
      visitedOn: v.visited_on,
      visitor: v.visitor,
      content: full ? v.content : null,
      followUp: v.follow_up,
      followUpNote: full ? v.follow_up_note : null,
      createdAt: v.created_at,
    })),
  };
}

export async function careDetail(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return detail(db, actor, ctx, await residentInScope(db, actor, id));
}

export async function myCareDetail(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return detail(db, actor, ctx, await ownResident(db, actor, id), true);
}

export async function myCare(db: Db, actor: Actor) {
  const today = chinaToday();
  const rows = await selectCare(
    db,
    sql`r.ended_on is null and (r.carer_account_id = ${actor.accountId}
      ${actor.memberId === null ? sql`` : sql`or r.carer_member_id = ${actor.memberId}`})`,
  );
  return { items: rows.map((r) => toCareItem(actor, r, today)) };
}

type Person = {
  types: CareType[];
  birthYear: number | null;
  livesAlone: boolean;
  leftBehind: boolean;
  buildingId: number | null;
  carerMemberId: number | null;
  carerAccountId: number | null;
};

/**
 * The rules a record must keep, checked before its write: the cross-field ones of shared `careProblems`, the
 * building the community's, the carer a member of the community's subtree or an account of it — outside the
 * actor's scope a 404, in scope but not the community's a 400.
 */
async function checkPerson(q: Queryable, actor: Actor, communityId: number, p: Person, today: string) {
  const [problem] = careProblems(p, today);
  if (problem) throw invalid(problem.field, problem.problem);
  if (p.carerMemberId !== null && p.carerAccountId !== null)
    throw invalid('carerAccountId', '帮扶人只能选一位（党员或工作人员）');
  const inCommunity = (path: ReturnType<typeof sql>) =>
    sql`(${path} <@ (select path from organizations where id = ${communityId}))`;
  if (p.buildingId !== null) {
    const [b] = await queryRows<{ org_id: number }>(
      q,
      sql`select b.org_id::int as org_id from buildings b where b.id = ${p.buildingId} and ${orgInScope(actor, sql`b.org_id`)}`,
    );
    if (!b) throw notFound('楼栋');
    if (b.org_id !== communityId) throw invalid('buildingId', '应为本社区的楼栋');
  }
  if (p.carerMemberId !== null) {
    const [m] = await queryRows<{ inside: boolean }>(
      q,
      sql`select ${inCommunity(sql`mo.path`)} as inside from members m join organizations mo on mo.id = m.org_id
           where m.id = ${p.carerMemberId} and m.left_on is null and ${pathInScope(actor, sql`mo.path`)}`,
    );
    if (!m) throw notFound('党员');
    if (!m.inside) throw invalid('carerMemberId', '应为本社区（含所属支部）的党员');
  }
  if (p.carerAccountId !== null) {
    const [a] = await queryRows<{ inside: boolean; role: string }>(
      q,
      sql`select ${inCommunity(sql`ao.path`)} as inside, a.role from accounts a join organizations ao on ao.id = a.org_id
           where a.id = ${p.carerAccountId} and not a.disabled and ${pathInScope(actor, sql`ao.path`)}`,
    );
    if (!a) throw notFound('账号');
    if (!a.inside || a.role === 'resident') throw invalid('carerAccountId', '应为本社区的工作人员账号');
  }
}

export async function createCare(db: Db, actor: Actor, ctx: AuditContext, input: CareResidentInput) {
  const today = chinaToday();
  const community = await requireCommunity(db, actor, input.orgId);
  const person: Person = {
    types: input.types,
    birthYear: input.birthYear ?? null,
    livesAlone: input.livesAlone,
    leftBehind: input.leftBehind,
    buildingId: input.buildingId ?? null,
    carerMemberId: input.carerMemberId ?? null,
    carerAccountId: input.carerAccountId ?? null,
  };
  await checkPerson(db, actor, community.id, person, today);
  return audited(db, ctx, 'care_resident.create', async (tx) => {
    const [row] = await tx
      .insert(careResidents)
      .values({
        orgId: community.id,
        name: input.name,
        ...person,
        address: input.address ?? null,
        phone: input.phone ?? null,
        needs: [...new Set(input.needs)],
        guardianName: input.guardianName ?? null,
        guardianPhone: input.guardianPhone ?? null,
        notes: input.notes ?? null,
        registeredOn: today,
        nextVisitDue: nextVisitDue({ ...person, lastVisitOn: null, registeredOn: today }),
      })
      .returning({ id: careResidents.id });
    const created = await residentInScope(tx, actor, (row as { id: number }).id);
    return toCareItem(actor, created, today);
  });
}

/** An edit; the next visit's day follows the types in the same transaction. */
export async function updateCare(db: Db, actor: Actor, ctx: AuditContext, id: number, patch: CareResidentPatch) {
  const today = chinaToday();
  return audited(db, ctx, 'care_resident.update', async (tx) => {
    const row = await residentInScope(tx, actor, id, true);
    if (row.ended_on) throw conflict('该对象已移出名册，不能修改');
    const person: Person = {
      types: patch.types ?? row.types,
      birthYear: patch.birthYear !== undefined ? patch.birthYear : row.birth_year,
      livesAlone: patch.livesAlone ?? row.lives_alone,
      leftBehind: patch.leftBehind ?? row.left_behind,
      buildingId: patch.buildingId !== undefined ? patch.buildingId : row.building_id,
      carerMemberId: patch.carerMemberId !== undefined ? patch.carerMemberId : row.carer_member_id,
      carerAccountId: patch.carerAccountId !== undefined ? patch.carerAccountId : row.carer_account_id,
    };
    // A carer named anew replaces the other kind.
    if (patch.carerMemberId) person.carerAccountId = patch.carerAccountId ?? null;
    if (patch.carerAccountId) person.carerMemberId = patch.carerMemberId ?? null;
    await checkPerson(tx, actor, row.org_id, person, today);
    const { needs, ...rest } = patch;
    await tx
      .update(careResidents)
      .set({
        ...rest,
        ...person,
        ...(needs ? { needs: [...new Set(needs)] } : {}),
        nextVisitDue: nextVisitDue({ ...person, lastVisitOn: row.last_visit_on, registeredOn: row.registered_on }),
        updatedAt: sql`now()`,
      })
      .where(eq(careResidents.id, id));
    return toCareItem(actor, await residentInScope(tx, actor, id), today);
  });
}

export async function endCare(db: Db, actor: Actor, ctx: AuditContext, id: number, input: CareEnd) {
  const today = chinaToday();
  const endedOn = input.endedOn ?? today;
  if (endedOn > today) throw invalid('endedOn', '不能晚于今天');
  return audited(db, ctx, 'care_resident.end', async (tx) => {
    const row = await residentInScope(tx, actor, id, true);
    if (row.ended_on) throw conflict('该对象已移出名册');
    if (endedOn < row.registered_on) throw invalid('endedOn', '不能早于登记日期');
    await tx
      .update(careResidents)
      .set({ endedOn, endReason: input.reason, nextVisitDue: null, updatedAt: sql`now()` })
      .where(eq(careResidents.id, id));
    return toCareItem(actor, await residentInScope(tx, actor, id), today);
  });
}

/**
 * A visit: the record and the resident's last visit and next due day, in one transaction (the workbench's count
 * reads `next_visit_due`). A visit dated before the last one on record leaves the last one as it is.
 */
async function addVisit(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  find: (tx: Queryable) => Promise<CareRow>,
  input: CareVisitInput,
) {
  const today = chinaToday();
  if (input.visitedOn > today) throw invalid('visitedOn', '不能晚于今天');
  return audited(db, ctx, 'care_visit.create', async (tx) => {
    const row = await find(tx);
    if (row.ended_on) throw conflict('该对象已移出名册，不能再登记走访');
    await tx.insert(careVisits).values({
      residentId: row.id,
      orgId: row.org_id,
      visitedOn: input.visitedOn,
      visitor: input.visitor?.trim() || actor.displayName,
      visitorMemberId: actor.memberId,
      content: input.content,
      followUp: input.followUp,
      followUpNote: input.followUp ? (input.followUpNote ?? null) : null,
      createdBy: actor.accountId,
    });
    const last = row.last_visit_on && row.last_visit_on > input.visitedOn ? row.last_visit_on : input.visitedOn;
    await tx
      .update(careResidents)
      .set({
        lastVisitOn: last,
        nextVisitDue: nextVisitDue({
          types: row.types,
          livesAlone: row.lives_alone,
          leftBehind: row.left_behind,
          lastVisitOn: last,
          registeredOn: row.registered_on,
        }),
        updatedAt: sql`now()`,
      })
      .where(eq(careResidents.id, row.id));
    return toCareItem(actor, await find(tx), today);
  });
}

export const recordVisit = (db: Db, actor: Actor, ctx: AuditContext, id: number, input: CareVisitInput) =>
  addVisit(db, actor, ctx, (tx) => residentInScope(tx, actor, id, true), input);

export const recordMyVisit = (db: Db, actor: Actor, ctx: AuditContext, id: number, input: CareVisitInput) =>
  addVisit(db, actor, ctx, (tx) => ownResident(tx, actor, id, true), input);
