import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';

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
