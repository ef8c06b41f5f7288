import { type SQL, sql } from 'drizzle-orm';
import type { Role } from '@gongjian/shared';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathInScope } from '../http/scope.js';
import type { Account, AccountListQuery } from './accounts.schema.js';

type Row = {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  org_id: number;
  org_name: string;
  member_id: number | null;
  member_name: string | null;
  disabled: boolean;
  locked: boolean;
  must_change_password: boolean;
  last_login_at: string | null;
  created_at: string;
};

const toAccount = (r: Row): Account => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  org: { id: r.org_id, name: r.org_name },
  member: r.member_id === null ? null : { id: r.member_id, name: r.member_name ?? '' },
  disabled: r.disabled,
  locked: r.locked,
  mustChangePassword: r.must_change_password,
  lastLoginAt: r.last_login_at,
  createdAt: r.created_at,
});

function selectAccounts(scope: Pick<Actor, 'scopePath'>, where: SQL): SQL {
  return sql`select a.id::int as id, a.username, a.display_name, a.role, o.id::int as org_id, o.name as org_name,
      a.member_id::int as member_id, (select m.name from members m where m.id = a.member_id) as member_name, a.disabled, coalesce(a.locked_until > now(), false) as locked, a.must_change_password,
      to_json(a.last_login_at) #>> '{}' as last_login_at, to_json(a.created_at) #>> '{}' as created_at
    from accounts a join organizations o on o.id = a.org_id
    where ${pathInScope(scope, sql`o.path`)} and ${where}`;
}

function searchCondition(q: string | undefined): SQL {
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return like ? sql`(a.username ilike ${like} or a.display_name ilike ${like} or o.name ilike ${like})` : sql`true`;
}

export async function listAccounts(db: Queryable, scope: Pick<Actor, 'scopePath'>, query: AccountListQuery) {
  const base = selectAccounts(scope, searchCondition(query.q));
  const [rows, [total]] = await Promise.all([
    queryRows<Row>(db, sql`${base} order by a.id limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from (${base}) t`),
  ]);
  return { items: rows.map(toAccount), total: total?.n ?? 0 };
}

export async function findAccount(
  db: Queryable,
  scope: Pick<Actor, 'scopePath'>,
  id: number,
): Promise<Account | undefined> {
  const [row] = await queryRows<Row>(db, selectAccounts(scope, sql`a.id = ${id}`));
  return row && toAccount(row);
}

/** The account already linked to a member profile, if any. */
export async function accountOfMember(db: Queryable, memberId: number) {
  const [row] = await queryRows<{ id: number; username: string }>(
    db,
    sql`select id::int as id, username from accounts where member_id = ${memberId}`,
  );
  return row;
}

/** Every account of the scope matching the search, for the export (accounts are few: one per post). */
export async function allAccounts(db: Queryable, scope: Pick<Actor, 'scopePath'>, q: string | undefined) {
  return (await queryRows<Row>(db, sql`${selectAccounts(scope, searchCondition(q))} order by a.id`)).map(toAccount);
}
