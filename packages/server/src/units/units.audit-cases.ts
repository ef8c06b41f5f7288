import { audited, SYSTEM_AUDIT } from '../db/audited.js';
import type { AuditAction } from '../modules.js';
import { buildNewOrg, buildTeamPost } from '../../test/helpers/factories.js';
import { type AuditWorld, defineAuditCases } from '../../test/helpers/audit-cases.js';
import { collabZones, residentUnits } from './units.tables.js';

let serial = 0;

async function unit(w: AuditWorld): Promise<number> {
  serial += 1;
  const [row] = await audited(w.api.db, SYSTEM_AUDIT, 'test.units' as AuditAction, (tx) =>
    tx
      .insert(residentUnits)
      .values({ orgId: w.city.communityA.id, name: `审计驻区单位${serial}`, kind: 'school', relation: 'dual' })
      .returning({ id: residentUnits.id }),
  );
  return (row as { id: number }).id;
}

async function zone(w: AuditWorld): Promise<number> {
  serial += 1;
  const [row] = await audited(w.api.db, SYSTEM_AUDIT, 'test.units' as AuditAction, (tx) =>
    tx
      .insert(collabZones)
      .values({ orgId: w.city.streetA.id, name: `审计协作区${serial}` })
      .returning({ id: collabZones.id }),
  );
  return (row as { id: number }).id;
}

export default defineAuditCases('units', (w) => ({
  audited: {
    'POST /api/units': {
      action: 'resident_unit.create',
      prepare: w.asAdmin(
        'POST',
        () => '/api/units',
        () => ({ orgId: w.city.communityA.id, name: '审计登记的驻区单位', kind: 'hospital', relation: 'cooperate' }),
      ),
    },
    'POST /api/units/from-new-org': {
      action: 'resident_unit.link_new_org',
      prepare: async () => {
        const newOrg = await buildNewOrg(w.api.db, { orgId: w.city.communityA.id });
        return {
          request: () =>
            w.send('POST', '/api/units/from-new-org', w.admin, { newOrgId: newOrg.id, relation: 'cooperate' }),
        };
      },
    },
    'PATCH /api/units/{id}': {
      action: 'resident_unit.update',
      prepare: async () => {
        const id = await unit(w);
        return { request: () => w.send('PATCH', `/api/units/${id}`, w.admin, { relation: 'direct' }) };
      },
    },
    'POST /api/units/{id}/end': {
      action: 'resident_unit.end',
      prepare: async () => {
        const id = await unit(w);
        return { request: () => w.send('POST', `/api/units/${id}/end`, w.admin, { endedOn: '2026-11-30' }) };
      },
    },
    'POST /api/units/committee/{id}/posts': {
      action: 'committee.appoint',
      prepare: async () => {
        const id = await unit(w);
        return {
          request: () =>
            w.send('POST', `/api/units/committee/${w.city.communityA.id}/posts`, w.admin, {
              personName: '审计兼职委员',
              unitId: id,
              startedOn: '2026-01-01',
            }),
        };
      },
    },
    'POST /api/units/committee/posts/{id}/home-unit': {
      action: 'committee.set_home_unit',
      prepare: async () => {
        const id = await unit(w);
        const post = await buildTeamPost(w.api.db, { orgId: w.city.communityA.id, position: 'member' });
        return {
          request: () => w.send('POST', `/api/units/committee/posts/${post.id}/home-unit`, w.admin, { unitId: id }),
        };
      },
    },
    'POST /api/zones': {
      action: 'collab_zone.create',
      prepare: w.asAdmin(
        'POST',
        () => '/api/zones',
        () => ({ orgId: w.city.streetA.id, name: '审计组建的协作区', communityIds: [w.city.communityA.id] }),
      ),
    },
    'PATCH /api/zones/{id}': {
      action: 'collab_zone.update',
      prepare: async () => {
        const id = await zone(w);
        return {
          request: () => w.send('PATCH', `/api/zones/${id}`, w.admin, { communityIds: [w.city.communityA.id] }),
        };
      },
    },
    'POST /api/zones/{id}/end': {
      action: 'collab_zone.end',
      prepare: async () => {
        const id = await zone(w);
        return { request: () => w.send('POST', `/api/zones/${id}/end`, w.admin, { endedOn: '2026-11-30' }) };
      },
    },
  },
}));
