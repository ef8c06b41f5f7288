import { addDays, chinaToday } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { audited, SYSTEM_AUDIT } from '../db/audited.js';
import { type Db, queryRows } from '../db/client.js';
import type { AuditAction } from '../modules.js';
import { defineProbes } from '../../test/helpers/scope-probes.js';

/** A resident unit of `orgId` (test code: the units module's factories are its own). */
export async function probeUnit(db: Db, orgId: number, name: string): Promise<number> {
  const [row] = await audited(db, SYSTEM_AUDIT, 'test.build_unit' as AuditAction, (tx) =>
    queryRows<{ id: number }>(
      tx,
      sql`insert into resident_units (org_id, name, kind, relation) values (${orgId}, ${name}, 'school', 'cooperate')
          returning id::int as id`,
    ),
  );
  return (row as { id: number }).id;
}

const ALL_DAY = Array.from({ length: 7 }, () => [{ from: '00:00', to: '24:00' }]);
const facilityBody = (unitId: number, name: string, communityIds: number[] = []) => ({
  unitId,
  name,
  kind: 'gym',
  capacity: 100,
  openingHours: ALL_DAY,
  needsApproval: true,
  communityIds,
});

export default defineProbes('facilities', async (world) => {
  const { api, city, byOrg, orgId, fresh } = world;
  const day = addDays(chinaToday(), 5);
  let hour = 0;
  /** A different hour of the day for every booking the probes make (their controls book for real). */
  const slot = () => {
    hour += 1;
    return {
      date: addDays(day, Math.floor(hour / 23)),
      from: `${String(hour % 23).padStart(2, '0')}:00`,
      to: `${String((hour % 23) + 1).padStart(2, '0')}:00`,
    };
  };
  const unitB = await probeUnit(api.db, city.communityB.id, fresh('乙街道学校'));
  const unitA = await probeUnit(api.db, city.communityA.id, fresh('甲街道学校'));
  const facilityB = await world.createAsStreetB('/api/facilities', facilityBody(unitB, '乙体育馆'));
  const bookingB = await world.createAsStreetB('/api/facility-bookings', {
    facilityId: facilityB,
    orgId: city.communityB.id,
    purpose: '乙社区活动',
    ...slot(),
  });
  const streetA = await api.login(city.streetAUser.username);
  const facilityA = (await api.post('/api/facilities', streetA, facilityBody(unitA, '甲体育馆'))).json().id as number;
  const bookingA = async () =>
    (
      await api.post('/api/facility-bookings', streetA, {
        facilityId: facilityA,
        orgId: city.communityA.id,
        purpose: '甲社区活动',
        ...slot(),
      })
    ).json().id as number;
  const bookOn = (f: number, org: number) => ({ facilityId: f, orgId: org, purpose: '越权预约', ...slot() });

  return {
    probes: {
      'GET /api/facilities': [
        byOrg('/api/facilities'),
        { url: () => '/api/facilities?includeClosed=true', list: true },
        {
          url: (v) => `/api/facilities?unitId=${v}`,
          list: true,
          id: { field: 'query.unitId', outside: () => unitB, inside: () => unitA },
        },
      ],
      'GET /api/facilities/figures': [byOrg('/api/facilities/figures')],
      'GET /api/facilities/:id': [{ url: () => `/api/facilities/${facilityB}` }],
      'GET /api/facilities/:id/bookings': [
        { url: () => `/api/facilities/${facilityB}/bookings?from=${day}&to=${day}` },
      ],
      'GET /api/facilities/:id/day': [{ url: () => `/api/facilities/${facilityB}/day?date=${day}` }],
      'POST /api/facilities': [
        {
          url: () => '/api/facilities',
          body: (v) => facilityBody(Number(v), fresh('越权设施')),
          id: { field: 'body.unitId', outside: () => unitB, inside: () => unitA },
        },
        {
          url: () => '/api/facilities',
          body: (v) => facilityBody(unitA, fresh('越权设施'), [Number(v)]),
          id: orgId(
            'body.communityIds',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
      ],
      'PATCH /api/facilities/:id': [
        {
          url: () => `/api/facilities/${facilityB}`,
          body: () => ({ ...facilityBody(unitB, '越权修改'), unitId: undefined }),
        },
        {
          url: () => `/api/facilities/${facilityA}`,
          body: (v) => ({ ...facilityBody(unitA, '甲体育馆', [Number(v)]), unitId: undefined }),
          id: orgId(
            'body.communityIds',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
      ],
      'GET /api/facility-bookings': [
        byOrg('/api/facility-bookings'),
        { url: () => '/api/facility-bookings?pageSize=200', list: true },
        {
          url: (v) => `/api/facility-bookings?facilityId=${v}`,
          list: true,
          id: { field: 'query.facilityId', outside: () => facilityB, inside: () => facilityA },
        },
      ],
      'GET /api/facility-bookings/export': [
        byOrg('/api/facility-bookings/export'),
        {
          url: (v) => `/api/facility-bookings/export?facilityId=${v}`,
          list: true,
          id: { field: 'query.facilityId', outside: () => facilityB, inside: () => facilityA },
        },
      ],
      'GET /api/facility-bookings/:id': [{ url: () => `/api/facility-bookings/${bookingB}` }],
      'POST /api/facility-bookings': [
        {
          url: () => '/api/facility-bookings',
          body: (v) => bookOn(Number(v), city.communityA.id),
          id: { field: 'body.facilityId', outside: () => facilityB, inside: () => facilityA },
        },
        {
          url: () => '/api/facility-bookings',
          body: (v) => bookOn(facilityA, Number(v)),
          id: orgId(
            'body.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
        { url: () => '/api/facility-bookings', body: () => bookOn(facilityB, city.communityB.id) },
      ],
      'POST /api/facility-bookings/:id/decide': [
        {
          url: (v) => `/api/facility-bookings/${v}/decide`,
          body: () => ({ approve: true }),
          id: { field: 'path.id', outside: () => bookingB, inside: bookingA },
        },
      ],
      'POST /api/facility-bookings/:id/cancel': [
        {
          url: (v) => `/api/facility-bookings/${v}/cancel`,
          body: () => ({}),
          id: { field: 'path.id', outside: () => bookingB, inside: bookingA },
        },
      ],
    },
    unchanged: async () => {
      const [row] = await queryRows<{ name: string; status: string; held: number }>(
        api.db,
        sql`select f.name, b.status,
                   (select count(*)::int from facility_bookings x where x.facility_id = f.id) as held
              from facilities f join facility_bookings b on b.id = ${bookingB} where f.id = ${facilityB}`,
      );
      if (!row || row.name !== '乙体育馆' || row.status !== 'pending' || row.held !== 1) {
        throw new Error(`street B's facilities changed: ${JSON.stringify(row)}`);
      }
    },
  };
});
