import type { AuditAction } from '../../src/modules.js';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { type Db, type Queryable, queryRows } from '../../src/db/client.js';
import { newOrganizations, teamPosts } from '../../src/db/schema.js';
import { moveSubtree } from '../../src/organizations/organizations.repo.js';
import { residentUnits } from '../../src/units/units.tables.js';
import { liaisonUnitIds, unitNames } from '../../src/units/units.repo.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildNewOrg, buildTeamPost } from '../helpers/factories.js';

/** The co-building counters kept by triggers (unit_figures) always equal a rebuild from the records. */
const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
beforeAll(async () => {
  city = await buildCity(api.db);
});

const change = <T>(work: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>) =>
  audited(api.db, SYSTEM_AUDIT, 'test.units' as AuditAction, work);

async function expectKeptEqualsRebuild() {
  const snapshot = (q: Queryable) =>
    queryRows<{ org_id: number; metric: string; n: string }>(
      q,
      sql`select org_id::int, metric, n::text from unit_figures where n <> 0 order by 1, 2`,
    );
  const kept = await snapshot(api.db);
  let rebuilt: typeof kept = [];
  await api.db
    .transaction(async (tx) => {
      await tx.execute(sql`select unit_figures_rebuild()`);
      rebuilt = await snapshot(tx);
      tx.rollback();
    })
    .catch(() => undefined);
  expect(kept).toEqual(rebuilt);
}

const figure = async (orgId: number, metric: string) => {
  const [row] = await queryRows<{ n: string }>(
    api.db,
    sql`select n::text from unit_figures where org_id = ${orgId} and metric = ${metric}`,
  );
  return Number(row?.n ?? 0);
};

describe('units rollups and view', () => {
  it('follow units, linked new organisations, part-time posts and subtree moves', async () => {
    const newOrg = await buildNewOrg(api.db, { orgId: city.communityA.id, kind: 'enterprise' });
    const liaison = await buildAccount(api.db, { orgId: city.communityA.id, role: 'unit_liaison' });
    const [school, linked] = await change((tx) =>
      tx
        .insert(residentUnits)
        .values([
          {
            orgId: city.communityA.id,
            name: '第一中学',
            kind: 'school',
            relation: 'dual',
            liaisonAccountId: liaison.id,
          },
          { orgId: city.communityA.id, newOrgId: newOrg.id, relation: 'cooperate' },
        ])
        .returning({ id: residentUnits.id }),
    );
    expect(await figure(city.district.id, 'units')).toBe(2);
    expect(await figure(city.streetA.id, 'kind:private_enterprise')).toBe(1);
    expect(await figure(city.communityA.id, 'relation:dual')).toBe(1);
    expect(await figure(city.communityA.id, 'linked')).toBe(1);
    await expectKeptEqualsRebuild();

    // The linked unit reads the new organisation's identity: edit it there, the unit shows it.
    await change((tx) =>
      tx
        .update(newOrganizations)
        .set({ name: '改名后的公司', kind: 'social_organization' })
        .where(eq(newOrganizations.id, newOrg.id)),
    );
    const [view] = await queryRows<{ name: string; uscc: string; kind: string }>(
      api.db,
      sql`select name, uscc, kind from resident_units_v where id = ${linked!.id}`,
    );
    expect(view).toEqual({ name: '改名后的公司', uscc: newOrg.uscc, kind: 'social_organization' });
    expect(await figure(city.communityA.id, 'kind:private_enterprise')).toBe(0);
    expect(await figure(city.communityA.id, 'kind:social_organization')).toBe(1);
    expect(await unitNames(api.db, [linked!.id, school!.id, 999999])).toEqual(
      new Map([
        [linked!.id, '改名后的公司'],
        [school!.id, '第一中学'],
      ]),
    );
    expect(await liaisonUnitIds(api.db, liaison.id)).toEqual([school!.id]);

    // A linked unit cannot keep a copy of the identity fields.
    await expect(
      change((tx) => tx.update(residentUnits).set({ name: '副本' }).where(eq(residentUnits.id, linked!.id))),
    ).rejects.toThrow();

    const post = await buildTeamPost(api.db, { orgId: city.communityA.id, position: 'member' });
    await change((tx) => tx.update(teamPosts).set({ homeUnitId: school!.id }).where(eq(teamPosts.id, post.id)));
    expect(await figure(city.district.id, 'parttime')).toBe(1);
    await change((tx) => tx.update(teamPosts).set({ endedOn: '2026-12-01' }).where(eq(teamPosts.id, post.id)));
    expect(await figure(city.district.id, 'parttime')).toBe(0);

    await change((tx) =>
      tx.update(residentUnits).set({ endedOn: '2026-12-01' }).where(eq(residentUnits.id, school!.id)),
    );
    expect(await figure(city.communityA.id, 'units')).toBe(1);
    await expectKeptEqualsRebuild();

    const paths = await queryRows<{ id: number; path: string }>(
      api.db,
      sql`select id::int, path::text from organizations where id in (${city.communityA.id}, ${city.streetB.id})`,
    );
    const pathOf = (id: number) => ({ id, path: paths.find((p) => p.id === id)!.path });
    await change((tx) => moveSubtree(tx, pathOf(city.communityA.id), pathOf(city.streetB.id)));
    expect(await figure(city.streetA.id, 'units')).toBe(0);
    expect(await figure(city.streetB.id, 'units')).toBe(1);
    await expectKeptEqualsRebuild();
  });
});
