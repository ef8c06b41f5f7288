import { expect } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../db/audited.js';
import type { AuditAction } from '../modules.js';
import { buildAccount, buildNewOrg, buildOrg, buildTeamPost } from '../../test/helpers/factories.js';
import { defineProbes, type Probe, type Value } from '../../test/helpers/scope-probes.js';
import { collabZones, residentUnits } from './units.tables.js';

export default defineProbes('units', async ({ api, city, byOrg, orgId, fresh, outsideMember, insideMember }) => {
  const build = async (orgIdOf: number, name: string) => {
    const [row] = await audited(api.db, SYSTEM_AUDIT, 'test.units' as AuditAction, (tx) =>
      tx
        .insert(residentUnits)
        .values({ orgId: orgIdOf, name, kind: 'school', relation: 'cooperate' })
        .returning({ id: residentUnits.id }),
    );
    return (row as { id: number }).id;
  };
  const outsideUnitId = await build(city.communityB.id, '乙社区驻区学校');
  const insideUnitId = () => build(city.communityA.id, fresh('甲社区驻区学校'));
  const outsideNewOrgId = (await buildNewOrg(api.db, { orgId: city.communityB.id })).id;
  const insideNewOrgId = async () => (await buildNewOrg(api.db, { orgId: city.communityA.id })).id;
  const outsideLiaison = (await buildAccount(api.db, { orgId: city.branchB.id, role: 'unit_liaison' })).id;
  const insideLiaison = (await buildAccount(api.db, { orgId: city.branchA.id, role: 'unit_liaison' })).id;
  const outsidePostId = (await buildTeamPost(api.db, { orgId: city.communityB.id, position: 'member' })).id;
  const insidePost = async () => (await buildTeamPost(api.db, { orgId: city.communityA.id, position: 'member' })).id;
  const [outsideZone] = await audited(api.db, SYSTEM_AUDIT, 'test.units' as AuditAction, (tx) =>
    tx.insert(collabZones).values({ orgId: city.streetB.id, name: '乙街道协作区' }).returning({ id: collabZones.id }),
  );
  const outsideZoneId = (outsideZone as { id: number }).id;
  const insideOrg = async () => (await buildOrg(api.db, { parentId: city.streetA.id, type: 'general_branch' })).id;

  // A unit's party organisation and liaison, named on a unit of street A: street B's are refused.
  type LinkField = 'partyOrgId' | 'liaisonAccountId';
  const linkProbes = (url: () => string, body: (field: LinkField, v: Value) => object): Probe[] => [
    {
      url,
      body: (v) => body('partyOrgId', v),
      id: orgId(
        'body.partyOrgId',
        () => city.branchB.id,
        () => city.branchA.id,
      ),
    },
    {
      url,
      body: (v) => body('liaisonAccountId', v),
      id: { field: 'body.liaisonAccountId', outside: () => outsideLiaison, inside: () => insideLiaison },
    },
  ];
  const patchedUnitId = await insideUnitId();
  // One of street A's new organisations per field, for the control that links it.
  const linkedNewOrgs: Record<LinkField, number> = {
    partyOrgId: await insideNewOrgId(),
    liaisonAccountId: await insideNewOrgId(),
  };

  const unitBody = (extra: object) => ({
    orgId: city.communityA.id,
    name: fresh('驻区单位'),
    kind: 'organ',
    relation: 'dual',
    ...extra,
  });
  const zoneBody = (extra: object) => ({ orgId: city.streetA.id, name: fresh('协作区'), ...extra });
  const zoneIdProbes = (url: () => string, base: (extra: object) => object): Probe[] => [
    {
      url,
      body: (v) => base({ communityIds: [v] }),
      id: orgId(
        'body.communityIds',
        () => city.communityB.id,
        () => city.communityA.id,
      ),
    },
    {
      url,
      body: (v) => base({ memberOrgIds: [v] }),
      id: { field: 'body.memberOrgIds', outside: () => city.branchB.id, inside: insideOrg },
    },
    {
      url,
      body: (v) => base({ unitIds: [v] }),
      id: { field: 'body.unitIds', outside: () => outsideUnitId, inside: insideUnitId },
    },
    {
      url,
      body: (v) => base({ leadOrgId: v }),
      id: orgId(
        'body.leadOrgId',
        () => city.communityB.id,
        () => city.communityA.id,
      ),
    },
    {
      url,
      body: (v) => base({ leadUnitId: v }),
      id: { field: 'body.leadUnitId', outside: () => outsideUnitId, inside: insideUnitId },
    },
  ];
  const insideZone = async () => {
    const [row] = await audited(api.db, SYSTEM_AUDIT, 'test.units' as AuditAction, (tx) =>
      tx
        .insert(collabZones)
        .values({ orgId: city.streetA.id, name: fresh('甲街道协作区') })
        .returning({ id: collabZones.id }),
    );
    return (row as { id: number }).id;
  };
  const zoneForPatch = await insideZone();
  const fixedInsideUnit = await insideUnitId();
  const postForUnit = await insidePost();

  return {
    probes: {
      'GET /api/units': [{ url: () => '/api/units?pageSize=200', list: true }, byOrg('/api/units')],
      'GET /api/units/export': [byOrg('/api/units/export')],
      'GET /api/units/candidates': [byOrg('/api/units/candidates')],
      'GET /api/units/figures': [byOrg('/api/units/figures')],
      'GET /api/units/committee': [
        {
          url: (v) => `/api/units/committee?orgId=${v}`,
          id: orgId(
            'query.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
      ],
      'POST /api/units/committee/:id/posts': [
        {
          url: () => `/api/units/committee/${city.communityB.id}/posts`,
          body: () => ({ personName: '越权任命', unitId: outsideUnitId, startedOn: '2025-01-01' }),
        },
        {
          url: () => `/api/units/committee/${city.communityA.id}/posts`,
          body: (v) => ({ personName: '任命', unitId: v, startedOn: '2025-01-01' }),
          id: { field: 'body.unitId', outside: () => outsideUnitId, inside: insideUnitId },
        },
        {
          url: () => `/api/units/committee/${city.communityA.id}/posts`,
          body: (v) => ({ personName: '任命', unitId: fixedInsideUnit, memberId: v, startedOn: '2025-01-01' }),
          id: { field: 'body.memberId', outside: () => outsideMember.id, inside: insideMember },
        },
      ],
      'POST /api/units/committee/posts/:id/home-unit': [
        { url: () => `/api/units/committee/posts/${outsidePostId}/home-unit`, body: () => ({ unitId: null }) },
        {
          url: () => `/api/units/committee/posts/${postForUnit}/home-unit`,
          body: (v) => ({ unitId: v }),
          id: { field: 'body.unitId', outside: () => outsideUnitId, inside: insideUnitId },
        },
      ],
      'GET /api/units/:id': [{ url: () => `/api/units/${outsideUnitId}` }],
      'POST /api/units': [
        {
          url: () => '/api/units',
          body: (v) => unitBody({ orgId: v }),
          id: orgId(
            'body.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
        {
          url: () => '/api/units',
          body: (v) => unitBody({ partyOrgId: v }),
          id: orgId(
            'body.partyOrgId',
            () => city.branchB.id,
            () => city.branchA.id,
          ),
        },
        {
          url: () => '/api/units',
          body: (v) => unitBody({ liaisonAccountId: v }),
          id: { field: 'body.liaisonAccountId', outside: () => outsideLiaison, inside: () => insideLiaison },
        },
      ],
      'POST /api/units/from-new-org': [
        {
          url: () => '/api/units/from-new-org',
          body: (v) => ({ newOrgId: v, relation: 'cooperate' }),
          id: { field: 'body.newOrgId', outside: () => outsideNewOrgId, inside: insideNewOrgId },
        },
        ...linkProbes(
          () => '/api/units/from-new-org',
          (field, v) => ({ newOrgId: linkedNewOrgs[field], relation: 'cooperate', [field]: v }),
        ),
      ],
      'PATCH /api/units/:id': [
        { url: () => `/api/units/${outsideUnitId}`, body: () => ({ name: '越权修改' }) },
        ...linkProbes(
          () => `/api/units/${patchedUnitId}`,
          (field, v) => ({ [field]: v }),
        ),
      ],
      'POST /api/units/:id/end': [
        { url: () => `/api/units/${outsideUnitId}/end`, body: () => ({ endedOn: '2026-01-01' }) },
      ],
      'GET /api/zones': [{ url: () => '/api/zones', list: true }, byOrg('/api/zones')],
      'GET /api/zones/coverage': [byOrg('/api/zones/coverage')],
      'GET /api/zones/export': [byOrg('/api/zones/export')],
      'GET /api/zones/:id': [{ url: () => `/api/zones/${outsideZoneId}` }],
      'POST /api/zones': [
        {
          url: () => '/api/zones',
          body: (v) => zoneBody({ orgId: v }),
          id: orgId(
            'body.orgId',
            () => city.streetB.id,
            () => city.streetA.id,
          ),
        },
        ...zoneIdProbes(() => '/api/zones', zoneBody),
      ],
      'PATCH /api/zones/:id': [
        { url: () => `/api/zones/${outsideZoneId}`, body: () => ({ name: '越权修改' }) },
        ...zoneIdProbes(
          () => `/api/zones/${zoneForPatch}`,
          (extra) => extra,
        ),
      ],
      'POST /api/zones/:id/end': [
        { url: () => `/api/zones/${outsideZoneId}/end`, body: () => ({ endedOn: '2026-01-01' }) },
      ],
    },
    self: ['GET /api/units/mine'],
    async unchanged(admin) {
      const unit = await api.app.inject({
        method: 'GET',
        url: `/api/units/${outsideUnitId}`,
        headers: { cookie: admin },
      });
      expect(unit.json()).toMatchObject({ name: '乙社区驻区学校', endedOn: null, liaison: null });
      const zone = await api.app.inject({
        method: 'GET',
        url: `/api/zones/${outsideZoneId}`,
        headers: { cookie: admin },
      });
      expect(zone.json()).toMatchObject({ name: '乙街道协作区', endedOn: null, communities: [], units: [] });
    },
  };
});
