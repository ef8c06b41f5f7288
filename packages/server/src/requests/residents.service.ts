import { maskPhone } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { type AuditContext, audited, auditEvent } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import { accounts } from '../db/schema.js';
import { assertStrongPassword, hashPassword } from '../auth/passwords.js';
import type { Actor } from '../http/actor.js';
import { AppError, conflict, invalid, notFound } from '../http/errors.js';
import { type DueQuery, countDue } from '../http/due.js';
import { orgIdInSubtree, pathInScope } from '../http/scope.js';
import { notifyAccounts } from '../notifications/notifications.service.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import {
  buildingOf,
  buildingsOf,
  COMMUNITY_TYPE_LIST,
  COMMUNITY_TYPES,
  findResident,
  type ResidentRow,
  residentOfAccount,
  selectResidents,
} from './requests.repo.js';
import type { Resident, ResidentInput, ResidentQuery, ResidentRegister } from './requests.schema.js';
import { residents } from './requests.tables.js';

/** Registrations (and refused attempts) from one IP in REGISTER_WINDOW_MINUTES before the next is a 429. */
const REGISTER_MAX_PER_IP = 10;
const REGISTER_WINDOW_MINUTES = 15;

export const toResident = (r: ResidentRow): Resident => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  name: r.name,
  phone: r.phone && maskPhone(r.phone),
  buildingId: r.building_id,
  buildingName: r.building_name,
  addressDetail: r.address_detail,
  hasAccount: r.account_id !== null,
  confirmedAt: r.confirmed_at,
  createdAt: r.created_at,
  requests: r.requests,
});

/** Every community by its street, names only: what the registration page offers (public, no session). */
export async function publicCommunities(db: Queryable) {
  const rows = await queryRows<{ street_id: number; street_name: string; id: number; name: string }>(
    db,
    sql`select s.id::int as street_id, s.name as street_name, c.id::int as id, c.name
          from organizations c join organizations s on s.id = c.parent_id
         where c.type in ${COMMUNITY_TYPES}
         order by s.path, c.name, c.id`,
  );
  const streets = new Map<number, { id: number; name: string; communities: { id: number; name: string }[] }>();
  for (const r of rows) {
    const street = streets.get(r.street_id) ?? { id: r.street_id, name: r.street_name, communities: [] };
    street.communities.push({ id: r.id, name: r.name });
    streets.set(r.street_id, street);
  }
  return { streets: [...streets.values()] };
}

async function community(db: Queryable, id: number) {
  const [row] = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id::int as id, name from organizations where id = ${id} and type in ${COMMUNITY_TYPES}`,
  );
  return row;
}

/** A community's buildings, names only (public: the registration page's second list). */
export async function publicBuildings(db: Queryable, communityId: number) {
  if (!(await community(db, communityId))) throw notFound('社区');
  return { items: await buildingsOf(db, communityId) };
}

/**
 * A resident registers on the phone: a `resident` login (username = the phone, the platform's password policy,
 * argon2) bound to the community, and an unconfirmed residents row. Throttled per IP from the audit trail like the
 * login: REGISTER_MAX_PER_IP attempts in REGISTER_WINDOW_MINUTES.
 */
export async function registerResident(db: Db, ip: string, input: ResidentRegister) {
  const [recent] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from audit_logs
         where action in ('resident.register', 'resident.register_refused') and ip = ${ip}
           and at > now() - make_interval(mins => ${REGISTER_WINDOW_MINUTES})`,
  );
  if ((recent?.n ?? 0) >= REGISTER_MAX_PER_IP) {
    throw new AppError('TOO_MANY_REQUESTS', `注册过于频繁，请${REGISTER_WINDOW_MINUTES}分钟后再试`);
  }
  assertStrongPassword(input.password);
  const org = await community(db, input.communityId);
  if (!org) throw invalid('communityId', '请选择所在社区');
  if (input.buildingId && !(await buildingOf(db, org.id, input.buildingId))) {
    throw invalid('buildingId', '不是该社区的楼栋');
  }
  const ctx: AuditContext = { actorId: null, actorName: input.phone, ip };
  const passwordHash = await hashPassword(input.password);
  const [taken] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(sql`lower(${accounts.username}) = lower(${input.phone})`);
  if (taken) {
    await auditEvent(db, ctx, { action: 'resident.register_refused', entity: 'account', after: { reason: 'taken' } });
    throw conflict('该手机号已注册，请直接登录');
  }
  return audited(db, ctx, 'resident.register', async (tx) => {
    const [account] = await tx
      .insert(accounts)
      .values({ username: input.phone, displayName: input.name, passwordHash, orgId: org.id, role: 'resident' })
      .returning({ id: accounts.id });
    await tx.insert(residents).values({
      orgId: org.id,
      name: input.name,
      phone: input.phone,
      buildingId: input.buildingId ?? null,
      addressDetail: input.addressDetail || null,
      accountId: (account as { id: number }).id,
    });
    return { username: input.phone };
  });
}

