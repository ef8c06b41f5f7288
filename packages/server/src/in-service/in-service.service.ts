import { chinaToday, maskPhone } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { audited, auditEvent } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import { inServiceRegistrations } from '../db/schema.js';
import type { Actor } from '../http/actor.js';
import type { AuditContext } from '../db/audited.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { pathInScope } from '../http/scope.js';
import { streamWorkbook } from '../http/xlsx.js';
import { notifyNearestStaff } from '../notifications/notifications.service.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import { findCommunities, listUnregistered, selectRegistrations, toRegistration } from './in-service.repo.js';
import type { InServiceListQuery, Register, SelfRegister, UnregisteredQuery } from './in-service.schema.js';

const REGISTRATION = '报到记录';

/** Visible from both ends: the community registered with and the unit's organisation. */
const visible = (actor: Actor) => sql`(${pathInScope(actor, sql`c.path`)} or ${pathInScope(actor, sql`u.path`)})`;

async function load(db: Queryable, actor: Actor, id: number) {
  const { rows } = await selectRegistrations(db, sql`r.id = ${id} and ${visible(actor)}`);
  if (!rows[0]) throw notFound(REGISTRATION);
  return toRegistration(rows[0]);
}

async function filterOf(db: Db, actor: Actor, query: Omit<InServiceListQuery, 'page' | 'pageSize'>) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const end = query.view === 'community' ? sql`c.path` : sql`u.path`;
  return {
    root,
    where: sql`${end} <@ ${root.path}::ltree ${query.includeEnded ? sql`` : sql`and r.ended_on is null`}`,
  };
}

