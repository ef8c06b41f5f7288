import { ORG_TYPES } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathInScope } from '../http/scope.js';

export const OrgSearchQuerySchema = z.object({
  q: z.string().trim().min(1, '请输入组织名称或拼音首字母').max(50, '最多50个字符'),
});

export const OrgSearchListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        type: z.enum(ORG_TYPES),
        /** Its ancestors inside the caller's scope, from the scope's root down: the picker opens them. */
        ancestors: z.array(z.object({ id: z.number().int(), name: z.string() })),
      }),
    ),
  })
  .meta({ id: 'OrgSearchList' });

const LIMIT = 20;
/** The scope's organisations read to match pinyin initials: a district's few thousand, with room. */
const PINYIN_SCAN_LIMIT = 50_000;

// Initials by name, kept across requests: organisation names change rarely and pinyin-pro costs ~20 µs a name.
const initialsCache = new Map<string, string>();
function initialsOf(name: string): string {
  let initials = initialsCache.get(name);
  if (initials === undefined) {
    initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', v: true })
      .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
      .join('');
    if (initialsCache.size > 100_000) initialsCache.clear();
    initialsCache.set(name, initials);
  }
  return initials;
}

type Row = { id: number; name: string; type: (typeof ORG_TYPES)[number]; path: string };

/**
 * The organisation picker's search, inside the caller's scope: part of the name (甲社区), or the start of a word's
 * pinyin initials (jsq, sq → 甲社区党委), the shallower first. Each with its ancestors in scope, so the picker can
 * open the tree down to it.
 */
export async function searchOrgs(db: Queryable, actor: Actor, q: string) {
  const text = q.trim();
  const latin = /^[A-Za-z]+$/.test(text);
  const rows = latin
    ? (
        await queryRows<Row>(
          db,
          sql`select id::int as id, name, type, path::text as path from organizations
               where ${pathInScope(actor, sql`path`)} order by nlevel(path), name limit ${PINYIN_SCAN_LIMIT}`,
        )
      )
        .filter((r) => initialsOf(r.name).includes(text.toLowerCase()))
        .slice(0, LIMIT)
    : await queryRows<Row>(
        db,
        sql`select id::int as id, name, type, path::text as path from organizations
             where ${pathInScope(actor, sql`path`)} and name like ${`%${text.replace(/[\\%_]/g, '\\$&')}%`}
             order by nlevel(path), name limit ${LIMIT}`,
      );
  const ancestorIds = [...new Set(rows.flatMap((r) => r.path.split('.').slice(0, -1).map(Number)))];
  const names = new Map<number, string>();
  if (ancestorIds.length > 0) {
    const found = await queryRows<{ id: number; name: string }>(
      db,
      sql`select id::int as id, name from organizations
           where id in (${sql.join(
             ancestorIds.map((id) => sql`${id}`),
             sql`, `,
           )}) and ${pathInScope(actor, sql`path`)}`,
    );
    for (const a of found) names.set(a.id, a.name);
  }
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      ancestors: r.path
        .split('.')
        .slice(0, -1)
        .map(Number)
        .filter((id) => names.has(id))
        .map((id) => ({ id, name: names.get(id) as string })),
    })),
  };
}
