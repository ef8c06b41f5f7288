import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components, paths } from './schema';

// Co-building: the resident units' registry, the big committee, collaboration zones (no antd here).
export const UNITS_KEY = ['units'] as const;

export type Unit = components['schemas']['ResidentUnit'];
export type UnitQuery = NonNullable<paths['/api/units']['get']['parameters']['query']>;
export type UnitInput = components['schemas']['CreateResidentUnitRequest'];
export type UnitUpdateInput = components['schemas']['UpdateResidentUnitRequest'];
export type LinkNewOrgInput = components['schemas']['LinkNewOrgUnitRequest'];
export type Committee = components['schemas']['UnitCommittee'];
export type CommitteePost = components['schemas']['CommitteePost'];
export type Zone = components['schemas']['CollabZone'];
export type ZoneInput = components['schemas']['CreateCollabZoneRequest'];
export type ZoneUpdateInput = components['schemas']['UpdateCollabZoneRequest'];
export type ZoneCoverage = components['schemas']['CollabZoneCoverage'];
export type UnitFigures = components['schemas']['UnitFigures'];

export const unitsQuery = (query: UnitQuery) =>
  queryOptions({
    queryKey: [...UNITS_KEY, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/units', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const unitCandidatesQuery = (orgId: number | undefined) =>
  queryOptions({
    queryKey: [...UNITS_KEY, 'candidates', orgId ?? null],
    queryFn: ({ signal }) => unwrap(api.GET('/api/units/candidates', { params: { query: { orgId } }, signal })),
  });

export const myUnitsQuery = queryOptions({
  queryKey: [...UNITS_KEY, 'mine'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/units/mine', { signal })),
});

export const unitFiguresQuery = (orgId: number | undefined) =>
  queryOptions({
    queryKey: [...UNITS_KEY, 'figures', orgId ?? null],
    queryFn: ({ signal }) => unwrap(api.GET('/api/units/figures', { params: { query: { orgId } }, signal })),
  });

export const createUnit = (body: UnitInput) => unwrap(api.POST('/api/units', { body }));
export const linkNewOrgUnit = (body: LinkNewOrgInput) => unwrap(api.POST('/api/units/from-new-org', { body }));
export const updateUnit = (id: number, body: UnitUpdateInput) =>
  unwrap(api.PATCH('/api/units/{id}', { params: { path: { id } }, body }));
export const endUnit = (id: number, endedOn: string) =>
  unwrap(api.POST('/api/units/{id}/end', { params: { path: { id } }, body: { endedOn } }));

export const committeeQuery = (orgId: number) =>
  queryOptions({
    queryKey: [...UNITS_KEY, 'committee', orgId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/units/committee', { params: { query: { orgId } }, signal })),
  });

export const appointPartTime = (orgId: number, body: components['schemas']['AppointPartTimeRequest']) =>
  unwrap(api.POST('/api/units/committee/{id}/posts', { params: { path: { id: orgId } }, body }));
export const setHomeUnit = (postId: number, unitId: number | null) =>
  unwrap(api.POST('/api/units/committee/posts/{id}/home-unit', { params: { path: { id: postId } }, body: { unitId } }));
export const endCommitteePost = (id: number, endedOn: string) =>
  unwrap(api.POST('/api/team-posts/{id}/end', { params: { path: { id } }, body: { endedOn } }));

export const zonesQuery = (orgId: number | undefined) =>
  queryOptions({
    queryKey: [...UNITS_KEY, 'zones', orgId ?? null],
    queryFn: ({ signal }) => unwrap(api.GET('/api/zones', { params: { query: { orgId } }, signal })),
  });
export const zoneCoverageQuery = (orgId: number | undefined) =>
  queryOptions({
    queryKey: [...UNITS_KEY, 'zone-coverage', orgId ?? null],
    queryFn: ({ signal }) => unwrap(api.GET('/api/zones/coverage', { params: { query: { orgId } }, signal })),
  });
export const createZone = (body: ZoneInput) => unwrap(api.POST('/api/zones', { body }));
export const updateZone = (id: number, body: ZoneUpdateInput) =>
  unwrap(api.PATCH('/api/zones/{id}', { params: { path: { id } }, body }));
export const endZone = (id: number, endedOn: string) =>
  unwrap(api.POST('/api/zones/{id}/end', { params: { path: { id } }, body: { endedOn } }));
