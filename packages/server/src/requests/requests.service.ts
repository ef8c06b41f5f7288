import {
  ASSIGNEE_TYPE_LABELS,
  DUPLICATE_WINDOW_DAYS,
  isUrgentCategory,
  maskPhone,
  OPEN_REQUEST_STATUSES,
  RATING_LABELS,
  REQUEST_CATEGORY_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_PHOTOS_MAX,
  surnameOnly as surname,
  type RequestAction,
  type RequestStatus,
  transition,
} from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { type AuditContext, audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows, type Tx } from '../db/client.js';
import type { AuditAction } from '../modules.js';
import type { Actor } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { type DueQuery, countDue } from '../http/due.js';
import { orgIdInSubtree, orgInScope, pathInScope } from '../http/scope.js';
import { gridMembersOfBuilding } from '../grids/grids.repo.js';
import { notifyAccounts, notifyMember, notifyNearestStaff } from '../notifications/notifications.service.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import { requestDeadlines } from '../request-oversight/deadlines.js';
import { checkImage, fileStore, stripImageMetadata } from '../storage/index.js';
import {
  buildingOf,
  communitiesOfMember,
  type EventRow,
  eventsOf,
  findRequest,
  findResident,
  iso,
  photosOf,
  type RequestRow,
  requestById,
  type ResidentRow,
  selectRequests,
} from './requests.repo.js';
import type {
  Dispatch,
  Rate,
  RequestDetail,
  RequestInput,
  RequestQuery,
  RequestSummary,
  StaffRequestInput,
} from './requests.schema.js';
import { requireOwnResident } from './residents.service.js';
import { serviceRequestEvents, serviceRequestPhotos, serviceRequests } from './requests.tables.js';

const kindLabel = (r: { kind: RequestRow['kind'] }) => REQUEST_KIND_LABELS[r.kind];
const short = (text: string) => (text.length > 20 ? `${text.slice(0, 20)}…` : text);
const idArray = (ids: readonly number[]) => `{${ids.map((id) => Math.trunc(id)).join(',')}}`;

export function toSummary(r: RequestRow): RequestSummary {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    kind: r.kind,
    category: r.category,
    text: r.text,
    urgent: r.urgent,
    status: r.status,
    residentName: r.resident_name,
    residentConfirmed: r.resident_confirmed,
    buildingName: r.building_name,
    submittedAt: r.submitted_at,
    respondBy: r.respond_by,
    resolveBy: r.resolve_by,
    respondedAt: r.responded_at,
    resolvedAt: r.resolved_at,
    assigneeType: r.assignee_type,
    assigneeName: r.assignee_name,
    rating: r.rating,
    reopened: r.reopened,
    escalationLevel: r.escalation_level,
  };
}

/** Who acted, as the resident's timeline names them: their own steps, the community, a party member. */
function actorLabel(e: EventRow, forResident: boolean): string | null {
  if (e.actor_role === null) return forResident ? '系统' : null;
  if (!forResident) return e.actor_name;
  if (e.actor_role === 'resident') return '本人';
  if (e.actor_role === 'member') return '党员';
  return '社区';
}

async function detailOf(q: Queryable, r: RequestRow, view: 'staff' | 'resident'): Promise<RequestDetail> {
  const [events, photos, merged] = await Promise.all([
    eventsOf(q, r.id),
    photosOf(q, r.id),
    r.merged_into_id === null
      ? Promise.resolve([])
      : queryRows<{ id: number; text: string; status: RequestStatus }>(
          q,
          sql`select id::int as id, text, status from service_requests where id = ${r.merged_into_id}`,
        ),
  ]);
  const forResident = view === 'resident';
  return {
    ...toSummary(r),
    contactPref: r.contact_pref,
    resident: {
      id: r.resident_id,
      name: r.resident_name,
      phone: r.resident_phone && maskPhone(r.resident_phone),
      addressDetail: r.resident_address,
      confirmed: r.resident_confirmed,
    },
    buildingId: r.building_id,
    declineReason: r.decline_reason,
    mergedInto: merged[0] ?? null,
    doneNote: r.done_note,
    ratingComment: r.rating_comment,
    ratedAt: r.rated_at,
    assigneeMemberId: r.assignee_member_id,
    assigneeTeamId: r.assignee_team_id,
    assigneeUnitId: r.assignee_unit_id,
    claimedBy: r.claimed_by_member_id === null ? null : { id: r.claimed_by_member_id, name: r.claimed_by_name ?? '' },
    enteredByStaff: r.entered_by_staff,
    events: events.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      actorName: actorLabel(e, forResident),
      note: e.note,
      fromStatus: e.from_status,
      toStatus: e.to_status,
    })),
    photos: photos.map((p) => ({
      id: p.id,
      contentType: p.content_type,
      size: p.size,
      url: `/api/request-photos/${p.id}`,
    })),
  };
}

