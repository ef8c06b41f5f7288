import { expect } from 'vitest';
import { buildMember } from '../../test/helpers/factories.js';
import { csvOf, sampleRoster } from '../../test/helpers/rosters.js';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('members', (w) => ({
  audited: {
    'POST /api/members': {
      action: 'member.create',
      prepare: w.asAdmin(
        'POST',
        () => '/api/members',
        () => w.memberBody(w.city.branchA.id),
      ),
    },
    'PATCH /api/members/{id}': {
      action: 'member.update',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        return {
          request: () => w.send('PATCH', `/api/members/${member.id}`, w.admin, { residence: '审计覆盖小区1号楼' }),
        };
      },
    },
    'DELETE /api/members/{id}': {
      action: 'member.delete',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        return { request: () => w.send('DELETE', `/api/members/${member.id}`, w.admin) };
      },
    },
    'POST /api/members/{id}/reveal': {
      action: 'member.reveal',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        return { request: () => w.send('POST', `/api/members/${member.id}/reveal`, w.admin) };
      },
    },
    'POST /api/members/{id}/convert': {
      action: 'member.convert',
      prepare: async () => {
        const created = await w.send('POST', '/api/members', w.admin, w.memberBody(w.city.branchA.id, 'probationary'));
        expect(created.statusCode, created.body).toBe(201);
        return {
          request: () =>
            w.send('POST', `/api/members/${created.json().id}/convert`, w.admin, { fullMemberOn: '2025-01-02' }),
        };
      },
    },
    'POST /api/member-imports': {
      action: 'member.import',
      prepare: async () => ({
        request: () =>
          w.upload(
            '/api/member-imports',
            w.admin,
            { orgId: String(w.city.communityA.id), mode: 'valid' },
            csvOf(sampleRoster()),
          ),
      }),
    },
  },
  changesNothing: {
    'POST /api/member-imports/analyze': {
      reason: 'reads the uploaded roster: its header row and columns',
      request: () => w.upload('/api/member-imports/analyze', w.admin, {}, csvOf(sampleRoster())),
    },
    'POST /api/member-imports/check': {
      reason: 'checks the uploaded rows against the rules and the roster, writes nothing (不写入)',
      request: () =>
        w.upload('/api/member-imports/check', w.admin, { orgId: String(w.city.communityB.id) }, csvOf(sampleRoster())),
    },
    'POST /api/member-imports/branches': {
      reason: 'matches the uploaded roster’s 所在支部 values to organisations of the subtree, writes nothing',
      request: () =>
        w.upload(
          '/api/member-imports/branches',
          w.admin,
          { orgId: String(w.city.communityB.id) },
          csvOf(sampleRoster()),
        ),
    },
    'POST /api/member-imports/rejected': {
      reason: "gives back the uploaded file's own failing rows with the problems, writes nothing",
      request: () =>
        w.upload(
          '/api/member-imports/rejected',
          w.admin,
          { orgId: String(w.city.communityB.id) },
          csvOf(sampleRoster()),
        ),
    },
  },
}));
