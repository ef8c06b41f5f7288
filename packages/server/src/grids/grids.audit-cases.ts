import { expect } from 'vitest';
import { buildMember } from '../../test/helpers/factories.js';
import { type AuditWorld, defineAuditCases } from '../../test/helpers/audit-cases.js';

let seq = 0;
const fresh = (prefix: string) => `${prefix}${++seq}`;

async function building(w: AuditWorld): Promise<number> {
  const res = await w.send('POST', '/api/grids/buildings', w.admin, {
    orgId: w.city.communityA.id,
    name: fresh('审计楼'),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function grid(w: AuditWorld): Promise<number> {
  const res = await w.send('POST', '/api/grids', w.admin, { orgId: w.city.communityA.id, name: fresh('审计网格') });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

export default defineAuditCases('grids', (w) => ({
  audited: {
    'POST /api/grids/buildings': {
      action: 'building.create',
      prepare: w.asAdmin(
        'POST',
        () => '/api/grids/buildings',
        () => ({ orgId: w.city.communityA.id, name: fresh('楼') }),
      ),
    },
    'POST /api/grids/buildings/bulk': {
      action: 'building.bulk_create',
      prepare: w.asAdmin(
        'POST',
        () => '/api/grids/buildings/bulk',
        () => ({ orgId: w.city.communityA.id, from: 1, to: 2, prefix: fresh('区') }),
      ),
    },
    'PATCH /api/grids/buildings/{id}': {
      action: 'building.update',
      prepare: async () => {
        const id = await building(w);
        return { request: () => w.send('PATCH', `/api/grids/buildings/${id}`, w.admin, { households: 60 }) };
      },
    },
    'DELETE /api/grids/buildings/{id}': {
      action: 'building.delete',
      prepare: async () => {
        const id = await building(w);
        return { request: () => w.send('DELETE', `/api/grids/buildings/${id}`, w.admin) };
      },
    },
    'POST /api/grids': {
      action: 'grid.create',
      prepare: w.asAdmin(
        'POST',
        () => '/api/grids',
        () => ({ orgId: w.city.communityA.id, name: fresh('网格') }),
      ),
    },
    'PATCH /api/grids/{id}': {
      action: 'grid.update',
      prepare: async () => {
        const id = await grid(w);
        return { request: () => w.send('PATCH', `/api/grids/${id}`, w.admin, { note: '东区' }) };
      },
    },
    'DELETE /api/grids/{id}': {
      action: 'grid.delete',
      prepare: async () => {
        const id = await grid(w);
        return { request: () => w.send('DELETE', `/api/grids/${id}`, w.admin) };
      },
    },
    'POST /api/grids/{id}/members': {
      action: 'grid_member.add',
      prepare: async () => {
        const id = await grid(w);
        const member = await buildMember(w.api.db, w.city.branchA.id);
        return { request: () => w.send('POST', `/api/grids/${id}/members`, w.admin, { memberId: member.id }) };
      },
    },
    'POST /api/grid-members/{id}/end': {
      action: 'grid_member.end',
      prepare: async () => {
        const id = await grid(w);
        const member = await buildMember(w.api.db, w.city.branchA.id);
        const res = await w.send('POST', `/api/grids/${id}/members`, w.admin, { memberId: member.id });
        expect(res.statusCode, res.body).toBe(201);
        const row = res.json().members[0].id;
        return { request: () => w.send('POST', `/api/grid-members/${row}/end`, w.admin, {}) };
      },
    },
  },
}));
