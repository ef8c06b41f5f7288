import {
  ageInYear,
  type CareNeed,
  type CareType,
  governingRule,
  maskCareName,
  maskPhone,
  visitIntervalMonths,
  visitStanding,
} from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathUnder } from '../http/scope.js';

/** `orgId` lies under `rootPath` (a scope root already checked against the actor). */
export const orgUnder = (rootPath: string, orgId: SQL) =>
  sql`${orgId} = any(array(select subpath(so.path, -1)::text::bigint from organizations so
    where ${pathUnder(rootPath, sql`so.path`)}))`;

export type CareRow = {
  id: number;
  org_id: number;
  org_name: string;
  name: string;
  types: CareType[];
  birth_year: number | null;
  lives_alone: boolean;
  left_behind: boolean;
  building_id: number | null;
  building_name: string | null;
  address: string | null;
  phone: string | null;
  needs: CareNeed[];
  guardian_name: string | null;
  guardian_phone: string | null;
  carer_member_id: number | null;
  carer_account_id: number | null;
  carer_name: string | null;
  notes: string | null;
  last_visit_on: string | null;
  next_visit_due: string | null;
  registered_on: string;
  ended_on: string | null;
  end_reason: string | null;
  updated_at: string;
};

const COLUMNS = sql`r.id::int as id, r.org_id::int as org_id, o.name as org_name, r.name, r.types,
  r.birth_year, r.lives_alone, r.left_behind, r.building_id::int as building_id, b.name as building_name, r.address,
  r.phone, r.needs, r.guardian_name, r.guardian_phone, r.carer_member_id::int as carer_member_id,
  r.carer_account_id::int as carer_account_id, coalesce(cm.name, ca.display_name) as carer_name, r.notes,
  r.last_visit_on::text as last_visit_on, r.next_visit_due::text as next_visit_due,
  r.registered_on::text as registered_on, r.ended_on::text as ended_on, r.end_reason, r.updated_at::text as updated_at`;
const JOINS = sql`join organizations o on o.id = r.org_id left join buildings b on b.id = r.building_id
  left join members cm on cm.id = r.carer_member_id left join accounts ca on ca.id = r.carer_account_id`;

/** Rows matching `where` (on `r`), the most overdue first, then by name. */
export async function selectCare(
  q: Queryable,
  where: SQL,
  page?: { limit: number; offset: number },
  lock = false,
): Promise<CareRow[]> {
  return queryRows<CareRow>(
    q,
    sql`select ${COLUMNS} from care_residents r ${JOINS}
        where ${where}
        order by r.ended_on nulls first, r.next_visit_due nulls last, r.name, r.id
        ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}
        ${lock ? sql`for update of r` : sql``}`,
  );
}

export async function countCare(q: Queryable, where: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(q, sql`select count(*)::int as n from care_residents r where ${where}`);
  return row?.n ?? 0;
}

/**
 * Whether the actor sees the record whole: the community's own staff (an account of the community itself, not of
 * the street or district above it) or the assigned carer.
 */
export function seesWhole(actor: Pick<Actor, 'orgId' | 'accountId' | 'memberId' | 'permissions'>, r: CareRow): boolean {
  if (r.carer_account_id !== null && r.carer_account_id === actor.accountId) return true;
  if (r.carer_member_id !== null && r.carer_member_id === actor.memberId) return true;
  return actor.orgId === r.org_id && actor.permissions.includes('care.read');
}

/** A record as a list shows it: names whole only for those who see it whole, phones always masked. */
export function toCareItem(actor: Parameters<typeof seesWhole>[0], r: CareRow, today: string) {
  const full = seesWhole(actor, r);
  const person = { types: r.types, livesAlone: r.lives_alone, leftBehind: r.left_behind };
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    full,
    name: full ? r.name : maskCareName(r.name),
    types: r.types,
    livesAlone: r.lives_alone,
    leftBehind: r.left_behind,
    age: ageInYear(r.birth_year, today),
    buildingName: full ? r.building_name : null,
    address: full ? r.address : null,
    phone: r.phone && maskPhone(r.phone),
    needs: r.needs,
    carerName: r.carer_name,
    rule: governingRule(person),
    intervalMonths: visitIntervalMonths(person),
    lastVisitOn: r.last_visit_on,
    nextVisitDue: r.next_visit_due,
    standing: r.ended_on ? ('ok' as const) : visitStanding(r.next_visit_due, today),
    endedOn: r.ended_on,
  };
}

export type VisitRow = {
  id: number;
  visited_on: string;
  visitor: string;
  content: string;
  follow_up: boolean;
  follow_up_note: string | null;
  created_at: string;
};

export async function selectVisits(q: Queryable, residentId: number): Promise<VisitRow[]> {
  return queryRows<VisitRow>(
    q,
    sql`select v.id::int as id, v.visited_on::text as visited_on, v.visitor, v.content, v.follow_up, v.follow_up_note,
          v.created_at::text as created_at
        from care_visits v where v.resident_id = ${residentId}
        order by v.visited_on desc, v.id desc limit 200`,
  );
}
