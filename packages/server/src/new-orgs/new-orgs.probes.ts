import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { audited, SYSTEM_AUDIT } from '../db/audited.js';
import type { AuditAction } from '../modules.js';
import { buildMember, buildNewOrg, buildOrg, nextUscc } from '../../test/helpers/factories.js';
import { defineProbes, type Probe } from '../../test/helpers/scope-probes.js';

export default defineProbes('new-orgs', async ({ api, city, byOrg, orgId, fresh, outsideMember }) => {
  // Street B's two blank new organisations a joint branch could cover; street A's own beside them.
  const outsideNewOrgId = (await buildNewOrg(api.db, { orgId: city.communityB.id, partyMembers: 2 })).id;
  const outsideNewOrg2Id = (await buildNewOrg(api.db, { orgId: city.communityB.id, partyMembers: 2 })).id;
  const insideNewOrgId = (await buildNewOrg(api.db, { orgId: city.communityA.id })).id;
  const insideBlankNewOrgId = (await buildNewOrg(api.db, { orgId: city.communityA.id, partyMembers: 2 })).id;
  const insideJointBranchId = (await buildOrg(api.db, { parentId: city.communityA.id, type: 'joint_branch' })).id;
  // Two more of street A's blank units and a member working at one of them: moved in by the memberIds control.
  const movingUnits = [
    await buildNewOrg(api.db, { orgId: city.communityA.id, partyMembers: 2 }),
    await buildNewOrg(api.db, { orgId: city.communityA.id, partyMembers: 2 }),
  ];
  const movingMember = await buildMember(api.db, city.branchA.id);
  await audited(api.db, SYSTEM_AUDIT, 'test.employer' as AuditAction, (tx) =>
    tx.execute(sql`update members set employer = ${movingUnits[0]?.name ?? ''} where id = ${movingMember.id}`),
  );
  const previewedNewOrgId = (await buildNewOrg(api.db, { orgId: city.communityA.id, partyMembers: 2 })).id;
  return {
    probes: {
      'GET /api/new-orgs': [{ url: () => '/api/new-orgs?pageSize=200', list: true }, byOrg('/api/new-orgs')],
      'GET /api/new-orgs/export': [byOrg('/api/new-orgs/export')],
      'POST /api/new-orgs': [
        {
          url: () => '/api/new-orgs',
          body: (v) => ({ orgId: v, name: fresh('越权登记'), uscc: nextUscc(), kind: 'enterprise', industry: '餐饮' }),
          id: orgId(
            'body.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
        ...(['ownOrgId', 'jointBranchId'] as const).map((field): Probe => ({
          url: () => '/api/new-orgs',
          body: (v) => ({
            orgId: city.communityA.id,
            name: fresh('越权挂靠'),
            uscc: nextUscc(),
            kind: 'enterprise',
            industry: '餐饮',
            [field]: v,
          }),
          id: orgId(
            `body.${field}`,
            () => city.branchB.id,
            () => (field === 'jointBranchId' ? insideJointBranchId : city.branchA.id),
          ),
        })),
      ],
      'PATCH /api/new-orgs/:id': [
        { url: () => `/api/new-orgs/${outsideNewOrgId}`, body: () => ({ name: '越权修改' }) },
        ...(
          [
            ['orgId', () => city.communityB.id, () => city.communityA.id],
            ['ownOrgId', () => city.branchB.id, () => city.branchA.id],
            ['jointBranchId', () => city.branchB.id, () => insideJointBranchId],
          ] as const
        ).map(([field, outside, inside]): Probe => ({
          url: () => `/api/new-orgs/${insideNewOrgId}`,
          body: (v) => ({ [field]: v }),
          id: orgId(`body.${field}`, outside, inside),
        })),
      ],
      'DELETE /api/new-orgs/:id': [{ url: () => `/api/new-orgs/${outsideNewOrgId}` }],
      'GET /api/coverage': [{ url: () => '/api/coverage', list: true }, byOrg('/api/coverage')],
      'POST /api/coverage/joint-branches': [
        {
          url: () => '/api/coverage/joint-branches',
          body: () => ({ newOrgIds: [outsideNewOrgId, outsideNewOrg2Id] }),
        },
        {
          // One of street B's among street A's own.
          url: () => '/api/coverage/joint-branches',
          body: (v) => ({ newOrgIds: [insideBlankNewOrgId, v] }),
          id: {
            field: 'body.newOrgIds',
            outside: () => outsideNewOrgId,
            inside: async () => (await buildNewOrg(api.db, { orgId: city.communityA.id, partyMembers: 2 })).id,
          },
        },
        {
          // Street B's member moved into a branch of street A's units.
          url: () => '/api/coverage/joint-branches',
          body: (v) => ({ newOrgIds: movingUnits.map((u) => u.id), memberIds: [v] }),
          id: { field: 'body.memberIds', outside: () => outsideMember.id, inside: () => movingMember.id },
        },
      ],
      'GET /api/coverage/joint-branches/preview': [
        {
          url: () => `/api/coverage/joint-branches/preview?newOrgIds=${outsideNewOrgId},${outsideNewOrg2Id}`,
        },
        {
          url: (v) => `/api/coverage/joint-branches/preview?newOrgIds=${previewedNewOrgId},${v}`,
          id: {
            field: 'query.newOrgIds',
            outside: () => outsideNewOrgId,
            inside: async () => (await buildNewOrg(api.db, { orgId: city.communityA.id, partyMembers: 2 })).id,
          },
        },
      ],
    },
    async unchanged(admin) {
      const newOrgs = await api.app.inject({
        method: 'GET',
        url: `/api/new-orgs?orgId=${city.communityB.id}`,
        headers: { cookie: admin },
      });
      // Its own two (other modules' probes may register more of street B's new organisations).
      const own = (newOrgs.json().items as { id: number; jointBranch: unknown }[]).filter((n) =>
        [outsideNewOrgId, outsideNewOrg2Id].includes(n.id),
      );
      expect(own.map((n) => n.jointBranch)).toEqual([null, null]);
    },
  };
});
