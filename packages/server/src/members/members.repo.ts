import {
  addDays,
  classifyMemberQuery,
  maskIdNumber,
  maskPhone,
  PROBATION_DUE_WINDOW_DAYS,
  PROBATION_YEARS,
} from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { countDue, type DueQuery, lastStartEndingBy } from '../http/due.js';
import { orgIdInSubtree, pathInScope } from '../http/scope.js';
import { findScopeRoot, type ScopeRoot } from '../organizations/organizations.repo.js';
import type { MemberDetail, MemberFilter, MemberSummary } from './members.schema.js';

type Scope = Pick<Actor, 'scopePath'>;

export type MemberRow = {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  name: string;
  gender: MemberSummary['gender'];
  ethnicity: string | null;
  id_number: string;
  birth_date: string | null;
  phone: string | null;
  education: string | null;
  status: MemberSummary['status'];
  category: MemberSummary['category'];
  management_mode: MemberSummary['managementMode'];
  joined_on: string | null;
  full_member_on: string | null;
  residence: string | null;
  employer: string | null;
  tags: string[];
  sort_key: string;
  left_on: string | null;
  left_reason: string | null;
  created_at: string;
  updated_at: string;
};

export const MEMBER_COLUMNS = sql`m.id::int as id, m.org_id::int as org_id, o.name as org_name, o.path::text as org_path,
  m.name, m.gender, m.ethnicity, m.id_number, m.birth_date::text as birth_date, m.phone, m.education, m.status,
  m.category, m.management_mode, m.joined_on::text as joined_on, m.full_member_on::text as full_member_on,
  m.residence, m.employer, m.tags, m.sort_key, m.left_on::text as left_on, m.left_reason,
  to_json(m.created_at) #>> '{}' as created_at, to_json(m.updated_at) #>> '{}' as updated_at`;

/** What a list shows of a member: its page reads these columns only (not the whole record). */
export type MemberListRow = Pick<
  MemberRow,
  | 'id'
  | 'org_id'
  | 'org_name'
  | 'name'
  | 'gender'
  | 'id_number'
  | 'phone'
  | 'status'
  | 'category'
  | 'management_mode'
  | 'joined_on'
  | 'tags'
  | 'sort_key'
>;

// Each column a page does not show costs: the record's two timestamps, formatted through to_json for each of
// the 20 rows, took a community page from 0.9 to 1.6 ms of the database's time (bench/RESULTS.md).
const LIST_COLUMNS = sql`m.id::int as id, m.org_id::int as org_id, o.name as org_name, m.name, m.gender, m.id_number,
  m.phone, m.status, m.category, m.management_mode, m.joined_on::text as joined_on, m.tags, m.sort_key`;

export function toSummary(row: MemberListRow): MemberSummary {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    idNumber: maskIdNumber(row.id_number),
    phone: row.phone === null ? null : maskPhone(row.phone),
    status: row.status,
    category: row.category,
    managementMode: row.management_mode,
    orgId: row.org_id,
    orgName: row.org_name,
    joinedOn: row.joined_on,
    tags: row.tags,
  };
}

/** One member inside the scope (locked for update when asked), or undefined: callers answer 404 either way. */
export async function findMember(
  db: Queryable,
  scope: Scope,
  id: number,
  lock = false,
): Promise<MemberRow | undefined> {
  const [row] = await queryRows<MemberRow>(
    db,
    sql`select ${MEMBER_COLUMNS} from members m join organizations o on o.id = m.org_id
         where m.id = ${id} and ${pathInScope(scope, sql`o.path`)} ${lock ? sql`for update of m` : sql``}`,
  );
  return row;
}

export type MemberRowWithHistory = MemberRow & { history: MemberDetail['history'] };

