import type { OrgType } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { assertUnchangedSince } from '../http/concurrency.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { pathInScope } from '../http/scope.js';
import { findOrg } from '../organizations/organizations.repo.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import {
  findUnit,
  liaisonCandidates,
  listUnits,
  newOrgCandidates,
  toUnit,
  type UnitRow,
  unitsOfLiaison,
} from './units.repo.js';
import type { CreateUnit, LinkNewOrg, Unit, UnitQuery, UpdateUnit } from './units.schema.js';
import { residentUnits } from './units.tables.js';

/** Where a unit is registered: the community (or street) whose registry lists it. */
const HOLDER_TYPES: readonly OrgType[] = ['street_committee', 'community_committee', 'big_community_committee'];
/** The fields a linked new organisation's own record holds (edited in the new-orgs registry). */
const IDENTITY_FIELDS = ['name', 'uscc', 'kind', 'address', 'headcount', 'partyMembers'] as const;

const unmasked = (actor: Actor) => actor.permissions.includes('member.sensitive');

export async function queryUnits(
  db: Db,
  actor: Actor,
  query: Omit<UnitQuery, 'page' | 'pageSize'>,
  page?: { page: number; pageSize: number },
) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const { rows, total } = await listUnits(db, { ...query, rootPath: root.path }, page);
  return { root, items: rows.map((r) => toUnit(r, unmasked(actor))), total };
}

export async function getUnit(db: Db, actor: Actor, id: number): Promise<Unit> {
  const row = await findUnit(db, actor, id);
  if (!row) throw notFound('驻区单位');
  return toUnit(row, unmasked(actor));
}

/** The liaison's own units (本单位共建): found by the account, whatever organisation it is bound to. */
export async function myUnits(db: Db, actor: Actor): Promise<Unit[]> {
  return (await unitsOfLiaison(db, actor.accountId)).map((r) => toUnit(r, unmasked(actor)));
}

export async function candidates(db: Db, actor: Actor, orgId: number | undefined) {
  const root = await requireScopeRoot(db, actor, orgId);
  const [newOrgs, liaisons] = await Promise.all([newOrgCandidates(db, root.path), liaisonCandidates(db, root.path)]);
  return {
    newOrgs: newOrgs.map((n) => ({ id: n.id, name: n.name, uscc: n.uscc, org: { id: n.org_id, name: n.org_name } })),
    liaisons: liaisons.map((a) => ({
      id: a.id,
      username: a.username,
      displayName: a.display_name,
      org: { id: a.org_id, name: a.org_name },
    })),
  };
}

/** The references a unit's own fields name, each in the actor's scope (404 as for one that does not exist). */
async function checkOwnRefs(
  tx: Queryable,
  actor: Actor,
  input: { partyOrgId?: number | null; liaisonAccountId?: number | null },
) {
  if (input.partyOrgId && !(await findOrg(tx, actor, input.partyOrgId))) throw notFound('单位党组织');
  if (input.liaisonAccountId) {
    const [account] = await queryRows<{ role: string }>(
      tx,
      sql`select a.role from accounts a join organizations o on o.id = a.org_id
           where a.id = ${input.liaisonAccountId} and ${pathInScope(actor, sql`o.path`)}`,
    );
    if (!account) throw notFound('联络员账号');
    if (account.role !== 'unit_liaison') throw invalid('liaisonAccountId', '联络员账号应为“驻区单位联络员”角色');
  }
}

