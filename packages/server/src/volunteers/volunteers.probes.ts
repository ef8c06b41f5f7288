import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.js';
import { buildOrg } from '../../test/helpers/factories.js';
import { defineProbes } from '../../test/helpers/scope-probes.js';

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

export default defineProbes('volunteers', async (world) => {
  const { api, city, byOrg, orgId, fresh, outsideMember, insideMember, streetB } = world;
  const activityBody = (org: number, start = 48) => ({
    orgId: org,
    title: fresh('越权活动'),
    type: 'other',
    place: '某地',
    startsAt: hoursFromNow(start),
    endsAt: hoursFromNow(start + 2),
    signupDeadline: hoursFromNow(start - 1),
    capacity: 100,
    publish: true,
  });
  // Street B's records: a coming activity with its member signed up, a past one with hours confirmed, a team with
  // that member on it, a resident volunteer.
  const outsideActivityId = await world.createAsStreetB('/api/volunteers/activities', activityBody(city.communityB.id));
  await api.post(`/api/volunteers/activities/${outsideActivityId}/signups`, streetB, { memberId: outsideMember.id });
  const pastB = await world.createAsStreetB('/api/volunteers/activities', activityBody(city.communityB.id, -5));
  await api.post(`/api/volunteers/activities/${pastB}/signups`, streetB, { memberId: outsideMember.id });
  await api.post(`/api/volunteers/activities/${pastB}/attendance`, streetB, {
    entries: [{ memberId: outsideMember.id, hours: 2 }],
  });
  const outsideTeamId = await world.createAsStreetB('/api/volunteers/teams', {
    orgId: city.communityB.id,
    name: '乙队',
  });
  await api.post(`/api/volunteers/teams/${outsideTeamId}/members`, streetB, { memberId: outsideMember.id });
  const outsideResidentId = await world.createAsStreetB('/api/volunteers/residents', {
    orgId: city.communityB.id,
    name: '乙居民',
  });
  const [ids] = await queryRows<{ signup: number; record: number; entry: number }>(
    api.db,
    sql`select (select id::int from volunteer_signups where activity_id = ${outsideActivityId}) as signup,
               (select id::int from volunteer_records where activity_id = ${pastB}) as record,
               (select id::int from volunteer_team_members where team_id = ${outsideTeamId}) as entry`,
  );
  const { signup, record, entry } = ids as { signup: number; record: number; entry: number };

  // Street A's own, for the controls.
  const streetA = await api.login(city.streetAUser.username);
  const insideActivity = async () =>
    (await api.post('/api/volunteers/activities', streetA, activityBody(city.communityA.id))).json().id as number;
  const teamA = (await api.post('/api/volunteers/teams', streetA, { orgId: city.communityA.id, name: '甲队' })).json()
    .id as number;
  const residentA = async () =>
    (await api.post('/api/volunteers/residents', streetA, { orgId: city.communityA.id, name: fresh('甲居民') })).json()
      .id as number;
  const activityA = await insideActivity();
  // Resident units' party organisations co-host activities.
  const unitA = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', sector: 'resident_unit' });
  const unitB = await buildOrg(api.db, { parentId: city.communityB.id, type: 'branch', sector: 'resident_unit' });

  return {
    probes: {
      'GET /api/volunteers/activities': [
        byOrg('/api/volunteers/activities'),
        { url: () => '/api/volunteers/activities?pageSize=200', list: true },
      ],
      'GET /api/volunteers/activities/export': [byOrg('/api/volunteers/activities/export')],
      'POST /api/volunteers/activities': [
        {
          url: () => '/api/volunteers/activities',
          body: (v) => activityBody(Number(v)),
          id: orgId(
            'body.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
        {
          url: () => '/api/volunteers/activities',
          body: (v) => ({ ...activityBody(city.communityA.id), teamId: v }),
          id: { field: 'body.teamId', outside: () => outsideTeamId, inside: () => teamA },
        },
        {
          url: () => '/api/volunteers/activities',
          body: (v) => ({ ...activityBody(city.communityA.id), cohostOrgId: v }),
          id: orgId(
            'body.cohostOrgId',
            () => unitB.id,
            () => unitA.id,
          ),
        },
      ],
      'GET /api/volunteers/activities/:id': [{ url: () => `/api/volunteers/activities/${outsideActivityId}` }],
      'GET /api/volunteers/activities/:id/export': [
        { url: () => `/api/volunteers/activities/${outsideActivityId}/export` },
      ],
      'PATCH /api/volunteers/activities/:id': [
        { url: () => `/api/volunteers/activities/${outsideActivityId}`, body: () => ({ title: '越权修改' }) },
        {
          url: () => `/api/volunteers/activities/${activityA}`,
          body: (v) => ({ teamId: v }),
          id: { field: 'body.teamId', outside: () => outsideTeamId, inside: () => teamA },
        },
        {
          url: () => `/api/volunteers/activities/${activityA}`,
          body: (v) => ({ cohostOrgId: v }),
          id: orgId(
            'body.cohostOrgId',
            () => unitB.id,
            () => unitA.id,
          ),
        },
      ],
      'POST /api/volunteers/activities/:id/publish': [
        { url: () => `/api/volunteers/activities/${outsideActivityId}/publish` },
      ],
      'POST /api/volunteers/activities/:id/cancel': [
        { url: () => `/api/volunteers/activities/${outsideActivityId}/cancel`, body: () => ({ reason: '越权' }) },
      ],
      'POST /api/volunteers/activities/:id/signups': [
        {
          url: () => `/api/volunteers/activities/${outsideActivityId}/signups`,
          body: () => ({ memberId: outsideMember.id }),
        },
        {
          url: () => `/api/volunteers/activities/${activityA}/signups`,
          body: (v) => ({ memberId: v }),
          id: { field: 'body.memberId', outside: () => outsideMember.id, inside: insideMember },
        },
        {
          url: () => `/api/volunteers/activities/${activityA}/signups`,
          body: (v) => ({ residentId: v }),
          id: { field: 'body.residentId', outside: () => outsideResidentId, inside: residentA },
        },
      ],
      'POST /api/volunteers/signups/:id/cancel': [{ url: () => `/api/volunteers/signups/${signup}/cancel` }],
      'POST /api/volunteers/activities/:id/attendance': [
        { url: () => `/api/volunteers/activities/${pastB}/attendance`, body: () => ({ entries: [] }) },
      ],
      'GET /api/volunteers/records': [
        byOrg('/api/volunteers/records'),
        { url: () => '/api/volunteers/records?pageSize=200', list: true },
      ],
      'GET /api/volunteers/records/export': [byOrg('/api/volunteers/records/export')],
      'POST /api/volunteers/records/:id/confirm': [{ url: () => `/api/volunteers/records/${record}/confirm` }],
      'POST /api/volunteers/records/:id/reject': [
        { url: () => `/api/volunteers/records/${record}/reject`, body: () => ({ note: '越权' }) },
      ],
      'POST /api/volunteers/records/:id/correct': [
        { url: () => `/api/volunteers/records/${record}/correct`, body: () => ({ hours: 1, reason: '越权' }) },
      ],
      'GET /api/volunteers/members/:id/file': [{ url: () => `/api/volunteers/members/${outsideMember.id}/file` }],
      'GET /api/volunteers/members/:id/certificate': [
        { url: () => `/api/volunteers/members/${outsideMember.id}/certificate?from=2020-01-01&to=2030-01-01` },
      ],
      'GET /api/volunteers/residents/:id/file': [{ url: () => `/api/volunteers/residents/${outsideResidentId}/file` }],
      'GET /api/volunteers/teams': [byOrg('/api/volunteers/teams'), { url: () => '/api/volunteers/teams', list: true }],
      'GET /api/volunteers/teams/export': [byOrg('/api/volunteers/teams/export')],
      'POST /api/volunteers/teams': [
        {
          url: () => '/api/volunteers/teams',
          body: (v) => ({ orgId: v, name: fresh('越权队') }),
          id: orgId(
            'body.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
      ],
      'GET /api/volunteers/teams/:id': [{ url: () => `/api/volunteers/teams/${outsideTeamId}` }],
      'PATCH /api/volunteers/teams/:id': [
        { url: () => `/api/volunteers/teams/${outsideTeamId}`, body: () => ({ area: '越权' }) },
      ],
      'POST /api/volunteers/teams/:id/members': [
        {
          url: () => `/api/volunteers/teams/${outsideTeamId}/members`,
          body: () => ({ residentId: outsideResidentId }),
        },
        {
          url: () => `/api/volunteers/teams/${teamA}/members`,
          body: (v) => ({ memberId: v }),
          id: { field: 'body.memberId', outside: () => outsideMember.id, inside: insideMember },
        },
        {
          url: () => `/api/volunteers/teams/${teamA}/members`,
          body: (v) => ({ residentId: v }),
          id: { field: 'body.residentId', outside: () => outsideResidentId, inside: residentA },
        },
      ],
      'PATCH /api/volunteers/team-members/:id': [
        { url: () => `/api/volunteers/team-members/${entry}`, body: () => ({ area: '越权' }) },
      ],
      'DELETE /api/volunteers/team-members/:id': [{ url: () => `/api/volunteers/team-members/${entry}` }],
      'GET /api/volunteers/residents': [
        byOrg('/api/volunteers/residents'),
        { url: () => '/api/volunteers/residents?pageSize=200', list: true },
      ],
      'GET /api/volunteers/residents/export': [byOrg('/api/volunteers/residents/export')],
      'POST /api/volunteers/residents': [
        {
          url: () => '/api/volunteers/residents',
          body: (v) => ({ orgId: v, name: fresh('越权居民') }),
          id: orgId(
            'body.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
      ],
      'PATCH /api/volunteers/residents/:id': [
        { url: () => `/api/volunteers/residents/${outsideResidentId}`, body: () => ({ address: '越权' }) },
      ],
      // A member signs up for what is open to them; street B's activity is not (a 404, as for an unknown one).
      'POST /api/volunteers/me/activities/:id/signup': [
        { url: () => `/api/volunteers/me/activities/${outsideActivityId}/signup` },
      ],
      'POST /api/volunteers/me/activities/:id/cancel': [
        { url: () => `/api/volunteers/me/activities/${outsideActivityId}/cancel` },
      ],
    },
    self: [
      'GET /api/volunteers/me/activities',
      'GET /api/volunteers/me/file',
      'POST /api/volunteers/me/reports',
      'GET /api/volunteers/me/certificate',
    ],
    crossScope: {
      'POST /api/volunteers/activities/:id/attendance': {
        'body.entries.memberId':
          "names only people on the activity's own list (anyone else is a 400); reads nothing else",
        'body.entries.residentId':
          "names only people on the activity's own list (anyone else is a 400); reads nothing else",
      },
    },
    unchanged: async () => {
      const [row] = await queryRows<{ title: string; records: number; entries: number }>(
        api.db,
        sql`select (select title from volunteer_activities where id = ${outsideActivityId}) as title,
                   (select count(*)::int from volunteer_records where activity_id = ${pastB} and status = 'confirmed') as records,
                   (select count(*)::int from volunteer_team_members where team_id = ${outsideTeamId}) as entries`,
      );
      if (!row || row.title.startsWith('越权修改') || row.records !== 1 || row.entries !== 1) {
        throw new Error(`street B's volunteering changed: ${JSON.stringify(row)}`);
      }
    },
  };
});