/** A member's page in one statement: the record inside the scope and its organisation history, as a JSON array. */
export async function findMemberWithHistory(
  db: Queryable,
  scope: Scope,
  id: number,
): Promise<MemberRowWithHistory | undefined> {
  const [row] = await queryRows<MemberRowWithHistory>(
    db,
    sql`select ${MEMBER_COLUMNS}, (
          select coalesce(json_agg(json_build_object('orgId', h.org_id::int, 'orgName', h.org_name,
                   'fromOn', h.from_on::text, 'toOn', h.to_on::text, 'reason', h.reason, 'endReason', h.end_reason)
                   order by h.from_on, h.id), '[]'::json)
            from member_history h where h.member_id = m.id) as history
        from members m join organizations o on o.id = m.org_id
         where m.id = ${id} and ${pathInScope(scope, sql`o.path`)}`,
  );
  return row;
}

type IdNumberHolder = { id: number; name: string; org_name: string; visible: boolean; left_on: string | null };

/** The holder of an ID number anywhere on the platform, with whether the actor may see it (and whether they left). */
export async function findByIdNumber(
  db: Queryable,
  scope: Scope,
  idNumber: string,
): Promise<IdNumberHolder | undefined> {
  const [row] = await queryRows<IdNumberHolder>(
    db,
    sql`select m.id::int as id, m.name, o.name as org_name, ${pathInScope(scope, sql`o.path`)} as visible,
          m.left_on::text as left_on from members m join organizations o on o.id = m.org_id where m.id_number = ${idNumber}`,
  );
  return row;
}

/** Subtrees up to this size are read through their organisations; larger ones walk the pinyin index. */
const SMALL_SUBTREE = 10_000;
/** Filtered totals count this far and then say "more than"; an unfiltered total is the rollup counter. */
const COUNT_CAP = 2_000;

/** The organisation a list starts from: its path and how many members its subtree holds. */
export type SubtreeRoot = ScopeRoot;

export type ListPlan = {
  root: SubtreeRoot;
  /** Every condition, for reads that start from an index on the text (city-wide candidates). */
  where: SQL;
  /** The conditions without the name/pinyin text: for reads organisation by organisation. */
  local: SQL;
  /** The name/pinyin text condition, applied after such a read (never as an index probe per organisation). */
  residual: SQL | null;
  textual: boolean;
  /** An exact ID number or phone: its own index finds the one or few rows anywhere; the subtree then checks them. */
  probe: boolean;
  filtered: boolean;
};

/** The filter as SQL conditions on `m` (members) and `o` (their organisation); the subtree is applied by the caller. */
export function filterConditions(filter: MemberFilter): Omit<ListPlan, 'root'> {
  const parts: SQL[] = [];
  // Name and pinyin conditions match indexes over the whole platform: probing them once per organisation of a
  // subtree (a BitmapAnd with the organisation's entries) costs ~1 ms per organisation at a million members.
  let residual: SQL | null = null;
  let indexed: SQL | null = null;
  if (filter.category?.length) parts.push(sql`m.category in ${filter.category}`);
  if (filter.status) parts.push(sql`m.status = ${filter.status}`);
  if (filter.managementMode) parts.push(sql`m.management_mode = ${filter.managementMode}`);
  if (filter.tag) parts.push(sql`m.tags @> array[${filter.tag}]::text[]`);
  const text = classifyMemberQuery(filter.q ?? '');
  if (text) {
    switch (text.kind) {
      case 'id_number':
        parts.push(sql`m.id_number = ${text.value}`);
        break;
      case 'phone':
        parts.push(sql`m.phone = ${text.value}`);
        break;
      case 'pinyin': {
        const prefix = `${text.value.replace(/[\\%_]/g, '')}%`;
        residual = indexed = sql`(m.name_initials like ${prefix} or m.name_pinyin like ${prefix})`;
        break;
      }
      case 'name': {
        // The characters-array GIN index finds candidates for any part of a name (pg_trgm sees no trigrams
        // in Chinese text under the C locale); LIKE then keeps the characters in their order, and alone
        // suffices on the rows of one organisation.
        const like = sql`m.name like ${`%${text.value.replace(/[\\%_]/g, '\\$&')}%`}`;
        residual = like;
        indexed = sql`string_to_array(m.name, null) @> string_to_array(${text.value}, null) and ${like}`;
        break;
      }
    }
  }
  // Members who left the platform are in no list (their page still opens); not one of the user's filters.
  const local = sql.join([sql`m.left_on is null`, ...parts], sql` and `);
  return {
    where: indexed ? sql`${local} and ${indexed}` : local,
    local,
    residual,
    textual: text !== null,
    probe: text?.kind === 'id_number' || text?.kind === 'phone',
    filtered: parts.length > 0 || residual !== null,
  };
}

