import { maskPhone } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';

export type RegistrationRow = {
  id: number;
  member_id: number;
  member_name: string;
  phone: string | null;
  org_id: number;
  community_name: string;
  community_path: string;
  unit_org_id: number;
  unit_org_name: string;
  unit_path: string;
  residence: string | null;
  wishes: string | null;
  registered_on: string;
  ended_on: string | null;
  /** Confirmed volunteer hours since the registration (volunteer_records: only confirmed hours count anywhere). */
  service_hours: number;
};

const FROM = sql`from in_service_registrations r join members m on m.id = r.member_id
  join organizations c on c.id = r.org_id join organizations u on u.id = r.unit_org_id`;
const COLUMNS = sql`r.id::int as id, r.member_id::int as member_id, m.name as member_name, m.phone,
  r.org_id::int as org_id, c.name as community_name, c.path::text as community_path, r.unit_org_id::int as unit_org_id,
  u.name as unit_org_name, u.path::text as unit_path, r.residence, r.wishes, r.registered_on::text as registered_on,
  r.ended_on::text as ended_on,
  (select coalesce(sum(v.hours), 0)::float8 from volunteer_records v
    where v.member_id = r.member_id and v.status = 'confirmed' and v.served_on >= r.registered_on
      and (r.ended_on is null or v.served_on <= r.ended_on)) as service_hours`;

export function toRegistration(row: RegistrationRow) {
  return {
    id: row.id,
    memberId: row.member_id,
    memberName: row.member_name,
    phone: row.phone ? maskPhone(row.phone) : null,
    communityId: row.org_id,
    communityName: row.community_name,
    unitOrgId: row.unit_org_id,
    unitOrgName: row.unit_org_name,
    residence: row.residence,
    wishes: row.wishes,
    registeredOn: row.registered_on,
    endedOn: row.ended_on,
    serviceHours: row.service_hours,
  };
}

/** `where` must carry the scope: the community's or the unit's path inside the actor's subtree. */
export async function selectRegistrations(db: Queryable, where: SQL, page = 1, pageSize = 1, lock = false) {
  const rows = await queryRows<RegistrationRow>(
    db,
    sql`select ${COLUMNS} ${FROM} where ${where} order by r.registered_on desc, r.id desc
         limit ${pageSize} offset ${(page - 1) * pageSize} ${lock ? sql`for update of r` : sql``}`,
  );
  const [counted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${FROM} where ${where}`);
  return { rows, total: counted?.n ?? 0 };
}

export async function findCommunities(db: Queryable, q: string, only?: number) {
  return queryRows<{ id: number; name: string }>(
    db,
    sql`select id::int as id, name from organizations
         where type in ('community_committee', 'big_community_committee')
           and ${only === undefined ? sql`name like ${`%${q.replace(/[\\%_]/g, '\\$&')}%`}` : sql`id = ${only}`}
         order by name limit 20`,
  );
}

export type UnregisteredRow = { id: number; name: string; phone: string | null; org_id: number; org_name: string };

/**
 * 未报到: active members of the subtree whose category is 在职党员 and who have no open registration with a
 * community, in pinyin order: organisation by organisation through members_category_record_idx (drizzle/0025).
 */
export async function listUnregistered(db: Queryable, rootPath: string, page: number, pageSize: number) {
  const from = sql`from organizations o join members m on m.org_id = o.id
    where o.path <@ ${rootPath}::ltree and m.category = 'in_service' and m.left_on is null
      and not exists (select 1 from in_service_registrations r where r.member_id = m.id and r.ended_on is null)`;
  const rows = await queryRows<UnregisteredRow>(
    db,
    sql`select m.id::int as id, m.name, m.phone, o.id::int as org_id, o.name as org_name ${from}
         order by m.sort_key, m.id limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [counted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from}`);
  return { rows, total: counted?.n ?? 0 };
}
