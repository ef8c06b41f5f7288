import {
  addMonths,
  FLOATING_TRANSFER_MONTHS,
  floatingReportDue,
  floatingTransferDueOn,
  maskIdNumber,
  maskPhone,
} from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { countDue, type DueQuery } from '../http/due.js';
import { orgIdInSubtree, pathInScope } from '../http/scope.js';
import type { Floating } from './floating.schema.js';

type Scope = Pick<Actor, 'scopePath'>;

export type FloatingRow = {
  id: number;
  direction: 'out' | 'in';
  member_id: number | null;
  name: string;
  id_number: string | null;
  phone: string | null;
  org_id: number;
  org_name: string;
  place: string;
  other_org_name: string | null;
  contact: string | null;
  certificate_no: string | null;
  fixed_place: boolean;
  since: string;
  ended_on: string | null;
  last_reported_on: string | null;
  previous_category: string | null;
};

// Outflow rows show the member's current name and numbers; inflow rows keep what was registered.
const COLUMNS = sql`f.id::int as id, f.direction, f.member_id::int as member_id, coalesce(m.name, f.name) as name,
  coalesce(m.id_number, f.id_number) as id_number, coalesce(m.phone, f.phone) as phone, f.org_id::int as org_id,
  o.name as org_name, f.place, f.other_org_name, f.contact, f.certificate_no, f.fixed_place, f.since::text as since,
  f.ended_on::text as ended_on, f.last_reported_on::text as last_reported_on, f.previous_category`;

export function toFloating(row: FloatingRow, today: string): Floating {
  return {
    id: row.id,
    direction: row.direction,
    memberId: row.member_id,
    name: row.name,
    idNumber: row.id_number ? maskIdNumber(row.id_number) : null,
    phone: row.phone ? maskPhone(row.phone) : null,
    orgId: row.org_id,
    orgName: row.org_name,
    place: row.place,
    otherOrgName: row.other_org_name,
    contact: row.contact,
    certificateNo: row.certificate_no,
    fixedPlace: row.fixed_place,
    since: row.since,
    endedOn: row.ended_on,
    lastReportedOn: row.last_reported_on,
    shouldTransfer:
      row.direction === 'out' && row.ended_on === null && row.fixed_place && floatingTransferDueOn(row.since) <= today,
    reportedThisYear: row.last_reported_on !== null && row.last_reported_on.slice(0, 4) === today.slice(0, 4),
    reportDue: floatingReportDue(
      { since: row.since, lastReportedOn: row.last_reported_on, endedOn: row.ended_on },
      today,
    ),
  };
}

/**
 * `floatingReportDue` in SQL, for an open record `f`: away since before this year and no report this year (the
 * year of leaving needs none). Both columns are in floating_members_away_idx.
 */
export function reportDueCondition(today: string): SQL {
  const yearStart = `${today.slice(0, 4)}-01-01`;
  return sql`f.since < ${yearStart}::date and (f.last_reported_on is null or f.last_reported_on < ${yearStart}::date)`;
}

export async function findFloating(db: Queryable, scope: Scope, id: number, lock = false) {
  const [row] = await queryRows<FloatingRow>(
    db,
    sql`select ${COLUMNS} from floating_members f join organizations o on o.id = f.org_id
          left join members m on m.id = f.member_id
         where f.id = ${id} and ${pathInScope(scope, sql`o.path`)} ${lock ? sql`for update of f` : sql``}`,
  );
  return row;
}

export async function listFloating(db: Queryable, rootPath: string, where: SQL, page: number, pageSize: number) {
  const from = sql`from floating_members f join organizations o on o.id = f.org_id left join members m on m.id = f.member_id
    where o.path <@ ${rootPath}::ltree and ${where}`;
  const rows = await queryRows<FloatingRow>(
    db,
    sql`select ${COLUMNS} ${from} order by f.since, f.id limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [counted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from}`);
  return { rows, total: counted?.n ?? 0 };
}

export type UnregisteredRow = { id: number; name: string; phone: string | null; org_id: number; org_name: string };

/**
 * Active members of the subtree whose category is 流动党员 and who have no open outflow record, in pinyin order:
 * organisation by organisation through members_category_record_idx (drizzle/0025).
 */
export async function listUnregistered(db: Queryable, rootPath: string, page: number, pageSize: number) {
  const from = sql`from organizations o join members m on m.org_id = o.id
    where o.path <@ ${rootPath}::ltree and m.category = 'floating' and m.left_on is null
      and not exists (select 1 from floating_members f
                       where f.member_id = m.id and f.direction = 'out' and f.ended_on is null)`;
  const rows = await queryRows<UnregisteredRow>(
    db,
    sql`select m.id::int as id, m.name, m.phone, o.id::int as org_id, o.name as org_name ${from}
         order by m.sort_key, m.id limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [counted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from}`);
  return { rows, total: counted?.n ?? 0 };
}

export async function openOutflowOf(db: Queryable, memberId: number) {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select id::int as id from floating_members where member_id = ${memberId} and direction = 'out' and ended_on is null`,
  );
  return row;
}

export type AwayDueRow = { id: number; name: string; org_name: string; place: string; since: string };

/**
 * Outflow records of the scope still open (the member is away now) that meet `condition`, counted from
 * floating_members_away_idx (the organisation, since, id and the two columns the conditions read), the longest away
 * first; each member's current name, as the list shows it.
 */
function awayDue(db: Queryable, source: string, scope: Scope, condition: SQL, overdue: boolean, query: DueQuery) {
  return countDue<AwayDueRow>(db, source, query, {
    keys: sql`select f.id, f.since, ${overdue ? sql`true` : sql`false`} as overdue from floating_members f
               where f.direction = 'out' and f.ended_on is null and ${condition}
                 and ${orgIdInSubtree(scope, sql`f.org_id`)}`,
    order: sql`since, id`,
    items: (shown) => sql`select d.id::int as id, coalesce(m.name, f.name) as name, o.name as org_name, f.place,
                                 d.since::text as since
                            from ${shown} d join floating_members f on f.id = d.id
                            join organizations o on o.id = f.org_id left join members m on m.id = f.member_id
                           order by d.since, d.id`,
  });
}

/** Members away six months or more at a fixed place: their relationship should move there. */
export const transferDue = (db: Queryable, scope: Scope, today: string, query: DueQuery) =>
  awayDue(
    db,
    'floating.transfer',
    scope,
    sql`f.fixed_place and f.since <= ${addMonths(today, -FLOATING_TRANSFER_MONTHS)}::date`,
    true,
    query,
  );

/** Members away since before this year who have not reported this year. */
export const unreportedDue = (db: Queryable, scope: Scope, today: string, query: DueQuery) =>
  awayDue(db, 'floating.unreported', scope, reportDueCondition(today), false, query);