/**
 * The ltree planner trap: `path <@ x order by name limit n` is estimated without knowing the subtree's size,
 * so PostgreSQL may walk a city-wide name index to fill a page for a small community, or sort a whole city
 * for one page. We know the size exactly (the rollup counters), so `decide` chooses: reading through the
 * organisations then sorting (`small`), or walking the pinyin-order index and keeping the subtree's rows.
 *
 * `keysOnly`: the page query sorts only keys (`m.id, m.sort_key`: for an
 * unfiltered list an index-only scan of members_org_idx) and reads the 20 full rows afterwards.
 */
function candidates(plan: ListPlan, small: boolean, keysOnly: boolean): SQL {
  const columns = keysOnly ? sql`m.id, m.sort_key` : sql`m.*, sub.name as org_name, sub.path as org_path`;
  if (small && plan.root.size <= SMALL_SUBTREE && !plan.probe) {
    // A small subtree, read organisation by organisation through its own index entries: a text search then
    // never walks the city-wide characters index (tens of ms at 200k members) for a street's thousand members.
    // (`offset 0` keeps PostgreSQL from flattening the lateral subquery back into a plain join.)
    return sql`with sub as materialized (select id, name, path from organizations where path <@ ${subtreePath(plan)})
      select ${columns} from sub
        cross join lateral (${perOrg(plan, sql`sub.id`, keysOnly ? sql`m.id, m.sort_key` : sql`m.*`, keysOnly)}) m`;
  }
  if (small && !plan.probe) {
    return sql`with sub as materialized (select id, name, path from organizations where path <@ ${subtreePath(plan)})
      select ${columns} from members m join sub on sub.id = m.org_id where ${plan.where}`;
  }
  return sql`select ${columns} from members m join organizations sub on sub.id = m.org_id
      where sub.path <@ ${plan.root.path}::ltree and ${plan.where}`;
}

/**
 * One organisation's matching members, through its own index entries; the name/pinyin text is applied to
 * those rows afterwards (`offset 0` keeps it out of the index scan).
 */
function perOrg(plan: ListPlan, orgId: SQL, columns: SQL, keysOnly: boolean): SQL {
  if (!plan.residual) return sql`select ${columns} from members m where m.org_id = ${orgId} and ${plan.local} offset 0`;
  // The columns members_org_idx carries: a key or count read stays an index-only scan.
  const inner = keysOnly ? sql`m.id, m.sort_key, m.name, m.name_initials, m.name_pinyin` : sql`*`;
  return sql`select ${columns} from (select ${inner} from members m where m.org_id = ${orgId} and ${plan.local} offset 0) m
              where ${plan.residual}`;
}

/**
 * The root's path for a read that goes organisation by organisation: behind a sub-select, so that the planner
 * does not estimate the condition. With the path as a literal, ltree's estimator walks the column's histogram
 * at every planning — time the read through the organisations has no use for (its shape is fixed), and which
 * halved a community page's throughput against the same statement without it (bench/RESULTS.md). The index
 * walk of a large subtree keeps the literal: there the estimate picks the plan.
 */
const subtreePath = (plan: ListPlan) => sql`(select ${plan.root.path}::ltree)`;

/** Whole rows with their organisation, for exports and counts. */
const candidateRows = (plan: ListPlan, small: boolean) => candidates(plan, small, false);

const OUTER_COLUMNS = sql`m.id::int as id, m.org_id::int as org_id, m.org_name, m.org_path::text as org_path,
  m.name, m.gender, m.ethnicity, m.id_number, m.birth_date::text as birth_date, m.phone, m.education, m.status,
  m.category, m.management_mode, m.joined_on::text as joined_on, m.full_member_on::text as full_member_on,
  m.residence, m.employer, m.tags, m.sort_key, m.left_on::text as left_on, m.left_reason,
  to_json(m.created_at) #>> '{}' as created_at, to_json(m.updated_at) #>> '{}' as updated_at`;