// Steps

type Step = {
  action: RequestAction;
  /** The timeline's kind (defaults to the action). */
  event?: string;
  note?: string | null;
  set?: PgUpdateSetSource<typeof serviceRequests>;
  rating?: Rate['rating'];
};

/**
 * Moves a locked request one step of the flow (shared `transition`: a 409 with its reason otherwise), writes the
 * step on the timeline (service_request_events) in the same transaction. Returns the new status.
 */
async function move(tx: Tx, r: RequestRow, actorId: number | null, step: Step): Promise<RequestStatus> {
  const result = transition(
    { kind: r.kind, status: r.status, reopened: r.reopened, rating: r.rating, residentConfirmed: r.resident_confirmed },
    step.action,
    step.rating,
  );
  if (!result.ok) throw conflict(result.message);
  await tx
    .update(serviceRequests)
    .set({ ...step.set, status: result.to, updatedAt: sql`now()` })
    .where(eq(serviceRequests.id, r.id));
  await tx.insert(serviceRequestEvents).values({
    requestId: r.id,
    orgId: r.org_id,
    actorAccountId: actorId,
    kind: step.event ?? step.action,
    note: step.note ?? null,
    fromStatus: r.status,
    toStatus: result.to,
  });
  return result.to;
}

/** Tells the resident (their login, if they have one) about their request. */
async function tellResident(tx: Queryable, r: RequestRow, title: string, body = '') {
  if (r.resident_account_id === null) return;
  await notifyAccounts(tx, [r.resident_account_id], {
    kind: 'requests.resident',
    title,
    body,
    link: `/m/requests/mine/${r.id}`,
  });
}

async function tellCommunity(tx: Queryable, r: RequestRow, title: string, body = '') {
  await notifyNearestStaff(tx, {
    orgId: r.org_id,
    permission: 'serve.write',
    kind: 'requests.staff',
    title,
    body,
    link: `/requests/${r.id}`,
  });
}

// Submitting

async function insertRequest(
  tx: Tx,
  resident: ResidentRow,
  input: RequestInput,
  actorId: number,
  enteredBy: number | null,
): Promise<number> {
  const buildingId = input.buildingId ?? resident.building_id;
  if (buildingId && !(await buildingOf(tx, resident.org_id, buildingId))) {
    throw invalid('buildingId', '不是所在社区的楼栋');
  }
  const now = new Date();
  const deadlines = await requestDeadlines(tx, resident.org_id, input.category, now);
  const [row] = await tx
    .insert(serviceRequests)
    .values({
      orgId: resident.org_id,
      kind: input.kind,
      residentId: resident.id,
      category: input.category,
      text: input.text,
      buildingId: buildingId ?? null,
      contactPref: input.contactPref,
      urgent: isUrgentCategory(input.category),
      status: 'submitted',
      enteredByAccountId: enteredBy,
      submittedAt: now.toISOString(),
      respondBy: deadlines.respondBy,
      resolveBy: deadlines.resolveBy,
    })
    .returning({ id: serviceRequests.id });
  const id = (row as { id: number }).id;
  const unconfirmed = resident.confirmed_at === null;
  await tx.insert(serviceRequestEvents).values({
    requestId: id,
    orgId: resident.org_id,
    actorAccountId: actorId,
    kind: 'submitted',
    note: enteredBy ? '社区代为登记' : unconfirmed ? '居住未确认' : null,
    toStatus: 'submitted',
  });
  await notifyNearestStaff(tx, {
    orgId: resident.org_id,
    permission: 'serve.write',
    kind: 'requests.submitted',
    title: `新${REQUEST_KIND_LABELS[input.kind]}（${REQUEST_CATEGORY_LABELS[input.category]}）待受理${unconfirmed ? '，居住未确认' : ''}`,
    body: `${resident.name}：${short(input.text)}`,
    link: `/requests/${id}`,
  });
  return id;
}

/** A resident submits a request or a micro-wish for themselves. */
export async function submitOwn(db: Db, actor: Actor, ctx: AuditContext, input: RequestInput) {
  return audited(db, ctx, 'request.submit', async (tx) => {
    const resident = await requireOwnResident(tx, actor);
    const id = await insertRequest(tx, resident, input, actor.accountId, null);
    return detailOf(tx, (await requestById(tx, id)) as RequestRow, 'resident');
  });
}

