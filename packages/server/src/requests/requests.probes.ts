import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.js';
import { buildRequest, buildResident, buildTeam, buildUnit } from '../../test/helpers/requests.js';
import { multipart } from '../../test/helpers/multipart.js';
import { defineProbes, streetAdminOf } from '../../test/helpers/scope-probes.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export default defineProbes('requests', async (world) => {
  const { api, city, byOrg, orgId, streetB, outsideMember, insideMember } = world;
  const admin = await streetAdminOf(world);
  // Street B's records: a resident waiting for confirmation, a request with a photo, an open micro-wish.
  const outsideResident = await buildResident(api, city.communityB.id, { confirmed: false, account: false });
  const outsideRequest = await buildRequest(api, streetB, city.communityB.id, 'submitted');
  const outsideTarget = await buildRequest(api, streetB, city.communityB.id, 'accepted');
  const form = multipart({}, { name: 'a.png', data: PNG });
  const photo = await api.app.inject({
    method: 'POST',
    url: `/api/requests/${outsideRequest}/photos`,
    payload: form.payload,
    headers: { cookie: streetB, ...form.headers },
  });
  const outsidePhoto = photo.statusCode === 201 ? (photo.json() as { id: number }).id : 0;
  const outsideTeam = await buildTeam(api.db, city.communityB.id);
  const outsideUnit = await buildUnit(api.db, city.communityB.id);
  // Street A's own, for the controls.
  const insideTeam = await buildTeam(api.db, city.communityA.id);
  const insideUnit = await buildUnit(api.db, city.communityA.id);
  const accepted = () => buildRequest(api, admin, city.communityA.id, 'accepted');
  const mergeFrom = await buildRequest(api, admin, city.communityA.id, 'submitted');
  const [forMember, forTeam, forUnit] = [await accepted(), await accepted(), await accepted()];

  const request = (path = '') => ({ url: () => `/api/requests/${outsideRequest}${path}` });
  const upload = () => ({ fields: {}, file: { name: 'a.png', data: PNG } });
  return {
    probes: {
      'GET /api/requests': [byOrg('/api/requests'), { url: () => '/api/requests?pageSize=200', list: true }],
      'GET /api/requests/export': [byOrg('/api/requests/export')],
      'POST /api/requests': [
        {
          url: () => '/api/requests',
          body: (v) => ({ residentId: v, category: 'repair', text: '越权登记的诉求' }),
          id: {
            field: 'body.residentId',
            outside: () => outsideResident.id,
            inside: async () => (await buildResident(api, city.communityA.id, { account: false })).id,
          },
        },
      ],
      'GET /api/requests/:id': [request()],
      'GET /api/requests/:id/options': [request('/options')],
      'POST /api/requests/:id/accept': [request('/accept')],
      'POST /api/requests/:id/decline': [{ ...request('/decline'), body: () => ({ reason: '越权不予受理' }) }],
      'POST /api/requests/:id/merge': [
        { ...request('/merge'), body: () => ({ intoId: outsideTarget }) },
        {
          url: () => `/api/requests/${mergeFrom}/merge`,
          body: (v) => ({ intoId: v }),
          id: {
            field: 'body.intoId',
            outside: () => outsideTarget,
            inside: () => buildRequest(api, admin, city.communityA.id, 'accepted'),
          },
        },
      ],
      'POST /api/requests/:id/dispatch': [
        { ...request('/dispatch'), body: () => ({ assigneeType: 'member', memberId: outsideMember.id }) },
        {
          url: () => `/api/requests/${forMember}/dispatch`,
          body: (v) => ({ assigneeType: 'member', memberId: v }),
          id: { field: 'body.memberId', outside: () => outsideMember.id, inside: insideMember },
        },
        {
          url: () => `/api/requests/${forTeam}/dispatch`,
          body: (v) => ({ assigneeType: 'team', teamId: v }),
          id: { field: 'body.teamId', outside: () => outsideTeam, inside: () => insideTeam },
        },
        {
          url: () => `/api/requests/${forUnit}/dispatch`,
          body: (v) => ({ assigneeType: 'unit', unitId: v }),
          id: { field: 'body.unitId', outside: () => outsideUnit, inside: () => insideUnit },
        },
      ],
      'POST /api/requests/:id/open': [request('/open')],
      'POST /api/requests/:id/progress': [{ ...request('/progress'), body: () => ({ note: '越权' }) }],
      'POST /api/requests/:id/done': [{ ...request('/done'), body: () => ({ note: '越权' }) }],
      'POST /api/requests/:id/close': [{ ...request('/close'), body: () => ({}) }],
      'POST /api/requests/:id/photos': [{ ...request('/photos'), upload }],
      'GET /api/request-photos/:id': [{ url: () => `/api/request-photos/${outsidePhoto}` }],
      'GET /api/residents': [byOrg('/api/residents'), { url: () => '/api/residents?pageSize=200', list: true }],
      'POST /api/residents': [
        {
          url: () => '/api/residents',
          body: (v) => ({ orgId: v, name: '越权居民' }),
          id: orgId(
            'body.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
      ],
      'POST /api/residents/:id/confirm': [{ url: () => `/api/residents/${outsideResident.id}/confirm` }],
      'POST /api/residents/:id/reveal': [{ url: () => `/api/residents/${outsideResident.id}/reveal` }],
      // A resident's own: street A's accounts have no resident profile, so another's request is a 404.
      'GET /api/resident/requests/:id': [{ url: () => `/api/resident/requests/${outsideRequest}` }],
      'POST /api/resident/requests/:id/rate': [
        { url: () => `/api/resident/requests/${outsideRequest}/rate`, body: () => ({ rating: 'satisfied' }) },
      ],
      'POST /api/resident/requests/:id/photos': [
        { url: () => `/api/resident/requests/${outsideRequest}/photos`, upload },
      ],
      // A member's: only the micro-wishes of their own communities and what was dispatched to them.
      'GET /api/serve/:id': [{ url: () => `/api/serve/${outsideRequest}` }],
      'POST /api/serve/:id/claim': [{ url: () => `/api/serve/${outsideRequest}/claim` }],
      'POST /api/serve/:id/progress': [
        { url: () => `/api/serve/${outsideRequest}/progress`, body: () => ({ note: '越权' }) },
      ],
      'POST /api/serve/:id/done': [{ url: () => `/api/serve/${outsideRequest}/done`, body: () => ({ note: '越权' }) }],
    },
    self: [
      'GET /api/resident/me',
      'GET /api/resident/requests',
      'POST /api/resident/requests',
      'GET /api/serve/wishes',
      'GET /api/serve/mine',
    ],
    crossScope: {
      'POST /api/requests': {
        'body.buildingId': "a building of the resident's own community only (a 400 otherwise); nothing else is read",
      },
      'POST /api/residents': {
        'body.buildingId': 'a building of the community registered in only (a 400 otherwise); nothing else is read',
      },
      'POST /api/resident/requests': {
        'body.buildingId': "a building of the resident's own community only (a 400 otherwise); nothing else is read",
      },
      'POST /api/public/residents': {
        'body.communityId': 'public registration: every community is offered by name on purpose',
        'body.buildingId': 'a building of the chosen community only (a 400 otherwise)',
      },
    },
    unchanged: async () => {
      const [row] = await queryRows<{
        status: string;
        target: string;
        confirmed: boolean;
        photos: number;
        events: number;
      }>(
        api.db,
        sql`select (select status from service_requests where id = ${outsideRequest}) as status,
                   (select status from service_requests where id = ${outsideTarget}) as target,
                   (select confirmed_at is not null from residents where id = ${outsideResident.id}) as confirmed,
                   (select count(*)::int from service_request_photos where request_id = ${outsideRequest}) as photos,
                   (select count(*)::int from service_request_events where request_id = ${outsideRequest}) as events`,
      );
      if (
        !row ||
        row.status !== 'submitted' ||
        row.target !== 'accepted' ||
        row.confirmed ||
        row.photos !== 1 ||
        row.events !== 1
      ) {
        throw new Error(`street B's requests changed: ${JSON.stringify(row)}`);
      }
    },
  };
});
