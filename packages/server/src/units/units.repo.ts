import { maskPhone, type UnitKind, type UnitRelation } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathInScope, pathUnder } from '../http/scope.js';
import type { Unit } from './units.schema.js';

/**
 * The units whose liaison (驻区单位联络员, `cobuild.unit`) the account is, ended ones included (their records
 * stay theirs to read). Other modules use it to show a liaison its own unit's records only (404 otherwise).
 */
export async function liaisonUnitIds(q: Queryable, accountId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    q,
    sql`select id::int as id from resident_units where liaison_account_id = ${accountId} order by id`,
  );
  return rows.map((r) => r.id);
}

/** The display names of units by id (a linked new organisation's name from its record); unknown ids are absent. */
export async function unitNames(q: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: number; name: string }>(
    q,
    sql`select id::int as id, name from resident_units_v where id = any(${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::bigint[])`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

type Scope = Pick<Actor, 'scopePath'>;

export type UnitRow = {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  new_org_id: number | null;
  name: string;
  uscc: string | null;
  kind: UnitKind;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  headcount: number | null;
  party_members: number | null;
  party_org_id: number | null;
  party_org_name: string | null;
  relation: UnitRelation;
  liaison_id: number | null;
  liaison_username: string | null;
  liaison_display_name: string | null;
  ended_on: string | null;
  updated_at: string;
};

const UNIT_COLUMNS = sql`u.id::int as id, u.org_id::int as org_id, o.name as org_name, o.path::text as org_path,
  u.new_org_id::int as new_org_id, u.name, u.uscc, u.kind, u.address, u.contact_name, u.contact_phone, u.headcount,
  u.party_members, u.party_org_id::int as party_org_id, po.name as party_org_name, u.relation,
  a.id::int as liaison_id, a.username as liaison_username, a.display_name as liaison_display_name,
  u.ended_on::text as ended_on, to_json(u.updated_at) #>> '{}' as updated_at`;

const UNIT_FROM = sql`resident_units_v u
  join organizations o on o.id = u.org_id
  left join organizations po on po.id = u.party_org_id
  left join accounts a on a.id = u.liaison_account_id`;

/** A unit as the API shows it; the contact phone masked unless `unmasked`. */
export function toUnit(r: UnitRow, unmasked: boolean): Unit {
  return {
    id: r.id,
    org: { id: r.org_id, name: r.org_name },
    newOrgId: r.new_org_id,
    name: r.name,
    uscc: r.uscc,
    kind: r.kind,
    address: r.address,
    contactName: r.contact_name,
    contactPhone: r.contact_phone === null ? null : unmasked ? r.contact_phone : maskPhone(r.contact_phone),
    headcount: r.headcount,
    partyMembers: r.party_members,
    partyOrg: r.party_org_id === null ? null : { id: r.party_org_id, name: r.party_org_name ?? '' },
    relation: r.relation,
    liaison:
      r.liaison_id === null
        ? null
        : { id: r.liaison_id, username: r.liaison_username ?? '', displayName: r.liaison_display_name ?? '' },
    endedOn: r.ended_on,
    updatedAt: r.updated_at,
  };
}

export type UnitFilter = {
  rootPath: string;
  q?: string;
  kind?: UnitKind;
  relation?: UnitRelation;
  ended?: 'true' | 'false';
};

/** The units held in a subtree (the root checked against the actor's scope by the caller), by name. */
export async function listUnits(
  db: Queryable,
  filter: UnitFilter,
  page?: { page: number; pageSize: number },
): Promise<{ rows: UnitRow[]; total: number }> {
  const where = sql.join(
    [
      pathUnder(filter.rootPath, sql`o.path`),
      filter.q ? sql`(u.name like ${`%${escapeLike(filter.q)}%`} or u.uscc = ${filter.q.toUpperCase()})` : undefined,
      filter.kind ? sql`u.kind = ${filter.kind}` : undefined,
      filter.relation ? sql`u.relation = ${filter.relation}` : undefined,
      filter.ended === 'true'
        ? sql`u.ended_on is not null`
        : filter.ended === 'false'
          ? sql`u.ended_on is null`
          : undefined,
    ].filter((c): c is SQL => c !== undefined),
    sql` and `,
  );
  const rows = await queryRows<UnitRow & { total: number }>(
    db,
    sql`select ${UNIT_COLUMNS}, count(*) over ()::int as total from ${UNIT_FROM} where ${where}
        order by u.ended_on nulls first, u.name, u.id
        ${page ? sql`limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}` : sql``}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** One unit held in the actor's scope; `lock` locks its own row (not the new organisation's). */
export async function findUnit(db: Queryable, scope: Scope, id: number, lock = false): Promise<UnitRow | undefined> {
  if (lock) {
    const locked = await queryRows(db, sql`select 1 from resident_units where id = ${id} for update`);
    if (locked.length === 0) return undefined;
  }
  const [row] = await queryRows<UnitRow>(
    db,
    sql`select ${UNIT_COLUMNS} from ${UNIT_FROM} where u.id = ${id} and ${pathInScope(scope, sql`o.path`)}`,
  );
  return row;
}

/** The units whose liaison the account is (the liaison's own page). */
export async function unitsOfLiaison(db: Queryable, accountId: number): Promise<UnitRow[]> {
  return queryRows<UnitRow>(
    db,
    sql`select ${UNIT_COLUMNS} from ${UNIT_FROM} where u.liaison_account_id = ${accountId}
        order by u.ended_on nulls first, u.id`,
  );
}

/** New organisations of the subtree that are not yet units (the "add from the new-orgs registry" picker). */
export async function newOrgCandidates(db: Queryable, rootPath: string) {
  return queryRows<{ id: number; name: string; uscc: string; org_id: number; org_name: string }>(
    db,
    sql`select n.id::int as id, n.name, n.uscc, o.id::int as org_id, o.name as org_name
          from new_organizations n join organizations o on o.id = n.org_id
         where ${pathUnder(rootPath, sql`o.path`)}
           and not exists (select 1 from resident_units u where u.new_org_id = n.id)
         order by n.name, n.id limit 500`,
  );
}

/** Accounts of the 驻区单位联络员 role in the subtree (the liaison picker). */
export async function liaisonCandidates(db: Queryable, rootPath: string) {
  return queryRows<{ id: number; username: string; display_name: string; org_id: number; org_name: string }>(
    db,
    sql`select a.id::int as id, a.username, a.display_name, o.id::int as org_id, o.name as org_name
          from accounts a join organizations o on o.id = a.org_id
         where a.role = 'unit_liaison' and ${pathUnder(rootPath, sql`o.path`)}
         order by a.username limit 500`,
  );
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