/** Staff enter a request for a resident of their scope (an elder without a phone). */
export async function submitForResident(db: Db, actor: Actor, ctx: AuditContext, input: StaffRequestInput) {
  return audited(db, ctx, 'request.create', async (tx) => {
    const resident = await findResident(tx, actor, input.residentId);
    if (!resident) throw notFound('居民');
    const id = await insertRequest(tx, resident, input, actor.accountId, actor.accountId);
    return detailOf(tx, (await findRequest(tx, actor, id)) as RequestRow, 'staff');
  });
}

// The resident's own

async function requireOwnRequest(q: Queryable, actor: Actor, id: number, lock = false) {
  const resident = await requireOwnResident(q, actor);
  const row = await requestById(q, id, lock);
  if (!row || row.resident_id !== resident.id) throw notFound('诉求');
  return row;
}

export async function myRequests(db: Queryable, actor: Actor) {
  const resident = await requireOwnResident(db, actor);
  const rows = await selectRequests(
    db,
    sql`r.resident_id = ${resident.id}`,
    sql`order by r.submitted_at desc, r.id desc limit 200`,
  );
  return { items: rows.map(toSummary) };
}

export async function myRequest(db: Queryable, actor: Actor, id: number) {
  return detailOf(db, await requireOwnRequest(db, actor, id), 'resident');
}

/**
 * The resident rates a done (or closed) request once. 不满意 the first time sends it back to the community
 * (status accepted, `reopened`); the rating is kept on the timeline and the request is rated again when done again.
 */
export async function rateOwn(db: Db, actor: Actor, ctx: AuditContext, id: number, input: Rate) {
  return audited(db, ctx, 'request.rate', async (tx) => {
    const r = await requireOwnRequest(tx, actor, id, true);
    const note = `${RATING_LABELS[input.rating]}${input.comment ? `：${input.comment}` : ''}`;
    const result = transition(
      {
        kind: r.kind,
        status: r.status,
        reopened: r.reopened,
        rating: r.rating,
        residentConfirmed: r.resident_confirmed,
      },
      'rate',
      input.rating,
    );
    if (!result.ok) throw conflict(result.message);
    if (result.reopen) {
      await move(tx, r, actor.accountId, {
        action: 'rate',
        rating: input.rating,
        event: 'reopened',
        note,
        set: { reopened: true, resolvedAt: null, doneAt: null, closedAt: null },
      });
      await tellCommunity(tx, r, `居民不满意，${kindLabel(r)}已退回重办`, `${r.resident_name}：${note}`);
    } else {
      await move(tx, r, actor.accountId, {
        action: 'rate',
        rating: input.rating,
        event: 'rated',
        note,
        set: { rating: input.rating, ratingComment: input.comment || null, ratedAt: sql`now()` },
      });
      if (input.rating === 'unsatisfied') await tellCommunity(tx, r, `居民对重办结果仍不满意`, note);
    }
    return detailOf(tx, (await requestById(tx, id)) as RequestRow, 'resident');
  });
}

// Photos

