import {
  addDays,
  chinaToday,
  GENDER_LABELS,
  parseIdNumber,
  PROBATION_DUE_WINDOW_DAYS,
  PROBATION_YEARS,
  probationEndsOn,
  profileProblems,
} from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { audited, auditEvent } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import { memberHistory, members } from '../db/schema.js';
import { assertUnchangedSince } from '../http/concurrency.js';
import type { Actor } from '../http/actor.js';
import type { AuditContext } from '../db/audited.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import type { SheetColumn } from '../http/xlsx.js';
import { requireOrgInScope, requireScopeRoot } from '../organizations/scope-root.js';
import {
  filterConditions,
  findByIdNumber,
  findMember,
  findMemberWithHistory,
  listMemberPage,
  type ListPlan,
  type MemberRow,
  probationJoinedBy,
  toSummary,
} from './members.repo.js';
import type { CreateMember, MemberDetail, MemberFilter, MemberListQuery, UpdateMember } from './members.schema.js';
import { nameKeys } from './pinyin.js';

const MEMBER = '党员';

/** A member's record in scope, also one who left the platform (their page still opens). */
export async function requireMemberRecord(db: Queryable, actor: Actor, id: number, lock = false): Promise<MemberRow> {
  const row = await findMember(db, actor, id, lock);
  if (!row) throw notFound(MEMBER);
  return row;
}

/** An active member in scope: one who left the platform can no longer be changed, moved or registered. */
export async function requireMember(db: Queryable, actor: Actor, id: number, lock = false): Promise<MemberRow> {
  const row = await requireMemberRecord(db, actor, id, lock);
  if (row.left_on) throw conflict(`${row.name}已于${row.left_on}转出平台`);
  return row;
}

/** Says where the existing record is only to someone who may see it. */
export async function assertIdNumberFree(db: Queryable, actor: Actor, idNumber: string, exceptId?: number) {
  const holder = await findByIdNumber(db, actor, idNumber);
  if (!holder || holder.id === exceptId) return;
  if (holder.left_on) {
    throw conflict(
      `该身份证号的党员${holder.visible ? `${holder.name}` : ''}已转出平台；如已转回，请通过“登记转入”办理，档案将恢复`,
    );
  }
  if (holder.visible) throw conflict(`身份证号已登记：${holder.name}（${holder.org_name}）`);
  throw conflict('该身份证号已在平台其他组织登记，请联系其所在组织办理组织关系转接');
}

function assertProfile(input: Parameters<typeof profileProblems>[0]): void {
  const [first] = profileProblems(input);
  if (first) throw invalid(first.field, first.problem);
}

