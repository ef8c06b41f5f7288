import {
  canContain,
  chinaToday,
  coverageCounts,
  JOINT_BRANCH_MAX_UNITS,
  type MemberStatus,
  newOrgSector,
  type OrgType,
  proposeRemedies,
} from '@gongjian/shared';
import { eq, inArray, sql } from 'drizzle-orm';
import { audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import { newOrganizations, organizations } from '../db/schema.js';
import type { Actor } from '../http/actor.js';
import type { AuditContext } from '../db/audited.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import { moveMember } from '../members/members.service.js';
import { pathInScope } from '../http/scope.js';
import { assertUnchangedSince } from '../http/concurrency.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { findOrg } from '../organizations/organizations.repo.js';
import { coverageRows, findNewOrg, listNewOrgs, type NewOrgRecord, usccTaken } from './new-orgs.repo.js';
import type { Coverage, CreateNewOrg, NewOrg, NewOrgQuery, UpdateNewOrg } from './new-orgs.schema.js';

const HOLDER_TYPES: readonly OrgType[] = ['street_committee', 'community_committee', 'big_community_committee'];

const strip = ({ orgPath: _orgPath, ...n }: NewOrgRecord): NewOrg => n;

export async function queryNewOrgs(
  db: Db,
  actor: Actor,
  query: Omit<NewOrgQuery, 'page' | 'pageSize'>,
  page?: { page: number; pageSize: number },
) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const { items, total } = await listNewOrgs(
    db,
    actor,
    { rootPath: root.path, status: query.status, q: query.q },
    page,
  );
  return { root, items: items.map(strip), total };
}

async function checkRefs(tx: Queryable, actor: Actor, input: Partial<CreateNewOrg>) {
  if (input.orgId !== undefined) {
    const holder = await findOrg(tx, actor, input.orgId);
    if (!holder) throw notFound('所属社区或街道');
    if (!HOLDER_TYPES.includes(holder.type)) throw invalid('orgId', '两新组织应登记在所在的社区或街道');
  }
  if (input.ownOrgId) {
    if (!(await findOrg(tx, actor, input.ownOrgId))) throw notFound('本单位党组织');
  }
  if (input.jointBranchId) {
    const jb = await findOrg(tx, actor, input.jointBranchId);
    if (!jb) throw notFound('联合党支部');
    if (jb.type !== 'joint_branch') throw invalid('jointBranchId', '应为联合党支部');
  }
  if (input.uscc && (await usccTaken(tx, input.uscc, undefined))) {
    throw conflict(`统一社会信用代码 ${input.uscc} 已登记`);
  }
}

const columns = (input: Partial<CreateNewOrg>) => ({
  ...(input.orgId !== undefined && { orgId: input.orgId }),
  ...(input.name !== undefined && { name: input.name }),
  ...(input.uscc !== undefined && { uscc: input.uscc }),
  ...(input.kind !== undefined && { kind: input.kind }),
  ...(input.industry !== undefined && { industry: input.industry }),
  ...(input.address !== undefined && { address: input.address ?? null }),
  ...(input.grid !== undefined && { grid: input.grid ?? null }),
  ...(input.employees !== undefined && { employees: input.employees }),
  ...(input.partyMembers !== undefined && { partyMembers: input.partyMembers }),
  ...(input.ownOrgId !== undefined && { ownOrgId: input.ownOrgId ?? null }),
  ...(input.jointBranchId !== undefined && { jointBranchId: input.jointBranchId ?? null }),
  ...(input.instructorName !== undefined && { instructorName: input.instructorName ?? null }),
  ...(input.instructorPhone !== undefined && { instructorPhone: input.instructorPhone ?? null }),
});

export async function createNewOrg(db: Db, actor: Actor, ctx: AuditContext, input: CreateNewOrg): Promise<NewOrg> {
  return audited(db, ctx, 'new_organization.create', async (tx) => {
    await checkRefs(tx, actor, input);
    const [row] = await tx
      .insert(newOrganizations)
      .values({
        ...columns(input),
        orgId: input.orgId,
        name: input.name,
        uscc: input.uscc,
        kind: input.kind,
        industry: input.industry,
      })
      .returning({ id: newOrganizations.id });
    return strip((await findNewOrg(tx, actor, (row as { id: number }).id)) as NewOrgRecord);
  });
}