/** A photo's type by its content (JPEG/PNG/WebP, ≤ 5 MB), its EXIF/XMP removed before it is stored. */
async function addPhoto(
  db: Db,
  ctx: AuditContext,
  action: AuditAction,
  file: Buffer,
  find: (tx: Queryable, lock: boolean) => Promise<RequestRow>,
  actorId: number,
) {
  const { contentType } = checkImage(file, 'file');
  const bytes = stripImageMetadata(file, contentType);
  await find(db, false);
  const store = fileStore();
  const key = await store.put(bytes);
  try {
    return await audited(db, ctx, action, async (tx) => {
      const r = await find(tx, true);
      if (r.status === 'merged' || r.status === 'declined' || r.status === 'closed') {
        throw conflict(`该${kindLabel(r)}已结束，不能再添加照片`);
      }
      const [n] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from service_request_photos where request_id = ${r.id}`,
      );
      if ((n?.n ?? 0) >= REQUEST_PHOTOS_MAX) throw conflict(`每件最多${REQUEST_PHOTOS_MAX}张照片`);
      const [row] = await tx
        .insert(serviceRequestPhotos)
        .values({ requestId: r.id, orgId: r.org_id, fileKey: key, contentType, size: bytes.length, createdBy: actorId })
        .returning({ id: serviceRequestPhotos.id });
      const id = (row as { id: number }).id;
      return { id, contentType, size: bytes.length, url: `/api/request-photos/${id}` };
    });
  } catch (error) {
    await store.remove(key);
    throw error;
  }
}

export function addOwnPhoto(db: Db, actor: Actor, ctx: AuditContext, id: number, file: Buffer) {
  return addPhoto(
    db,
    ctx,
    'request.photo_add',
    file,
    (q, lock) => requireOwnRequest(q, actor, id, lock),
    actor.accountId,
  );
}

export function addStaffPhoto(db: Db, actor: Actor, ctx: AuditContext, id: number, file: Buffer) {
  return addPhoto(
    db,
    ctx,
    'request.photo_add',
    file,
    async (q, lock) => {
      const r = await findRequest(q, actor, id, lock);
      if (!r) throw notFound('诉求');
      return r;
    },
    actor.accountId,
  );
}

/**
 * A photo, to whoever may see its request: staff of the community's scope (serve.read), the resident who submitted
 * it, the member it was dispatched to or who claimed it. Anyone else: 404.
 */
export async function openPhoto(db: Queryable, actor: Actor, photoId: number) {
  const [p] = await queryRows<{ request_id: number; file_key: string; content_type: string }>(
    db,
    sql`select request_id::int as request_id, file_key, content_type from service_request_photos where id = ${photoId}`,
  );
  const r = p && (await requestById(db, p.request_id));
  if (!p || !r || !(await maySee(db, actor, r))) throw notFound('照片');
  return { key: p.file_key, contentType: p.content_type };
}

async function maySee(db: Queryable, actor: Actor, r: RequestRow): Promise<boolean> {
  if (actor.permissions.includes('serve.read')) {
    const [inScope] = await queryRows<{ ok: boolean }>(
      db,
      sql`select ${r.org_path}::ltree <@ ${actor.scopePath}::ltree as ok`,
    );
    if (inScope?.ok) return true;
  }
  if (actor.permissions.includes('resident.self') && r.resident_account_id === actor.accountId) return true;
  const m = actor.memberId;
  return (
    m !== null &&
    actor.permissions.includes('self.serve') &&
    (r.assignee_member_id === m || r.claimed_by_member_id === m)
  );
}

// The community's queue

/** The server's instant (not a date): the pages show time left from it, not from a phone's own clock. */
const nowInstant = () => new Date(Date.now()).toISOString();

/**
 * The queue's filter on service_requests r alone (no join): the subtree as a semi-join on the organisations' path
 * index, a name search as one on residents. The count reads the request indexes only; the page joins the rest
 * for its 20 rows.
 */
function queueWhere(rootPath: string, query: RequestQuery) {
  const c = [sql`r.org_id in (select so.id from organizations so where so.path <@ ${rootPath}::ltree)`];
  if (query.status) c.push(sql`r.status = ${query.status}`);
  if (query.kind) c.push(sql`r.kind = ${query.kind}`);
  if (query.category) c.push(sql`r.category = ${query.category}`);
  if (query.overdue)
    c.push(sql`r.resolved_at is null and r.status not in ('declined', 'merged') and r.resolve_by < now()`);
  if (query.q) {
    const like = `%${query.q}%`;
    c.push(sql`(r.text like ${like} or r.resident_id in (select sr.id from residents sr where sr.name like ${like}))`);
  }
  return sql.join(c, sql` and `);
}

export async function listRequests(db: Queryable, actor: Actor, query: RequestQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const where = queueWhere(root.path, query);
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from service_requests r where ${where}`,
  );
  // The page's 20 ids from the requests alone, then their joins: joined first, the sort would wait for every row.
  const pageIds = sql`select r.id from service_requests r where ${where}
    order by r.submitted_at desc, r.id desc limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`;
  const rows = await selectRequests(db, sql`r.id in (${pageIds})`, sql`order by r.submitted_at desc, r.id desc`);
  return {
    items: rows.map(toSummary),
    total: count?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    now: nowInstant(),
  };
}

export async function exportRows(db: Queryable, actor: Actor, query: RequestQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const rows = await selectRequests(
    db,
    queueWhere(root.path, query),
    sql`order by r.submitted_at desc, r.id desc limit 10000`,
  );
  return { root, rows };
}

export async function requestDetail(db: Queryable, actor: Actor, id: number) {
  const r = await findRequest(db, actor, id);
  if (!r) throw notFound('诉求');
  return detailOf(db, r, 'staff');
}

/**
 * What the community picks from when it merges or dispatches: possible duplicates (same building and category in
 * the last DUPLICATE_WINDOW_DAYS, still open), other open requests of the community to merge into, the building's
 * grid members first, the community's teams and resident units, and members by specialty (特长 tag).
 */
export async function dispatchOptions(db: Queryable, actor: Actor, id: number, tag: string | undefined) {
  const r = await findRequest(db, actor, id);
  if (!r) throw notFound('诉求');
  const open = sql.raw(`(${OPEN_REQUEST_STATUSES.map((s) => `'${s}'`).join(', ')})`);
  const brief = sql`id::int as id, text, status, ${iso(sql`submitted_at`)} as "submittedAt"`;
  type Brief = { id: number; text: string; status: RequestStatus; submittedAt: string };
  const [duplicates, mergeTargets, gridMembers, teams, units, byTag] = await Promise.all([
    r.building_id === null
      ? Promise.resolve([] as Brief[])
      : queryRows<Brief>(
          db,
          sql`select ${brief} from service_requests
               where org_id = ${r.org_id} and building_id = ${r.building_id} and category = ${r.category}
                 and id <> ${r.id} and status in ${open}
                 and submitted_at > ${r.submitted_at}::timestamptz - make_interval(days => ${DUPLICATE_WINDOW_DAYS})
               order by submitted_at desc limit 10`,
        ),
    queryRows<Brief>(
      db,
      sql`select ${brief} from service_requests where org_id = ${r.org_id} and id <> ${r.id} and status in ${open}
           order by submitted_at desc limit 50`,
    ),
    r.building_id === null
      ? Promise.resolve([])
      : gridMembersOfBuilding(db, r.building_id).then((rows) => rows.map((m) => ({ id: m.member_id, name: m.name }))),
    queryRows<{ id: number; name: string }>(
      db,
      sql`select t.id::int as id, t.name from volunteer_teams t join organizations o on o.id = t.org_id
           where t.dissolved_on is null and o.path @> ${r.org_path}::ltree is not true and o.path <@ ${r.org_path}::ltree
           order by t.name limit 100`,
    ),
    queryRows<{ id: number; name: string }>(
      db,
      sql`select u.id::int as id, u.name from resident_units_v u join organizations o on o.id = u.org_id
           where u.ended_on is null and (o.path <@ ${r.org_path}::ltree or o.path @> ${r.org_path}::ltree)
             and ${pathInScope(actor, sql`o.path`)}
           order by u.name limit 100`,
    ),
    tag
      ? queryRows<{ id: number; name: string; orgName: string; tags: string[] }>(
          db,
          sql`select m.id::int as id, m.name, o.name as "orgName", m.tags from members m
                join organizations o on o.id = m.org_id
               where m.left_on is null and ${tag} = any(m.tags)
                 and (o.path <@ ${r.org_path}::ltree or exists (select 1 from in_service_registrations i
                       where i.member_id = m.id and i.ended_on is null and i.org_id = ${r.org_id}))
               order by m.name limit 50`,
        )
      : Promise.resolve([]),
  ]);
  return { duplicates, mergeTargets, gridMembers, teams, units, byTag };
}

async function staffStep(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  action: AuditAction,
  work: (tx: Tx, r: RequestRow) => Promise<void>,
) {
  return audited(db, ctx, action, async (tx) => {
    const r = await findRequest(tx, actor, id, true);
    if (!r) throw notFound('诉求');
    await work(tx, r);
    return detailOf(tx, (await findRequest(tx, actor, id)) as RequestRow, 'staff');
  });
}

export function acceptRequest(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return staffStep(db, actor, ctx, id, 'request.accept', async (tx, r) => {
    await move(tx, r, actor.accountId, {
      action: 'accept',
      event: 'accepted',
      set: { acceptedAt: sql`now()`, respondedAt: sql`coalesce(${serviceRequests.respondedAt}, now())` },
    });
    await tellResident(tx, r, `您的${kindLabel(r)}已受理`, short(r.text));
  });
}

export function declineRequest(db: Db, actor: Actor, ctx: AuditContext, id: number, reason: string) {
  return staffStep(db, actor, ctx, id, 'request.decline', async (tx, r) => {
    await move(tx, r, actor.accountId, {
      action: 'decline',
      event: 'declined',
      note: reason,
      set: { declineReason: reason, respondedAt: sql`coalesce(${serviceRequests.respondedAt}, now())` },
    });
    await tellResident(tx, r, `您的${kindLabel(r)}不予受理`, `原因：${reason}`);
  });
}

/** A duplicate joins an open request of the same community; the resident is told which. */
export function mergeRequest(db: Db, actor: Actor, ctx: AuditContext, id: number, intoId: number) {
  return staffStep(db, actor, ctx, id, 'request.merge', async (tx, r) => {
    if (intoId === r.id) throw invalid('intoId', '不能合并到自身');
    const target = await findRequest(tx, actor, intoId, true);
    if (!target) throw notFound('合并到的诉求');
    if (target.org_id !== r.org_id) throw invalid('intoId', '只能合并到同一社区的诉求');
    if (!OPEN_REQUEST_STATUSES.includes(target.status)) throw conflict('只能合并到尚未办结的诉求');
    await move(tx, r, actor.accountId, {
      action: 'merge',
      event: 'merged',
      note: `与第${target.id}号合并：${short(target.text)}`,
      set: { mergedIntoId: target.id, respondedAt: sql`coalesce(${serviceRequests.respondedAt}, now())` },
    });
    await tx.insert(serviceRequestEvents).values({
      requestId: target.id,
      orgId: target.org_id,
      actorAccountId: actor.accountId,
      kind: 'merged',
      note: `合并了一件相同的${kindLabel(r)}（第${r.id}号）`,
      fromStatus: target.status,
      toStatus: target.status,
    });
    await tellResident(
      tx,
      r,
      `您的${kindLabel(r)}已与相同的诉求合并办理`,
      `合并到第${target.id}号：${short(target.text)}`,
    );
  });
}

/** The member named for a dispatch: active, of the request's community subtree or registered with it (双报到). */
async function dispatchableMember(tx: Queryable, r: RequestRow, memberId: number) {
  const [m] = await queryRows<{ id: number; name: string }>(
    tx,
    sql`select m.id::int as id, m.name from members m join organizations o on o.id = m.org_id
         where m.id = ${memberId} and m.left_on is null
           and (o.path <@ ${r.org_path}::ltree or exists (select 1 from in_service_registrations i
                 where i.member_id = m.id and i.ended_on is null and i.org_id = ${r.org_id}))`,
  );
  return m;
}

export function dispatchRequest(db: Db, actor: Actor, ctx: AuditContext, id: number, input: Dispatch) {
  return staffStep(db, actor, ctx, id, 'request.dispatch', async (tx, r) => {
    const set: PgUpdateSetSource<typeof serviceRequests> = {
      assigneeType: input.assigneeType,
      assigneeMemberId: null,
      assigneeTeamId: null,
      assigneeUnitId: null,
      dispatchedAt: sql`now()`,
    };
    let name: string;
    let tell: ((tx: Tx) => Promise<unknown>) | undefined;
    switch (input.assigneeType) {
      case 'member':
      case 'grid': {
        if (!input.memberId) throw invalid('memberId', '请选择党员');
        const m = await dispatchableMember(tx, r, input.memberId);
        if (!m) throw notFound('党员');
        if (input.assigneeType === 'grid' && r.building_id !== null) {
          const grid = await gridMembersOfBuilding(tx, r.building_id);
          if (!grid.some((g) => g.member_id === m.id)) throw invalid('memberId', '不是该楼栋所在网格的责任党员');
        } else if (input.assigneeType === 'grid') throw invalid('assigneeType', '未填写楼栋，无法派给网格');
        set.assigneeMemberId = m.id;
        name = m.name;
        tell = (t) =>
          notifyMember(t, m.id, {
            kind: 'requests.dispatched',
            title: `社区派给您一件${kindLabel(r)}（${REQUEST_CATEGORY_LABELS[r.category]}）`,
            body: short(r.text),
            link: `/m/serve/${r.id}`,
          });
        break;
      }
      case 'team': {
        if (!input.teamId) throw invalid('teamId', '请选择服务队');
        const [t] = await queryRows<{ id: number; name: string }>(
          tx,
          sql`select t.id::int as id, t.name from volunteer_teams t where t.id = ${input.teamId}
               and t.dissolved_on is null and ${orgInScope(actor, sql`t.org_id`)}`,
        );
        if (!t) throw notFound('服务队');
        set.assigneeTeamId = t.id;
        name = t.name;
        break;
      }
      case 'unit': {
        if (!input.unitId) throw invalid('unitId', '请选择驻区单位');
        const [u] = await queryRows<{ id: number; name: string; liaison_account_id: number | null }>(
          tx,
          sql`select u.id::int as id, u.name, u.liaison_account_id::int as liaison_account_id from resident_units_v u
               where u.id = ${input.unitId} and u.ended_on is null and ${orgInScope(actor, sql`u.org_id`)}`,
        );
        if (!u) throw notFound('驻区单位');
        set.assigneeUnitId = u.id;
        name = u.name;
        if (u.liaison_account_id !== null) {
          const liaison = u.liaison_account_id;
          tell = (t) =>
            notifyAccounts(t, [liaison], {
              kind: 'requests.dispatched',
              title: `社区派给贵单位一件${kindLabel(r)}（${REQUEST_CATEGORY_LABELS[r.category]}）`,
              body: short(r.text),
            });
        }
        break;
      }
    }
    await move(tx, r, actor.accountId, {
      action: 'dispatch',
      event: 'dispatched',
      note: `派给${ASSIGNEE_TYPE_LABELS[input.assigneeType]}：${name}${input.note ? `。${input.note}` : ''}`,
      set,
    });
    await tell?.(tx);
    await tellResident(tx, r, `您的${kindLabel(r)}已派单办理`, `由${ASSIGNEE_TYPE_LABELS[input.assigneeType]}办理`);
  });
}

/** A micro-wish is published for the community's members to claim. */
export function openForClaiming(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return staffStep(db, actor, ctx, id, 'request.open', async (tx, r) => {
    await move(tx, r, actor.accountId, {
      action: 'open',
      event: 'opened',
      set: { assigneeType: null, assigneeMemberId: null, assigneeTeamId: null, assigneeUnitId: null },
    });
  });
}

export function staffProgress(db: Db, actor: Actor, ctx: AuditContext, id: number, note: string) {
  return staffStep(db, actor, ctx, id, 'request.progress', async (tx, r) => {
    await move(tx, r, actor.accountId, { action: 'progress', note });
  });
}

export function staffDone(db: Db, actor: Actor, ctx: AuditContext, id: number, note: string) {
  return staffStep(db, actor, ctx, id, 'request.done', async (tx, r) => {
    await finish(tx, r, actor.accountId, note);
  });
}

async function finish(tx: Tx, r: RequestRow, actorId: number, note: string) {
  await move(tx, r, actorId, {
    action: 'done',
    note,
    set: { doneAt: sql`now()`, doneNote: note, resolvedAt: sql`now()` },
  });
  await tellResident(tx, r, `您的${kindLabel(r)}已办结，请评价`, note);
}

export function closeRequest(db: Db, actor: Actor, ctx: AuditContext, id: number, note: string | undefined) {
  return staffStep(db, actor, ctx, id, 'request.close', async (tx, r) => {
    await move(tx, r, actor.accountId, {
      action: 'close',
      event: 'closed',
      note: note ?? null,
      set: { closedAt: sql`now()` },
    });
  });
}

// Members (self.serve)

type Me = { memberId: number; communities: number[] };

async function me(db: Queryable, actor: Actor): Promise<Me> {
  if (actor.memberId === null) throw notFound('本账号关联的党员档案');
  return { memberId: actor.memberId, communities: await communitiesOfMember(db, actor.memberId) };
}

const mineCondition = (m: Me) => sql`(r.assignee_member_id = ${m.memberId} or r.claimed_by_member_id = ${m.memberId})`;
const openCondition = (m: Me) => sql`(r.status = 'open' and r.org_id = any(${idArray(m.communities)}::bigint[]))`;

function toServeItem(r: RequestRow, m: Me, contact: boolean) {
  const mine = r.assignee_member_id === m.memberId || r.claimed_by_member_id === m.memberId;
  return {
    id: r.id,
    kind: r.kind,
    category: r.category,
    text: r.text,
    status: r.status,
    residentName: mine && contact ? r.resident_name : surname(r.resident_name),
    orgName: r.org_name,
    submittedAt: r.submitted_at,
    resolveBy: r.resolve_by,
    mine,
  };
}

/** The micro-wishes open for claiming in the member's communities (surname only), or the member's own items. */
export async function serveList(db: Queryable, actor: Actor, view: 'open' | 'mine') {
  const m = await me(db, actor);
  const rows = await selectRequests(
    db,
    view === 'open' ? openCondition(m) : mineCondition(m),
    sql`order by r.submitted_at desc, r.id desc limit 200`,
  );
  return { items: rows.map((r) => toServeItem(r, m, view === 'mine')) };
}

async function requireServeItem(q: Queryable, actor: Actor, id: number, lock = false) {
  const m = await me(q, actor);
  const [r] = await selectRequests(
    q,
    sql`r.id = ${id} and (${mineCondition(m)} or ${openCondition(m)})`,
    lock ? sql`for update of r` : sql``,
  );
  if (!r) throw notFound('诉求');
  return { r, m };
}

/** An item as the member sees it: the resident's contact only once it is theirs (dispatched or claimed). */
export async function serveDetail(db: Queryable, actor: Actor, id: number) {
  const { r, m } = await requireServeItem(db, actor, id);
  const item = toServeItem(r, m, true);
  const [events, photos] = item.mine ? await Promise.all([eventsOf(db, r.id), photosOf(db, r.id)]) : [[], []];
  return {
    ...item,
    contact: item.mine
      ? { name: r.resident_name, phone: r.resident_phone, building: r.building_name, address: r.resident_address }
      : null,
    contactPref: r.contact_pref,
    doneNote: r.done_note,
    events: events.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      actorName: actorLabel(e, true),
      note: e.note,
      fromStatus: e.from_status,
      toStatus: e.to_status,
    })),
    photos: photos.map((p) => ({
      id: p.id,
      contentType: p.content_type,
      size: p.size,
      url: `/api/request-photos/${p.id}`,
    })),
  };
}

