import { csvOf } from '../../test/helpers/rosters.js';
import { defineProbes, type Probe, type Value } from '../../test/helpers/scope-probes.js';

export default defineProbes('members', async ({ city, byOrg, orgId, outsideMember, insideMember, freshIdNumber }) => {
  const insideMemberId = await insideMember();
  const outside = outsideMember.id;
  const roster = {
    name: 'r.csv',
    data: csvOf([
      ['姓名', '身份证号'],
      ['越权导入', '11010519491231002X'],
    ]),
  };
  // The import's steps, each naming the organisation the rows go to.
  const importStep = (step: 'check' | '' | 'rejected' | 'branches'): [string, Probe[]] => [
    `POST /api/member-imports${step && `/${step}`}`,
    [
      {
        url: () => `/api/member-imports${step && `/${step}`}`,
        upload: (v: Value) => ({
          fields: { orgId: String(v), ...(step === '' && { mode: 'valid' }) },
          file: roster,
        }),
        id: orgId(
          'body.orgId',
          () => city.communityB.id,
          () => city.communityA.id,
        ),
      },
      // The organisation a 所在支部 value is mapped to (the user's choice on the wizard's step).
      {
        url: () => `/api/member-imports${step && `/${step}`}`,
        upload: (v: Value) => ({
          fields: {
            orgId: String(city.communityA.id),
            orgMap: JSON.stringify({ 第一党支部: v }),
            ...(step === '' && { mode: 'valid' }),
          },
          file: roster,
        }),
        id: orgId(
          'body.orgMap',
          () => city.branchB.id,
          () => city.branchA.id,
        ),
      },
    ],
  ];
  return {
    probes: {
      'GET /api/members': [
        byOrg('/api/members'),
        { url: () => '/api/members?pageSize=200', list: true },
        { url: () => `/api/members?q=${outsideMember.idNumber}`, list: true },
      ],
      'GET /api/members/export': [byOrg('/api/members/export')],
      'GET /api/members/due-for-conversion': [byOrg('/api/members/due-for-conversion')],
      'GET /api/members/due-for-conversion/export': [byOrg('/api/members/due-for-conversion/export')],
      'GET /api/members/:id': [{ url: () => `/api/members/${outside}` }],
      'POST /api/members': [
        {
          url: () => '/api/members',
          body: (v) => ({
            name: '越权',
            gender: 'female',
            idNumber: freshIdNumber(),
            status: 'full',
            fullMemberOn: '2005-07-01',
            category: 'resident',
            orgId: v,
          }),
          id: orgId(
            'body.orgId',
            () => city.branchB.id,
            () => city.branchA.id,
          ),
        },
      ],
      'PATCH /api/members/:id': [
        { url: () => `/api/members/${outside}`, body: () => ({ name: '越权修改' }) },
        {
          url: () => `/api/members/${insideMemberId}`,
          body: (v) => ({ orgId: v }),
          id: orgId(
            'body.orgId',
            () => city.branchB.id,
            () => city.communityA.id,
          ),
        },
      ],
      'DELETE /api/members/:id': [{ url: () => `/api/members/${outside}` }],
      'POST /api/members/:id/reveal': [{ url: () => `/api/members/${outside}/reveal` }],
      'POST /api/members/:id/convert': [
        { url: () => `/api/members/${outside}/convert`, body: () => ({ fullMemberOn: '2020-01-01' }) },
      ],
      // Analysing reads only the uploaded file: it must not leak anything, and needs member.write.
      'POST /api/member-imports/analyze': [
        { url: () => '/api/member-imports/analyze', upload: () => ({ fields: {}, file: roster }), list: true },
      ],
      ...Object.fromEntries((['check', '', 'rejected', 'branches'] as const).map(importStep)),
    },
  };
});