export async function updateNewOrg(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: UpdateNewOrg,
): Promise<NewOrg> {
  return audited(db, ctx, 'new_organization.update', async (tx) => {
    const current = await findNewOrg(tx, actor, id, true);
    if (!current) throw notFound('两新组织');
    await assertUnchangedSince(tx, current.updatedAt, input.updatedAt, current.name);
    await checkRefs(tx, actor, { ...input, uscc: input.uscc === current.uscc ? undefined : input.uscc });
    const changes = columns(input);
    if (Object.keys(changes).length > 0) {
      await tx
        .update(newOrganizations)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(newOrganizations.id, id));
    }
    return strip((await findNewOrg(tx, actor, id)) as NewOrgRecord);
  });
}

export async function deleteNewOrg(db: Db, actor: Actor, ctx: AuditContext, id: number): Promise<void> {
  await audited(db, ctx, 'new_organization.delete', async (tx) => {
    if (!(await findNewOrg(tx, actor, id, true))) throw notFound('两新组织');
    await tx.delete(newOrganizations).where(eq(newOrganizations.id, id));
  });
}

export async function getCoverage(db: Db, actor: Actor, orgId: number | undefined): Promise<Coverage> {
  const root = await requireScopeRoot(db, actor, orgId);
  const rows = await coverageRows(db, actor, root);
  const children = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.parentId, root.id))
    .orderBy(organizations.id);
  const byChild = children
    .map((c) => ({ org: c, counts: coverageCounts(rows.filter((r) => r.child_id === c.id).map((r) => r.status)) }))
    .filter((c) => c.counts.total > 0);
  const blanks = (await listNewOrgs(db, actor, { rootPath: root.path, status: 'blank' })).items.map(strip);
  const remedies = proposeRemedies(
    blanks.map((b) => ({ id: b.id, communityId: b.org.id, industry: b.industry, partyMembers: b.partyMembers })),
  );
  const names = new Map(blanks.map((b) => [b.id, b.name]));
  return {
    org: { id: root.id, name: root.name },
    counts: coverageCounts(rows.map((r) => r.status)),
    byChild,
    blanks: blanks.map((b) => {
      const remedy = remedies.get(b.id) ?? { kind: 'instructor' as const, reason: '', partnerIds: [] };
      return {
        ...b,
        remedy: {
          kind: remedy.kind,
          reason: remedy.reason,
          partners: remedy.partnerIds.map((id) => ({ id, name: names.get(id) ?? '' })),
        },
      };
    }),
  };
}

type Candidate = { id: number; name: string; org_id: number; org_name: string; employer: string; status: string };

/**
 * What the one click will do, read (and, for the creation, locked) in the caller's transaction: the units, the
 * community it goes under, the branch's name, and the units' party members on the roster — active members of the
 * scope whose 工作单位 is one of the units' names — who may move into it.
 */