/** The resident profile of the login (404 for any other account). */
export async function requireOwnResident(db: Queryable, actor: Actor) {
  const row = await residentOfAccount(db, actor.accountId);
  if (!row) throw notFound('居民信息');
  return row;
}

export async function myResidence(db: Queryable, actor: Actor) {
  const r = await requireOwnResident(db, actor);
  return {
    id: r.id,
    name: r.name,
    phone: r.phone && maskPhone(r.phone),
    community: { id: r.org_id, name: r.org_name },
    building: r.building_id === null ? null : { id: r.building_id, name: r.building_name ?? '' },
    addressDetail: r.address_detail,
    confirmed: r.confirmed_at !== null,
    buildings: await buildingsOf(db, r.org_id),
  };
}

export async function listResidents(db: Queryable, actor: Actor, query: ResidentQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const conditions = [sql`o.path <@ ${root.path}::ltree`];
  if (query.unconfirmed) conditions.push(sql`p.confirmed_at is null`);
  if (query.q) conditions.push(sql`(p.name like ${`%${query.q}%`} or p.phone = ${query.q})`);
  const where = sql.join(conditions, sql` and `);
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from residents p join organizations o on o.id = p.org_id where ${where}`,
  );
  const rows = await selectResidents(
    db,
    where,
    sql`order by (p.confirmed_at is not null), p.created_at desc, p.id desc
        limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  return { items: rows.map(toResident), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Staff register a resident (an elder without a phone or login): confirmed at once, they know where they live. */
export async function createResident(db: Db, actor: Actor, ctx: AuditContext, input: ResidentInput) {
  return audited(db, ctx, 'resident.create', async (tx) => {
    const [org] = await queryRows<{ id: number; type: string }>(
      tx,
      sql`select o.id::int as id, o.type from organizations o where o.id = ${input.orgId} and ${pathInScope(actor, sql`o.path`)}`,
    );
    if (!org) throw notFound('社区');
    if (!COMMUNITY_TYPE_LIST.includes(org.type)) throw invalid('orgId', '居民只能登记在社区');
    if (input.buildingId && !(await buildingOf(tx, org.id, input.buildingId))) {
      throw invalid('buildingId', '不是该社区的楼栋');
    }
    const [row] = await tx
      .insert(residents)
      .values({
        orgId: org.id,
        name: input.name,
        phone: input.phone ?? null,
        buildingId: input.buildingId ?? null,
        addressDetail: input.addressDetail || null,
        confirmedAt: sql`now()`,
        confirmedBy: actor.accountId,
        createdByAccountId: actor.accountId,
      })
      .returning({ id: residents.id });
    return toResident((await findResident(tx, actor, (row as { id: number }).id)) as ResidentRow);
  });
}

/** The community confirms that the resident lives there; their requests may then be dispatched to members. */
export async function confirmResident(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return audited(db, ctx, 'resident.confirm', async (tx) => {
    const row = await findResident(tx, actor, id, true);
    if (!row) throw notFound('居民');
    if (row.confirmed_at) throw conflict('该居民的居住信息已经确认');
    await tx
      .update(residents)
      .set({ confirmedAt: sql`now()`, confirmedBy: actor.accountId, updatedAt: sql`now()` })
      .where(eq(residents.id, id));
    if (row.account_id !== null) {
      await notifyAccounts(tx, [row.account_id], {
        kind: 'requests.resident_confirmed',
        title: `${row.org_name}已确认您的居住信息`,
        link: '/m/resident',
      });
    }
    return toResident((await findResident(tx, actor, id)) as ResidentRow);
  });
}

/** The full phone of a resident, on record (like a member's). */
export async function revealResident(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  const row = await findResident(db, actor, id);
  if (!row) throw notFound('居民');
  await auditEvent(db, ctx, {
    action: 'resident.reveal',
    entity: 'resident',
    entityId: String(row.id),
    orgPath: row.org_path,
    after: { fields: ['phone'] },
  });
  return { phone: row.phone };
}

/** The workbench's "residents to confirm": unconfirmed residents of the scope, oldest first; 3 days to confirm. */
export async function unconfirmedDue(db: Queryable, actor: Actor, today: string, query: DueQuery) {
  return countDue<{ id: number; name: string; org_name: string; created_on: string }>(
    db,
    'requests.unconfirmed',
    query,
    {
      keys: sql`select p.id, p.created_at,
                       ((p.created_at at time zone 'Asia/Shanghai')::date + 3) < ${today}::date as overdue
                  from residents p where p.confirmed_at is null and ${orgIdInSubtree(actor, sql`p.org_id`)}`,
      order: sql`created_at, id`,
      items: (shown) => sql`select d.id::int as id, p.name, o.name as org_name,
                                   (d.created_at at time zone 'Asia/Shanghai')::date::text as created_on
                              from ${shown} d join residents p on p.id = d.id join organizations o on o.id = p.org_id
                             order by d.created_at, d.id`,
    },
  );
}