/**
 * A member claims an open micro-wish of their community: one conditional UPDATE (status still open), so of two
 * claims at once exactly one wins and the other is a 409.
 */
export async function claimWish(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return audited(db, ctx, 'request.claim', async (tx) => {
    const m = await me(tx, actor);
    const claimed = await queryRows<{ id: number }>(
      tx,
      sql`update service_requests r set status = 'in_progress', claimed_by_member_id = ${m.memberId},
                 assignee_type = 'member', assignee_member_id = ${m.memberId}, claimed_at = now(),
                 dispatched_at = coalesce(r.dispatched_at, now()), updated_at = now()
           where r.id = ${id} and ${openCondition(m)} and r.kind = 'wish'
             and exists (select 1 from residents p where p.id = r.resident_id and p.confirmed_at is not null)
           returning r.id::int as id`,
    );
    if (claimed.length === 0) {
      const [seen] = await queryRows<{ status: string }>(
        tx,
        sql`select status from service_requests r where r.id = ${id} and r.kind = 'wish'
             and r.org_id = any(${idArray(m.communities)}::bigint[])`,
      );
      if (!seen) throw notFound('微心愿');
      throw conflict('该微心愿已被其他党员认领或不在认领中');
    }
    const r = (await requestById(tx, id)) as RequestRow;
    await tx.insert(serviceRequestEvents).values({
      requestId: id,
      orgId: r.org_id,
      actorAccountId: actor.accountId,
      kind: 'claimed',
      note: `党员${r.claimed_by_name ?? ''}认领`,
      fromStatus: 'open',
      toStatus: 'in_progress',
    });
    await tellResident(tx, r, '您的微心愿已有党员认领', short(r.text));
    await tellCommunity(tx, r, `党员${r.claimed_by_name ?? ''}认领了微心愿`, short(r.text));
    return serveDetail(tx, actor, id);
  });
}