/**
 * Matching members of the subtree, counted up to the cap through each organisation's own index entries,
 * so that the count never walks the city.
 */
async function countCapped(db: Queryable, plan: ListPlan, scope?: Scope): Promise<number | null> {
  const count =
    plan.probe || (plan.residual && plan.root.size > SMALL_SUBTREE)
      ? // An ID number or phone, or a name or pinyin in a large subtree: their index over the platform gives few candidates.
        sql`select count(*)::int as n from (${candidates(plan, true, true)} limit ${COUNT_CAP + 1}) c`
      : sql`with sub as materialized (select id from organizations where path <@ ${subtreePath(plan)})
        select count(*)::int as n from (
          select 1 from sub cross join lateral (select 1 from (${perOrg(plan, sql`sub.id`, sql`1`, true)}) p
                                                 limit ${COUNT_CAP + 1}) x
          limit ${COUNT_CAP + 1}) c`;
  const [counted] = await queryRows<{ n: number }>(
    db,
    scope
      ? sql`select c.n from organizations o cross join lateral (${count}) c
             where o.id = ${plan.root.id} and o.path::text = ${plan.root.path} and ${pathInScope(scope, sql`o.path`)}`
      : count,
  );
  if (!counted) return scope ? null : 0;
  return counted.n;
}

/**
 * Which way to read: through the organisations (then sort) for small subtrees, text searches and filters
 * with few matches; along the pinyin index otherwise. A filter with few matches in a large subtree would
 * make the index walk long, so its capped count decides — and is the total the page shows anyway.
 * With a scope: null when the root is not at its path inside it (the count is then not made).
 */
