import { canContain, ORG_TYPE_LABELS, type OrgType } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { audited } from '../db/audited.js';
import type { Db, Queryable } from '../db/client.js';
import { organizations } from '../db/schema.js';
import type { Actor } from '../http/actor.js';
import type { AuditContext } from '../db/audited.js';
import { assertUnchangedSince } from '../http/concurrency.js';
import { AppError, conflict, invalid, notFound } from '../http/errors.js';
import {
  childTypes,
  countDependents,
  detachOrg,
  findOrg,
  listChildren,
  loadDetail,
  moveSubtree,
  type OrgRecord,
} from './organizations.repo.js';
import type { CreateOrg, OrgDetail, OrgNode, UpdateOrg } from './organizations.schema.js';

const ORG = '组织';

async function requireOrg(db: Queryable, actor: Actor, id: number, lock = false): Promise<OrgRecord> {
  const org = await findOrg(db, actor, id, lock);
  if (!org) throw notFound(ORG);
  return org;
}

function assertContains(parentType: OrgType, childType: OrgType, field: string): void {
  if (!canContain(parentType, childType)) {
    throw invalid(field, `${ORG_TYPE_LABELS[parentType]}下不能设立${ORG_TYPE_LABELS[childType]}`);
  }
}

async function assertCodeFree(db: Queryable, code: string | null | undefined, exceptId?: number): Promise<void> {
  if (!code) return;
  const [taken] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(sql`${organizations.code} = ${code} ${exceptId ? sql`and ${organizations.id} <> ${exceptId}` : sql``}`);
  // The holder may lie outside the actor's scope: say only that the code is taken.
  if (taken) throw conflict(`组织编码 ${code} 已被其他组织使用`);
}

/** Children of an organisation in scope (404 otherwise); without a parent, the account's own organisation. */
export async function listOrgChildren(db: Db, actor: Actor, parentId: number | undefined): Promise<OrgNode[]> {
  const children = await listChildren(db, actor, parentId);
  if (!children) throw notFound(ORG);
  return children;
}

/** An organisation's page inside the scope (404 otherwise). */
export async function getOrg(db: Queryable, actor: Actor, id: number): Promise<OrgDetail> {
  const detail = await loadDetail(db, actor, id);
  if (!detail) throw notFound(ORG);
  return detail;
}

export async function createOrg(db: Db, actor: Actor, ctx: AuditContext, input: CreateOrg): Promise<OrgDetail> {
  return audited(db, ctx, 'organization.create', async (tx) => {
    const parent = await requireOrg(tx, actor, input.parentId, true);
    assertContains(parent.type, input.type, 'type');
    await assertCodeFree(tx, input.code);
    const [created] = await tx
      .insert(organizations)
      .values({
        parentId: parent.id,
        name: input.name,
        type: input.type,
        sector: input.sector,
        code: input.code || null,
        foundedOn: input.foundedOn ?? null,
        address: input.address || null,
        unitName: input.unitName || null,
        managementMode: input.managementMode ?? 'direct',
        termStartedOn: input.termStartedOn ?? null,
      })
      .returning({ id: organizations.id });
    return getOrg(tx, actor, (created as { id: number }).id);
  });
}

export async function updateOrg(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: UpdateOrg,
): Promise<OrgDetail> {
  const moving = input.parentId !== undefined;
  return audited(db, ctx, moving ? 'organization.move' : 'organization.update', async (tx) => {
    const org = await requireOrg(tx, actor, id, true);
    await assertUnchangedSince(tx, org.updatedAt, input.updatedAt, org.name);
    const type = input.type ?? org.type;
    if (input.type && input.type !== org.type) {
      const blocked = (await childTypes(tx, org.id)).filter((child) => !canContain(input.type as OrgType, child));
      if (blocked.length > 0) {
        throw conflict(
          `该组织下有${blocked.map((t) => ORG_TYPE_LABELS[t]).join('、')}，不能改为${ORG_TYPE_LABELS[input.type]}`,
        );
      }
    }
    if (moving && input.parentId !== org.parentId) {
      if (org.path === actor.scopePath) throw new AppError('FORBIDDEN', '不能移动本账号所属的组织');
      const target = await requireOrg(tx, actor, input.parentId as number, true);
      if (target.path === org.path || target.path.startsWith(`${org.path}.`)) {
        throw invalid('parentId', '不能移动到自身或其下级组织之下');
      }
      assertContains(target.type, type, 'parentId');
      await moveSubtree(tx, org, target);
    } else if (input.type && org.parentId !== null) {
      // The parent may lie above the actor's scope; this check reads only its type.
      const [parent] = await tx
        .select({ type: organizations.type })
        .from(organizations)
        .where(eq(organizations.id, org.parentId));
      if (parent) assertContains(parent.type as OrgType, type, 'type');
    }
    if (input.code !== undefined) await assertCodeFree(tx, input.code, org.id);
    const changes = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.type !== undefined && { type: input.type }),
      ...(input.sector !== undefined && { sector: input.sector }),
      ...(input.code !== undefined && { code: input.code || null }),
      ...(input.foundedOn !== undefined && { foundedOn: input.foundedOn }),
      ...(input.address !== undefined && { address: input.address || null }),
      ...(input.unitName !== undefined && { unitName: input.unitName || null }),
      ...(input.managementMode !== undefined && { managementMode: input.managementMode }),
      ...(input.termStartedOn !== undefined && { termStartedOn: input.termStartedOn }),
    };
    if (Object.keys(changes).length > 0) {
      await tx
        .update(organizations)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(organizations.id, org.id));
    }
    return getOrg(tx, actor, org.id);
  });
}

export async function deleteOrg(db: Db, actor: Actor, ctx: AuditContext, id: number): Promise<void> {
  await audited(db, ctx, 'organization.delete', async (tx) => {
    const org = await requireOrg(tx, actor, id, true);
    if (org.path === actor.scopePath) throw conflict('不能删除本账号所属的组织');
    const deps = await countDependents(tx, org.id);
    if (deps.children > 0) throw conflict(`该组织下还有${deps.children}个下级组织，请先移走或删除`);
    if (deps.members > 0) throw conflict(`该组织还有${deps.members}名党员，请先转出`);
    if (deps.accounts > 0) throw conflict(`还有${deps.accounts}个账号属于该组织，请先停用并调整`);
    if (deps.newOrgs > 0) throw conflict(`该组织登记有${deps.newOrgs}个两新组织，请先移交`);
    // The records of members who were here stay true only with the organisation they name.
    const keep = '删除会使记录失去所属组织；请保留该组织';
    if (deps.recorded > 0) throw conflict(`该组织有${deps.recorded}名党员的组织关系历史记录，${keep}`);
    if (deps.records > 0) throw conflict(`该组织有${deps.records}条流动党员、双报到或组织关系转接记录，${keep}`);
    await detachOrg(tx, org.id);
    await tx.delete(organizations).where(eq(organizations.id, org.id));
  });
}