async function memberStep(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  action: AuditAction,
  work: (tx: Tx, r: RequestRow) => Promise<void>,
) {
  return audited(db, ctx, action, async (tx) => {
    const { r, m } = await requireServeItem(tx, actor, id, true);
    if (r.assignee_member_id !== m.memberId && r.claimed_by_member_id !== m.memberId) throw notFound('诉求');
    await work(tx, r);
    return serveDetail(tx, actor, id);
  });
}

export function memberProgress(db: Db, actor: Actor, ctx: AuditContext, id: number, note: string) {
  return memberStep(db, actor, ctx, id, 'request.progress', async (tx, r) => {
    await move(tx, r, actor.accountId, { action: 'progress', note });
  });
}

export function memberDone(db: Db, actor: Actor, ctx: AuditContext, id: number, note: string) {
  return memberStep(db, actor, ctx, id, 'request.done', async (tx, r) => {
    await finish(tx, r, actor.accountId, note);
    await tellCommunity(tx, r, `党员已办结一件${kindLabel(r)}`, note);
  });
}

// Workbench

/** New requests to accept in the scope, by their response deadline (service_requests_submitted_idx). */
export async function newRequestsDue(db: Queryable, actor: Actor, _today: string, query: DueQuery) {
  return countDue<{
    id: number;
    kind: RequestRow['kind'];
    category: RequestRow['category'];
    text: string;
    org_name: string;
    due_on: string;
    unconfirmed: boolean;
  }>(db, 'requests.new', query, {
    keys: sql`select r.id, r.submitted_at, coalesce(r.respond_by < now(), false) as overdue
                  from service_requests r where r.status = 'submitted' and ${orgIdInSubtree(actor, sql`r.org_id`)}`,
    order: sql`submitted_at, id`,
    items: (shown) => sql`select d.id::int as id, r.kind, r.category, r.text, o.name as org_name,
                                   (coalesce(r.respond_by, r.submitted_at) at time zone 'Asia/Shanghai')::date::text as due_on,
                                   (p.confirmed_at is null) as unconfirmed
                              from ${shown} d join service_requests r on r.id = d.id
                              join organizations o on o.id = r.org_id join residents p on p.id = r.resident_id
                             order by d.submitted_at, d.id`,
  });
}