async function decide(
  db: Queryable,
  plan: ListPlan,
  scope?: Scope,
): Promise<{ small: boolean; total: number; capped: boolean } | null> {
  if (!plan.filtered) return { small: plan.root.size <= SMALL_SUBTREE, total: plan.root.size, capped: false };
  const n = await countCapped(db, plan, scope);
  if (n === null) return null;
  const small = plan.root.size <= SMALL_SUBTREE || plan.textual || n <= COUNT_CAP;
  return { small, total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

export type ListPage = { rows: MemberListRow[]; total: number; totalCapped: boolean };

/**
 * One page of a list and its total, in one statement with the check that the root is still at `plan.root.path`
 * and inside the scope (see rootChecked). Undefined when that check fails: the root moved, or is not the
 * actor's to see. The root's size, read again by the statement, is returned for the next plan.
 */
export async function listPage(
  db: Queryable,
  scope: Scope,
  plan: ListPlan,
  page: number,
  pageSize: number,
): Promise<(ListPage & { rootSize: number }) | undefined> {
  if (plan.filtered && (plan.root.size <= SMALL_SUBTREE || plan.textual)) {
    return countedPage(db, scope, plan, page, pageSize);
  }
  // A filter in a large subtree: its capped count picks the way to read (see decide), a statement of its own.
  const decided = plan.filtered ? await decide(db, plan, scope) : undefined;
  if (decided === null) return undefined;
  const small = decided ? decided.small : plan.root.size <= SMALL_SUBTREE;
  // Sort and cut the keys first; only the page's rows are then read whole (late row lookup).
  const read = await queryRows<Nullable<MemberListRow> & { root_size: number }>(
    db,
    rootChecked(scope, plan.root, pageQuery(candidates(plan, small, true), page, pageSize)),
  );
  const [first] = read;
  if (!first) return undefined;
  return {
    rows: pageRows(read),
    total: decided ? decided.total : first.root_size,
    totalCapped: decided ? decided.capped : false,
    rootSize: first.root_size,
  };
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

/** The page's rows of a statement made by rootChecked: an empty page is one row of nulls but the root's. */
function pageRows<R extends { root_size: number }>(
  read: (Nullable<MemberListRow> & R)[],
): (MemberListRow & Omit<R, 'root_size'>)[] {
  return read
    .filter((r) => r.id !== null)
    .map(({ root_size: _, ...row }) => row as unknown as MemberListRow & Omit<R, 'root_size'>);
}

/**
 * A list's statement: the root's row — at the path the plan names and inside the actor's scope — then the page,
 * evaluated only when the root's row is there. The path is a literal in the page's SQL so that the planner
 * knows the subtree's size (ltree estimates need a constant); this check makes such a path safe to take from
 * a hint (the statement returns no row when the organisation has moved or lies outside the scope).
 */
function rootChecked(scope: Scope, root: SubtreeRoot, page: SQL): SQL {
  return sql`select r.root_size, p.* from (
      select (o.full_members + o.probationary_members)::int as root_size from organizations o
       where o.id = ${root.id} and o.path::text = ${root.path} and ${pathInScope(scope, sql`o.path`)}) r
    left join lateral (${page}) p on true
    order by p.sort_key, p.id`;
}

/** The page's keys sorted and cut from the candidates, then its 20 rows read whole (late row lookup). */
function pageQuery(keys: SQL, page: number, pageSize: number, withTotal = false): SQL {
  return sql`select ${LIST_COLUMNS}${withTotal ? sql`, p.total::int as total` : sql``} from (
          select k.id, k.sort_key${withTotal ? sql`, k.total` : sql``} from (${keys}) k
           order by k.sort_key, k.id limit ${pageSize} offset ${(page - 1) * pageSize}) p
        join members m on m.id = p.id join organizations o on o.id = m.org_id
        order by p.sort_key, p.id`;
}

/**
 * A search or filter that reads through the organisations whatever its count (a small subtree, or text):
 * every candidate is read and sorted for the page anyway, so the same pass counts them (a window count before
 * the top-N sort) instead of a second read of the subtree. Only a page past the end, which returns no row to
 * carry the count, counts on its own.
 */
async function countedPage(db: Queryable, scope: Scope, plan: ListPlan, page: number, pageSize: number) {
  const read = await queryRows<Nullable<MemberListRow> & { root_size: number; total: number | null }>(
    db,
    rootChecked(
      scope,
      plan.root,
      plan.probe
        ? // An ID number or phone: its own index gives the one or few rows, read whole at once (a late lookup of
          // rows already in hand cost the statement a third more).
          sql`select ${LIST_COLUMNS}, count(*) over () as total
                from members m join organizations o on o.id = m.org_id
               where o.path <@ ${plan.root.path}::ltree and ${plan.where}
               order by m.sort_key, m.id limit ${pageSize} offset ${(page - 1) * pageSize}`
        : pageQuery(
            sql`select c.*, count(*) over () as total from (${candidates(plan, true, true)}) c`,
            page,
            pageSize,
            true,
          ),
    ),
  );
  const [first] = read;
  if (!first) return undefined;
  const counted = pageRows(read);
  // A page past the end has no row to carry the count: it is counted on its own (the root was just checked).
  const n = counted[0]?.total ?? (page > 1 ? ((await countCapped(db, plan)) ?? 0) : 0);
  const rows = counted.map(({ total: _, ...row }) => row);
  return { rows, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, rootSize: first.root_size };
}

/**
 * Exports, in pinyin order: first the matching ids in order (one read of the subtree, sorted in the
 * database), then the rows 1,000 at a time by id. Walking the pinyin index page by page instead reads every
 * member of the city for a filter or a district that keeps one row in ten, most of them from disk.
 * Never more than the ids (8 bytes a member) and one page in memory.
 */
export async function* allRows(db: Queryable, plan: ListPlan, batch = 1000): AsyncGenerator<MemberRow[]> {
  const { small } = (await decide(db, plan)) ?? { small: true };
  const ids = await queryRows<{ id: number }>(
    db,
    sql`select m.id::int as id from (${candidateRows(plan, small)}) m order by m.sort_key, m.id`,
  );
  for (let i = 0; i < ids.length; i += batch) {
    const page = JSON.stringify(ids.slice(i, i + batch).map((r) => r.id));
    // The subtree and the filter again: a member moved or changed meanwhile is left out, as a list would.
    yield await queryRows<MemberRow>(
      db,
      sql`select ${OUTER_COLUMNS} from (
            select m.*, o2.name as org_name, o2.path as org_path from members m join organizations o2 on o2.id = m.org_id
             where m.id in (select value::bigint from jsonb_array_elements_text(${page}::jsonb))
               and o2.path <@ ${plan.root.path}::ltree and ${plan.where}) m
          order by m.sort_key, m.id`,
    );
  }
}

export async function countRows(db: Queryable, plan: ListPlan): Promise<number> {
  const [counted] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (${candidateRows(plan, true)}) m`,
  );
  return counted?.n ?? 0;
}

/**
 * Subtree roots as lists last read them (path and size, by organisation id), so that a list is one statement:
 * its path goes into the list's SQL as a literal and its size picks the plan, while the statement itself checks
 * the path and the scope and reads the size again (rootChecked). A stale hint — an organisation moved, another
 * process's change — costs one more statement, never a wrong answer; nothing here is trusted for scope.
 */
export class SubtreeHints {
  readonly #roots = new Map<number, SubtreeRoot>();
  constructor(private readonly maxEntries = 50_000) {}

  get(id: number): SubtreeRoot | undefined {
    return this.#roots.get(id);
  }

  set(root: SubtreeRoot): void {
    if (!this.#roots.has(root.id) && this.#roots.size >= this.maxEntries) {
      const oldest = this.#roots.keys().next().value;
      if (oldest !== undefined) this.#roots.delete(oldest);
    }
    this.#roots.set(root.id, root);
  }

  delete(id: number): void {
    this.#roots.delete(id);
  }
}

const hints = new SubtreeHints();

/**
 * A page of the members under `orgId` (the actor's own organisation without one), in one statement when the
 * root is known from an earlier list; undefined when the organisation is not in the actor's scope.
 */
export async function listMemberPage(
  db: Queryable,
  scope: Pick<Actor, 'scopePath' | 'orgId'>,
  filter: MemberFilter,
  page: number,
  pageSize: number,
): Promise<ListPage | undefined> {
  const id = filter.orgId ?? scope.orgId;
  const conditions = filterConditions(filter);
  const hinted = hints.get(id);
  if (hinted) {
    const read = await listPage(db, scope, { root: hinted, ...conditions }, page, pageSize);
    if (read) {
      if (read.rootSize !== hinted.size) hints.set({ ...hinted, size: read.rootSize });
      return read;
    }
    hints.delete(id);
  }
  const root = await findScopeRoot(db, scope, id);
  if (!root) return undefined;
  hints.set(root);
  return listPage(db, scope, { root, ...conditions }, page, pageSize);
}

/**
 * The last day a member may have joined for their probation (a year) to end by `endBy`: `joined_on <=` this is
 * the rule "ends by" as a range of the partial index members_probation_idx (drizzle/0019).
 */
export const probationJoinedBy = (endBy: string) => lastStartEndingBy(endBy, PROBATION_YEARS * 12);

/** Probationary members of the scope whose year ends within the reminder window, or has ended. */
export const probationDueCondition = (scope: Scope, today: string) =>
  sql`m.status = 'probationary' and m.left_on is null
    and m.joined_on <= ${probationJoinedBy(addDays(today, PROBATION_DUE_WINDOW_DAYS))}::date
    and ${orgIdInSubtree(scope, sql`m.org_id`)}`;

export type ProbationDueRow = { id: number; name: string; org_name: string; joined_on: string; overdue: boolean };

/**
 * The workbench's probation reminders: counted from the partial index's entries (joined_on, org_id, id) of the
 * scope's organisations, the first items read whole.
 */
export function probationDue(db: Queryable, scope: Scope, today: string, query: DueQuery) {
  return countDue<ProbationDueRow>(db, 'members.probation', query, {
    keys: sql`select m.id, m.joined_on, m.joined_on <= ${probationJoinedBy(addDays(today, -1))}::date as overdue
                from members m where ${probationDueCondition(scope, today)}`,
    order: sql`joined_on, id`,
    items: (shown) => sql`select d.id::int as id, m.name, o.name as org_name, d.joined_on::text as joined_on, d.overdue
                            from ${shown} d join members m on m.id = d.id join organizations o on o.id = m.org_id
                           order by d.joined_on, d.id`,
  });
}
