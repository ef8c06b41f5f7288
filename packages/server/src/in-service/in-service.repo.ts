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
  service_hours: number;
};

const FROM = sql`from in_service_registrations r join members m on m.id = r.member_id
  join organizations c on c.id = r.org_id join organizations u on u.id = r.unit_org_id`;
const COLUMNS = sql`r.id::int as id, r.member_id::int as member_id, m.name as member_name, m.phone,
  r.org_id::int as org_id, c.name as community_name, c.path::text as community_path, r.unit_org_id::int as unit_org_id,
  u.name as unit_org_name, u.path::text as unit_path, r.residence, r.wishes, r.registered_on::text as registered_on,
  r.ended_on::text as ended_on, r.service_hours`;

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