/** 未报到: the scope's 在职党员 who have not registered with the community where they live. */
export async function unregistered(db: Db, actor: Actor, query: UnregisteredQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const { rows, total } = await listUnregistered(db, root.path, query.page, query.pageSize);
  return {
    items: rows.map((r) => ({
      memberId: r.id,
      name: r.name,
      phone: r.phone ? maskPhone(r.phone) : null,
      orgId: r.org_id,
      orgName: r.org_name,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function list(db: Db, actor: Actor, query: InServiceListQuery) {
  const { where } = await filterOf(db, actor, query);
  const { rows, total } = await selectRegistrations(db, where, query.page, query.pageSize);
  return { items: rows.map(toRegistration), total, page: query.page, pageSize: query.pageSize };
}

type Registration = ReturnType<typeof toRegistration>;

/** The list as .xlsx (phones masked as on screen), audited with filter and count. */
export async function exportRegistrations(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  query: Omit<InServiceListQuery, 'page' | 'pageSize'>,
) {
  const { root, where } = await filterOf(db, actor, query);
  const { total } = await selectRegistrations(db, where, 1, 1);
  await auditEvent(db, ctx, {
    action: 'in_service.export',
    entity: 'in_service_registration',
    orgPath: root.path,
    after: { filter: query, rows: total },
  });
  async function* pages() {
    for (let page = 1; ; page++) {
      const { rows } = await selectRegistrations(db, where, page, 1000);
      if (rows.length) yield rows.map(toRegistration);
      if (rows.length < 1000) return;
    }
  }
  const column = (header: string, width: number, value: (r: Registration) => string | number | null) => ({
    header,
    width,
    value: (r: Registration) => value(r) ?? '',
  });
  return streamWorkbook(
    '在职党员报到',
    [
      column('姓名', 10, (r) => r.memberName),
      column('联系电话', 14, (r) => r.phone),
      column('报到社区', 24, (r) => r.communityName),
      column('单位党组织', 24, (r) => r.unitOrgName),
      column('居住地址', 20, (r) => r.residence),
      column('服务意愿', 24, (r) => r.wishes),
      column('报到日期', 12, (r) => r.registeredOn),
      column('结束日期', 12, (r) => r.endedOn),
      column('服务时长（小时）', 10, (r) => r.serviceHours),
    ],
    pages(),
  );
}

export async function communities(db: Db, q: string) {
  return { items: await findCommunities(db, q) };
}

async function insert(
  tx: Queryable,
  member: { id: number; org_id: number; name: string },
  input: SelfRegister,
): Promise<number> {
  const [community] = await findCommunities(tx, '', input.communityId);
  if (!community) throw invalid('communityId', '应选择一个社区党组织');
  const [open] = await queryRows<{ name: string }>(
    tx,
    sql`select c.name from in_service_registrations r join organizations c on c.id = r.org_id
         where r.member_id = ${member.id} and r.ended_on is null`,
  );
  if (open) throw conflict(`已在${open.name}报到，如搬家请先结束原报到`);
  const [created] = await tx
    .insert(inServiceRegistrations)
    .values({
      memberId: member.id,
      orgId: community.id,
      unitOrgId: member.org_id,
      residence: input.residence ?? null,
      wishes: input.wishes ?? null,
      registeredOn: chinaToday(),
    })
    .returning({ id: inServiceRegistrations.id });
  await notifyNearestStaff(tx, {
    orgId: community.id,
    permission: 'member.read',
    kind: 'in_service.registered',
    title: `在职党员到社区报到：${member.name}`,
    body: input.wishes ? `服务意愿：${input.wishes}` : '',
    link: '/in-service',
  });
  return (created as { id: number }).id;
}

/**
 * Staff registration. Either end may do it: the unit (the member lies in the actor's scope; the community may
 * be anywhere, where the member lives) or the community (the community lies in the scope; the member, whose
 * relationship may be anywhere, is named by the ID number they show at the counter). A member outside the scope
 * is never found by their id: ids are sequential, and the answer names the member and their organisation.
 */
export async function register(db: Db, actor: Actor, ctx: AuditContext, input: Register) {
  if ((input.memberId === undefined) === (input.idNumber === undefined)) {
    throw invalid('memberId', '请指定党员（本组织党员选择，或输入身份证号）');
  }
  return audited(db, ctx, 'in_service.register', async (tx) => {
    const [member] = await queryRows<{
      id: number;
      org_id: number;
      name: string;
      member_visible: boolean;
      community_visible: boolean;
    }>(
      tx,
      sql`select m.id::int as id, m.org_id::int as org_id, m.name, ${pathInScope(actor, sql`o.path`)} as member_visible,
            exists (select 1 from organizations c where c.id = ${input.communityId} and ${pathInScope(actor, sql`c.path`)}) as community_visible
            from members m join organizations o on o.id = m.org_id
           where ${input.memberId !== undefined ? sql`m.id = ${input.memberId}` : sql`m.id_number = ${input.idNumber}`}
             and m.left_on is null
           for update of m`,
    );
    const byIdNumber = input.memberId === undefined;
    if (!member || !(member.member_visible || (byIdNumber && member.community_visible))) throw notFound('党员');
    return load(tx, actor, await insert(tx, member, input));
  });
}

/** The member registers themselves, through the member profile linked to their login. */
export async function registerSelf(db: Db, actor: Actor, ctx: AuditContext, input: SelfRegister) {
  return audited(db, ctx, 'in_service.register_self', async (tx) => {
    const member = await linkedMember(tx, actor);
    if (!member) throw conflict('本账号未关联党员档案，请联系所在党组织');
    const id = await insert(tx, member, input);
    const { rows } = await selectRegistrations(tx, sql`r.id = ${id}`);
    return toRegistration(rows[0] as NonNullable<(typeof rows)[0]>);
  });
}

async function linkedMember(db: Queryable, actor: Actor) {
  const [member] = await queryRows<{ id: number; org_id: number; name: string }>(
    db,
    sql`select m.id::int as id, m.org_id::int as org_id, m.name from accounts a join members m on m.id = a.member_id
         where a.id = ${actor.accountId} and m.left_on is null`,
  );
  return member;
}

export async function mine(db: Db, actor: Actor) {
  const member = await linkedMember(db, actor);
  if (!member) return { member: null, registration: null };
  const { rows } = await selectRegistrations(db, sql`r.member_id = ${member.id} and r.ended_on is null`);
  return { member: { id: member.id, name: member.name }, registration: rows[0] ? toRegistration(rows[0]) : null };
}

export async function endRegistration(db: Db, actor: Actor, ctx: AuditContext, id: number, endedOn: string) {
  return audited(db, ctx, 'in_service.end', async (tx) => {
    const { rows } = await selectRegistrations(tx, sql`r.id = ${id} and ${visible(actor)}`, 1, 1, true);
    const row = rows[0];
    if (!row) throw notFound(REGISTRATION);
    if (row.ended_on) throw conflict('该报到已结束');
    if (endedOn < row.registered_on || endedOn > chinaToday())
      throw invalid('endedOn', `应在${row.registered_on}与今天之间`);
    await tx
      .update(inServiceRegistrations)
      .set({ endedOn, updatedAt: sql`now()` })
      .where(eq(inServiceRegistrations.id, id));
    return load(tx, actor, id);
  });
}