async function checkUscc(tx: Queryable, uscc: string, exceptId: number | undefined) {
  const [unit] = await queryRows<{ name: string }>(
    tx,
    sql`select name from resident_units_v where uscc = ${uscc} ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
  );
  if (unit) throw conflict(`统一社会信用代码 ${uscc} 已登记为驻区单位“${unit.name}”`);
  const [newOrg] = await queryRows<{ name: string }>(tx, sql`select name from new_organizations where uscc = ${uscc}`);
  if (newOrg) {
    throw conflict(`统一社会信用代码 ${uscc} 已在两新组织名册登记（${newOrg.name}），请用“从两新组织名册添加”`);
  }
}

const ownColumns = (input: Partial<LinkNewOrg>) => ({
  ...(input.contactName !== undefined && { contactName: input.contactName ?? null }),
  ...(input.contactPhone !== undefined && { contactPhone: input.contactPhone ?? null }),
  ...(input.partyOrgId !== undefined && { partyOrgId: input.partyOrgId ?? null }),
  ...(input.relation !== undefined && { relation: input.relation }),
  ...(input.liaisonAccountId !== undefined && { liaisonAccountId: input.liaisonAccountId ?? null }),
});

const identityColumns = (input: Partial<CreateUnit>) => ({
  ...(input.name !== undefined && { name: input.name }),
  ...(input.uscc !== undefined && { uscc: input.uscc ?? null }),
  ...(input.kind !== undefined && { kind: input.kind }),
  ...(input.address !== undefined && { address: input.address ?? null }),
  ...(input.headcount !== undefined && { headcount: input.headcount ?? null }),
  ...(input.partyMembers !== undefined && { partyMembers: input.partyMembers ?? null }),
});

async function reread(tx: Queryable, actor: Actor, id: number): Promise<Unit> {
  return toUnit((await findUnit(tx, actor, id)) as UnitRow, unmasked(actor));
}

export async function createUnit(db: Db, actor: Actor, ctx: AuditContext, input: CreateUnit): Promise<Unit> {
  return audited(db, ctx, 'resident_unit.create', async (tx) => {
    const holder = await findOrg(tx, actor, input.orgId);
    if (!holder) throw notFound('所在社区或街道');
    if (!HOLDER_TYPES.includes(holder.type)) throw invalid('orgId', '驻区单位应登记在所在的社区或街道');
    await checkOwnRefs(tx, actor, input);
    if (input.uscc) await checkUscc(tx, input.uscc, undefined);
    const [row] = await tx
      .insert(residentUnits)
      .values({ ...identityColumns(input), ...ownColumns(input), orgId: holder.id, name: input.name, kind: input.kind })
      .returning({ id: residentUnits.id });
    return reread(tx, actor, (row as { id: number }).id);
  });
}

/** A registered new organisation becomes a unit of its community's registry: a link, not a copy. */
export async function linkNewOrg(db: Db, actor: Actor, ctx: AuditContext, input: LinkNewOrg): Promise<Unit> {
  return audited(db, ctx, 'resident_unit.link_new_org', async (tx) => {
    const [newOrg] = await queryRows<{ org_id: number; linked: boolean }>(
      tx,
      sql`select n.org_id::int as org_id, exists (select 1 from resident_units u where u.new_org_id = n.id) as linked
            from new_organizations n join organizations o on o.id = n.org_id
           where n.id = ${input.newOrgId} and ${pathInScope(actor, sql`o.path`)}
           for update of n`,
    );
    if (!newOrg) throw notFound('两新组织');
    if (newOrg.linked) throw conflict('该两新组织已是驻区单位');
    await checkOwnRefs(tx, actor, input);
    const [row] = await tx
      .insert(residentUnits)
      .values({ ...ownColumns(input), orgId: newOrg.org_id, newOrgId: input.newOrgId, relation: input.relation })
      .returning({ id: residentUnits.id });
    return reread(tx, actor, (row as { id: number }).id);
  });
}

export async function updateUnit(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: UpdateUnit,
): Promise<Unit> {
  return audited(db, ctx, 'resident_unit.update', async (tx) => {
    const current = await findUnit(tx, actor, id, true);
    if (!current) throw notFound('驻区单位');
    await assertUnchangedSince(tx, current.updated_at, input.updatedAt, current.name);
    if (current.ended_on) throw conflict(`${current.name}已于${current.ended_on}退出，不能修改`);
    const identity = identityColumns(input);
    if (current.new_org_id !== null) {
      const given = IDENTITY_FIELDS.filter((f) => input[f] !== undefined);
      if (given.length > 0) {
        throw conflict(`${current.name}是两新组织名册中的单位，名称、信用代码、类别、地址和人数请在两新组织名册中修改`);
      }
    }
    // A reference kept as it was is not checked again: a party organisation named by a street account may lie
    // outside the community's scope, and the community may still edit the unit's other fields.
    await checkOwnRefs(tx, actor, {
      partyOrgId: input.partyOrgId === current.party_org_id ? undefined : input.partyOrgId,
      liaisonAccountId: input.liaisonAccountId === current.liaison_id ? undefined : input.liaisonAccountId,
    });
    if (input.uscc && input.uscc !== current.uscc) await checkUscc(tx, input.uscc, id);
    const changes = { ...identity, ...ownColumns(input) };
    if (Object.keys(changes).length > 0) {
      await tx
        .update(residentUnits)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(residentUnits.id, id));
    }
    return reread(tx, actor, id);
  });
}

export async function endUnit(db: Db, actor: Actor, ctx: AuditContext, id: number, endedOn: string): Promise<Unit> {
  return audited(db, ctx, 'resident_unit.end', async (tx) => {
    const current = await findUnit(tx, actor, id, true);
    if (!current) throw notFound('驻区单位');
    if (current.ended_on) throw conflict(`${current.name}已于${current.ended_on}退出`);
    await tx
      .update(residentUnits)
      .set({ endedOn, updatedAt: sql`now()` })
      .where(eq(residentUnits.id, id));
    return reread(tx, actor, id);
  });
}