async function detail(db: Queryable, actor: Actor, id: number): Promise<MemberDetail> {
  const row = await findMemberWithHistory(db, actor, id);
  if (!row) throw notFound(MEMBER);
  return {
    ...toSummary(row),
    ethnicity: row.ethnicity,
    birthDate: row.birth_date,
    education: row.education,
    fullMemberOn: row.full_member_on,
    probationEndsOn: row.status === 'probationary' && row.joined_on ? probationEndsOn(row.joined_on) : null,
    residence: row.residence,
    employer: row.employer,
    history: row.history,
    leftOn: row.left_on,
    leftReason: row.left_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const getMember = detail;

/**
 * Values for an insert; shared with the import so both compute the same keys. `birthDate` when the caller has
 * already read it from the ID number (the import's row check).
 */
export function memberValues(input: CreateMember, birthDate?: string | null) {
  const parsed = birthDate === undefined ? parseIdNumber(input.idNumber) : null;
  return {
    orgId: input.orgId,
    name: input.name,
    gender: input.gender,
    ethnicity: input.ethnicity ?? null,
    idNumber: input.idNumber,
    birthDate: parsed ? (parsed.ok ? parsed.info.birthDate : null) : birthDate,
    phone: input.phone ?? null,
    education: input.education ?? null,
    joinedOn: input.joinedOn ?? null,
    fullMemberOn: input.fullMemberOn ?? null,
    status: input.status,
    category: input.category,
    managementMode: input.managementMode,
    residence: input.residence ?? null,
    employer: input.employer ?? null,
    tags: [...new Set(input.tags)],
    ...nameKeys(input.name),
  };
}

export async function openHistory(
  tx: Queryable,
  memberId: number,
  org: { id: number; name: string },
  fromOn: string,
  reason: string,
) {
  await tx.insert(memberHistory).values({ memberId, orgId: org.id, orgName: org.name, fromOn, reason });
}

/** Moves a member: closes the open history row and opens one at the new organisation; the past is kept. */
export async function moveMember(
  tx: Queryable,
  memberId: number,
  to: { id: number; name: string },
  on: string,
  reason: string,
) {
  await tx.execute(sql`update member_history set to_on = ${on} where member_id = ${memberId} and to_on is null`);
  await tx
    .update(members)
    .set({ orgId: to.id, updatedAt: sql`now()` })
    .where(eq(members.id, memberId));
  await openHistory(tx, memberId, to, on, reason);
}

/**
 * The member left the platform (the receipt of a letter out came back): the profile stays, marked; the open
 * history row closes with the reason; open floating and in-service registrations end. The rollups drop them.
 */
export async function leaveMember(tx: Queryable, memberId: number, on: string, reason: string) {
  await tx
    .update(members)
    .set({ leftOn: on, leftReason: reason, updatedAt: sql`now()` })
    .where(eq(members.id, memberId));
  await tx.execute(
    sql`update member_history set to_on = ${on}, end_reason = ${reason} where member_id = ${memberId} and to_on is null`,
  );
  await tx.execute(
    sql`update floating_members set ended_on = greatest(${on}::date, since), updated_at = now()
         where member_id = ${memberId} and ended_on is null`,
  );
  await tx.execute(
    sql`update in_service_registrations set ended_on = greatest(${on}::date, registered_on), updated_at = now()
         where member_id = ${memberId} and ended_on is null`,
  );
}

/**
 * A member who left comes back (an incoming letter with the same ID number): the record is reactivated with
 * the profile as now registered, placed in the receiving organisation, with a new history row.
 */
export async function rejoinMember(
  tx: Queryable,
  memberId: number,
  input: CreateMember,
  org: { id: number; name: string },
  reason: string,
) {
  assertProfile(input);
  await tx
    .update(members)
    .set({ ...memberValues(input), orgId: org.id, leftOn: null, leftReason: null, updatedAt: sql`now()` })
    .where(eq(members.id, memberId));
  await openHistory(tx, memberId, org, chinaToday(), reason);
}

export async function createMember(db: Db, actor: Actor, ctx: AuditContext, input: CreateMember) {
  assertProfile(input);
  return audited(db, ctx, 'member.create', async (tx) => {
    const org = await requireOrgInScope(tx, actor, input.orgId);
    await assertIdNumberFree(tx, actor, input.idNumber);
    return detail(tx, actor, await createMemberIn(tx, input, org, '建档'));
  });
}

/** Inserts a checked profile with its first history row; callers hold the transaction and checked the ID number. */
export async function createMemberIn(
  tx: Queryable,
  input: CreateMember,
  org: { id: number; name: string },
  reason: string,
): Promise<number> {
  assertProfile(input);
  const [created] = await tx.insert(members).values(memberValues(input)).returning({ id: members.id });
  const id = (created as { id: number }).id;
  await openHistory(tx, id, org, chinaToday(), reason);
  return id;
}

export async function updateMember(db: Db, actor: Actor, ctx: AuditContext, id: number, input: UpdateMember) {
  return audited(db, ctx, 'member.update', async (tx) => {
    const row = await requireMember(tx, actor, id, true);
    await assertUnchangedSince(tx, row.updated_at, input.updatedAt, `${row.name}的档案`);
    const merged = {
      idNumber: input.idNumber ?? row.id_number,
      gender: input.gender ?? row.gender,
      status: input.status ?? row.status,
      joinedOn: input.joinedOn === undefined ? row.joined_on : input.joinedOn,
      fullMemberOn: input.fullMemberOn === undefined ? row.full_member_on : input.fullMemberOn,
      saved: { status: row.status, fullMemberOn: row.full_member_on },
    };
    assertProfile(merged);
    if (input.idNumber && input.idNumber !== row.id_number) await assertIdNumberFree(tx, actor, input.idNumber, id);
    const parsed = parseIdNumber(merged.idNumber);
    const changes = {
      ...(input.name !== undefined && { name: input.name, ...nameKeys(input.name) }),
      ...(input.gender !== undefined && { gender: input.gender }),
      ...(input.ethnicity !== undefined && { ethnicity: input.ethnicity }),
      ...(input.idNumber !== undefined && {
        idNumber: input.idNumber,
        birthDate: parsed.ok ? parsed.info.birthDate : null,
      }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.education !== undefined && { education: input.education }),
      ...(input.joinedOn !== undefined && { joinedOn: input.joinedOn }),
      ...(input.fullMemberOn !== undefined && { fullMemberOn: input.fullMemberOn }),
      ...(input.status !== undefined && { status: input.status }),
      ...(input.category !== undefined && { category: input.category }),
      ...(input.managementMode !== undefined && { managementMode: input.managementMode }),
      ...(input.residence !== undefined && { residence: input.residence }),
      ...(input.employer !== undefined && { employer: input.employer }),
      ...(input.tags !== undefined && { tags: [...new Set(input.tags)] }),
    };
    if (Object.keys(changes).length > 0) {
      await tx
        .update(members)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(members.id, id));
    }
    if (input.orgId !== undefined && input.orgId !== row.org_id) {
      const to = await requireOrgInScope(tx, actor, input.orgId);
      await moveMember(tx, id, to, chinaToday(), '调整所在组织');
    }
    return detail(tx, actor, id);
  });
}

export async function deleteMember(db: Db, actor: Actor, ctx: AuditContext, id: number): Promise<void> {
  await audited(db, ctx, 'member.delete', async (tx) => {
    const row = await requireMember(tx, actor, id, true);
    const [pending] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from member_transfers where member_id = ${row.id}`,
    );
    if ((pending?.n ?? 0) > 0) throw conflict('该党员有组织关系转接记录，不能删除');
    await tx.delete(members).where(eq(members.id, id));
  });
}

export async function planFor(db: Queryable, actor: Actor, filter: MemberFilter): Promise<ListPlan> {
  const root = await requireScopeRoot(db, actor, filter.orgId);
  return { root, ...filterConditions(filter) };
}

export async function listMembers(db: Db, actor: Actor, query: MemberListQuery) {
  const read = await listMemberPage(db, actor, query, query.page, query.pageSize);
  if (!read) throw notFound('组织');
  const { rows, total, totalCapped } = read;
  return { items: rows.map(toSummary), total, totalCapped, page: query.page, pageSize: query.pageSize };
}

export async function revealMember(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  const row = await requireMemberRecord(db, actor, id);
  await auditEvent(db, ctx, {
    action: 'member.reveal',
    entity: 'member',
    entityId: String(row.id),
    orgPath: row.org_path,
    after: { fields: ['id_number', 'phone'] },
  });
  return { idNumber: row.id_number, phone: row.phone };
}

export async function convertMember(db: Db, actor: Actor, ctx: AuditContext, id: number, fullMemberOn: string) {
  return audited(db, ctx, 'member.convert', async (tx) => {
    const row = await requireMember(tx, actor, id, true);
    if (row.status !== 'probationary') throw conflict('该党员不是预备党员');
    if (fullMemberOn > chinaToday()) throw invalid('fullMemberOn', '不能晚于今天');
    if (row.joined_on && fullMemberOn < probationEndsOn(row.joined_on)) {
      throw invalid('fullMemberOn', `预备期一年，最早可于${probationEndsOn(row.joined_on)}转正`);
    }
    await tx
      .update(members)
      .set({ status: 'full', fullMemberOn, updatedAt: sql`now()` })
      .where(eq(members.id, id));
    return detail(tx, actor, id);
  });
}

/** Probationary members whose year ends within the window, and those already past it. */
export async function dueForConversion(db: Db, actor: Actor, orgId: number | undefined) {
  const root = await requireScopeRoot(db, actor, orgId);
  const now = chinaToday();
  const rows = await queryRows<MemberRow & { ends_on: string }>(
    db,
    sql`select m.id::int as id, m.org_id::int as org_id, o.name as org_name, m.name, m.gender, m.id_number, m.phone,
          m.status, m.category, m.management_mode, m.joined_on::text as joined_on, m.tags,
          (m.joined_on + make_interval(years => ${PROBATION_YEARS}))::date::text as ends_on
        from members m join organizations o on o.id = m.org_id
        where o.path <@ ${root.path}::ltree and m.status = 'probationary' and m.left_on is null
          and m.joined_on <= ${probationJoinedBy(addDays(now, PROBATION_DUE_WINDOW_DAYS))}::date
        order by m.joined_on, m.id limit 500`,
  );
  return {
    rootPath: root.path,
    items: rows.map((r) => ({ ...toSummary(r), probationEndsOn: r.ends_on, overdue: r.ends_on < now })),
  };
}

type DueItem = Awaited<ReturnType<typeof dueForConversion>>['items'][number];

/** The due list's columns in its export; numbers stay masked as on screen. */
export const DUE_COLUMNS: SheetColumn<DueItem>[] = [
  { header: '姓名', width: 10, value: (r) => r.name },
  { header: '性别', width: 6, value: (r) => GENDER_LABELS[r.gender] },
  { header: '身份证号', width: 22, value: (r) => r.idNumber },
  { header: '联系电话', width: 14, value: (r) => r.phone },
  { header: '所在支部', width: 24, value: (r) => r.orgName },
  { header: '入党时间', width: 12, value: (r) => r.joinedOn },
  { header: '预备期满', width: 12, value: (r) => r.probationEndsOn },
  { header: '状态', width: 10, value: (r) => (r.overdue ? '已超期' : '30天内到期') },
];