async function planJointBranch(tx: Queryable, actor: Actor, newOrgIds: number[], lock: boolean) {
  const ids = [...new Set(newOrgIds)].sort((a, b) => a - b);
  if (ids.length < 2) throw invalid('newOrgIds', '联合党支部至少覆盖2个单位');
  if (ids.length > JOINT_BRANCH_MAX_UNITS)
    throw invalid('newOrgIds', `联合党支部最多覆盖${JOINT_BRANCH_MAX_UNITS}个单位`);
  const units: NewOrgRecord[] = [];
  for (const id of ids) {
    const unit = await findNewOrg(tx, actor, id, lock);
    if (!unit) throw notFound('两新组织');
    units.push(unit);
  }
  const first = units[0] as NewOrgRecord;
  if (units.some((u) => u.org.id !== first.org.id)) throw invalid('newOrgIds', '应为同一社区（街道）内的单位');
  const covered = units.filter((u) => u.status !== 'blank' && u.status !== 'instructor');
  if (covered.length > 0) throw conflict(`${covered.map((u) => u.name).join('、')}已有党组织覆盖`);
  const declared = units.reduce((n, u) => n + u.partyMembers, 0);
  if (declared < 3) throw invalid('newOrgIds', `这些单位共有${declared}名党员，不足3人，不能组建联合党支部`);
  const parent = await findOrg(tx, actor, first.org.id, lock);
  if (!parent || !canContain(parent.type, 'joint_branch')) throw invalid('newOrgIds', '所在组织下不能设立联合党支部');
  const industries = [...new Set(units.map((u) => u.industry))];
  const base = `${parent.name.replace(/(大党委|党委|党工委)$/, '')}${industries.length === 1 ? `${industries[0]}行业` : ''}联合党支部`;
  const [{ n: same } = { n: 0 }] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from organizations where parent_id = ${parent.id} and name like ${`${base}%`}`,
  );
  const candidates = await queryRows<Candidate>(
    tx,
    sql`select m.id::int as id, m.name, m.org_id::int as org_id, o.name as org_name, btrim(m.employer) as employer,
               m.status
          from members m join organizations o on o.id = m.org_id
         where btrim(m.employer) in (${sql.join(
           units.map((u) => sql`${u.name}`),
           sql`, `,
         )}) and m.left_on is null and ${pathInScope(actor, sql`o.path`)}
         order by m.sort_key, m.id ${lock ? sql`for update of m` : sql``}`,
  );
  return { ids, units, parent, name: same > 0 ? `${base}（${same + 1}）` : base, candidates };
}

const toCandidate = (c: Candidate) => ({
  id: c.id,
  name: c.name,
  status: c.status as MemberStatus,
  org: { id: c.org_id, name: c.org_name },
  employer: c.employer,
});

/** Shown before the one click is confirmed: what will be created, and who may move into it. */
export async function previewJointBranch(db: Db, actor: Actor, newOrgIds: number[]) {
  const plan = await planJointBranch(db, actor, newOrgIds, false);
  return {
    name: plan.name,
    parent: { id: plan.parent.id, name: plan.parent.name },
    units: plan.units.map((u) => ({ id: u.id, name: u.name, industry: u.industry, partyMembers: u.partyMembers })),
    members: plan.candidates.map(toCandidate),
  };
}

/**
 * One click, confirmed: creates the joint branch under the units' community, records that it covers them, and
 * moves the members chosen from the preview into it (each with a history row), all in one audited transaction.
 */
export async function createJointBranch(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  input: { newOrgIds: number[]; memberIds?: number[] | undefined },
) {
  return audited(db, ctx, 'coverage.create_joint_branch', async (tx) => {
    const { ids, units, parent, name, candidates } = await planJointBranch(tx, actor, input.newOrgIds, true);
    const chosen = [...new Set(input.memberIds ?? [])];
    const offered = new Set(candidates.map((c) => c.id));
    const strangers = chosen.filter((id) => !offered.has(id));
    if (strangers.length > 0) {
      // A member outside the scope is not found; one inside is simply not of these units.
      const inScope = await queryRows<{ name: string }>(
        tx,
        sql`select m.name from members m join organizations o on o.id = m.org_id
             where m.id in (${sql.join(
               strangers.map((id) => sql`${id}`),
               sql`, `,
             )}) and m.left_on is null and ${pathInScope(actor, sql`o.path`)}`,
      );
      if (inScope.length < strangers.length) throw notFound('党员');
      throw invalid('memberIds', `${inScope.map((m) => m.name).join('、')}的工作单位不是这些单位`);
    }
    const sectors = new Set(units.map((u) => newOrgSector(u.kind)));
    const [created] = await tx
      .insert(organizations)
      .values({
        parentId: parent.id,
        name,
        type: 'joint_branch',
        sector: sectors.has('new_economic') ? 'new_economic' : 'new_social',
        unitName: units.map((u) => u.name).join('、'),
        foundedOn: chinaToday(),
        termStartedOn: chinaToday(),
      })
      .returning({ id: organizations.id, name: organizations.name });
    const branch = created as { id: number; name: string };
    await tx
      .update(newOrganizations)
      .set({ jointBranchId: branch.id, updatedAt: sql`now()` })
      .where(inArray(newOrganizations.id, ids));
    for (const memberId of chosen) await moveMember(tx, memberId, branch, chinaToday(), '组建联合党支部');
    return { id: branch.id, name: branch.name, parentId: parent.id, newOrgIds: ids, memberIds: chosen };
  });
}
