import type { CoCategory, NeedStatus, ProjectStatus, ResourceProvider } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Need, Project, Resource } from './co-lists.schema.js';

export type NeedRow = {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  title: string;
  category: CoCategory;
  description: string | null;
  place: string | null;
  needed_by: string | null;
  request_id: number | null;
  status: NeedStatus;
  claimed_unit_id: number | null;
  claimed_unit_name: string | null;
  claim_note: string | null;
  met_on: string | null;
  created_at: string;
};

export const NEED_SELECT = sql`select n.id::int as id, n.org_id::int as org_id, o.name as org_name,
  o.path::text as org_path, n.title, n.category, n.description, n.place, n.needed_by::text as needed_by,
  n.request_id::int as request_id, n.status,
  n.claimed_unit_id::int as claimed_unit_id, (select u.name from resident_units_v u where u.id = n.claimed_unit_id)
  as claimed_unit_name, n.claim_note, n.met_on::text as met_on, n.created_at::text as created_at
  from co_needs n join organizations o on o.id = n.org_id`;

export const toNeed = (r: NeedRow): Need => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  title: r.title,
  category: r.category,
  description: r.description,
  place: r.place,
  neededBy: r.needed_by,
  requestId: r.request_id,
  status: r.status,
  claimedUnitId: r.claimed_unit_id,
  claimedUnitName: r.claimed_unit_name,
  claimNote: r.claim_note,
  metOn: r.met_on,
  createdAt: r.created_at,
});

export type ResourceRow = {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  provider: ResourceProvider;
  unit_id: number | null;
  member_id: number | null;
  provider_name: string;
  title: string;
  category: CoCategory;
  description: string | null;
  place: string | null;
  availability: string | null;
  available_from: string | null;
  available_to: string | null;
  active: boolean;
  committed: boolean;
};

export const COMMITTED = sql`exists (select 1 from co_project_resources pr join co_projects p on p.id = pr.project_id
  where pr.resource_id = r.id and p.status = 'open')`;

export const RESOURCE_SELECT = sql`select r.id::int as id, r.org_id::int as org_id, o.name as org_name,
  o.path::text as org_path, r.provider, r.unit_id::int as unit_id, r.member_id::int as member_id,
  coalesce((select u.name from resident_units_v u where u.id = r.unit_id),
           (select m.name from members m where m.id = r.member_id), o.name) as provider_name,
  r.title, r.category, r.description, r.place, r.availability, r.available_from::text as available_from,
  r.available_to::text as available_to, r.active, ${COMMITTED} as committed
  from co_resources r join organizations o on o.id = r.org_id`;

export const toResource = (r: ResourceRow): Resource => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  provider: r.provider,
  unitId: r.unit_id,
  memberId: r.member_id,
  providerName: r.provider_name,
  title: r.title,
  category: r.category,
  description: r.description,
  place: r.place,
  availability: r.availability,
  availableFrom: r.available_from,
  availableTo: r.available_to,
  active: r.active,
  committed: r.committed,
});

export type ProjectRow = {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  need_id: number;
  need_title: string;
  title: string;
  lead_name: string;
  lead_unit_id: number | null;
  lead_unit_name: string | null;
  started_on: string;
  ended_on: string | null;
  status: ProjectStatus;
  result: string | null;
  resources: { id: number; title: string; providerName: string }[];
};

export const PROJECT_SELECT = sql`select p.id::int as id, p.org_id::int as org_id, o.name as org_name,
  o.path::text as org_path, p.need_id::int as need_id, n.title as need_title, p.title, p.lead_name,
  p.lead_unit_id::int as lead_unit_id, (select u.name from resident_units_v u where u.id = p.lead_unit_id)
  as lead_unit_name, p.started_on::text as started_on, p.ended_on::text as ended_on, p.status, p.result,
  coalesce((select jsonb_agg(jsonb_build_object('id', r.id, 'title', r.title, 'providerName',
              coalesce((select u.name from resident_units_v u where u.id = r.unit_id),
                       (select m.name from members m where m.id = r.member_id), ro.name)) order by r.id)
              from co_project_resources pr join co_resources r on r.id = pr.resource_id
              join organizations ro on ro.id = r.org_id
             where pr.project_id = p.id), '[]'::jsonb) as resources
  from co_projects p join organizations o on o.id = p.org_id join co_needs n on n.id = p.need_id`;

export const toProject = (r: ProjectRow): Project => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  needId: r.need_id,
  needTitle: r.need_title,
  title: r.title,
  leadName: r.lead_name,
  leadUnitId: r.lead_unit_id,
  leadUnitName: r.lead_unit_name,
  startedOn: r.started_on,
  endedOn: r.ended_on,
  status: r.status,
  result: r.result,
  resources: r.resources,
});

/** A page of rows of `select` (aliased o for the organisation) under `rootPath` matching `where`. */
export async function pageOf<R>(
  db: Queryable,
  select: SQL,
  rootPath: string,
  where: SQL,
  order: SQL,
  page: number,
  pageSize: number,
) {
  const rows = await queryRows<R & { total: number }>(
    db,
    sql`select s.*, count(*) over ()::int as total from (${select}
          where o.path <@ ${rootPath}::ltree and ${where}) s
         order by ${order} limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  return { rows: rows as R[], total: rows[0]?.total ?? 0 };
}

/**
 * Candidate resources for open needs of a subtree, filtered in SQL (same category, active, not committed to an
 * open project, not ended before the need's day, offered in the need's street): the scoring (matchScore in shared)
 * ranks them.
 */
export function candidates(db: Queryable, rootPath: string, scopePath: string, today: string) {
  return queryRows<{ need_id: number; resource_ids: number[] }>(
    db,
    sql`select n.id::int as need_id,
               array(select r.id::int from co_resources r join organizations ro on ro.id = r.org_id
                      where r.category = n.category and r.active
                        and (r.available_to is null or r.available_to >= coalesce(n.needed_by, ${today}::date))
                        and ro.path <@ subpath(o.path, 0, greatest(nlevel(o.path) - 1, 1))
                        and ro.path <@ ${scopePath}::ltree and not ${COMMITTED}
                      order by r.id limit 50) as resource_ids
          from co_needs n join organizations o on o.id = n.org_id
         where o.path <@ ${rootPath}::ltree and n.status in ('open', 'claimed')
         order by n.created_at desc, n.id desc limit 50`,
  );
}
