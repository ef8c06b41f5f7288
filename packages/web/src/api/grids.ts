import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

// Shapes from the generated schema (no antd here: the phone pages use this file too).
type S = components['schemas'];
export type Building = S['Building'];
export type BuildingList = S['BuildingList'];
export type BuildingInput = S['BuildingRequest'];
export type BuildingBulkInput = S['BuildingBulkRequest'];
export type Grid = S['Grid'];
export type GridMember = S['GridMember'];
export type GridInput = S['GridRequest'];
export type GridPatch = S['GridPatch'];
export type GridFigures = S['GridFigures'];
export type MyGrid = S['MyGrids']['items'][number];

export const GRIDS_KEY = ['grids'] as const;
const id = (value: number) => ({ params: { path: { id: value } } });

export const buildingsQuery = (orgId: number | undefined) =>
  queryOptions({
    queryKey: [...GRIDS_KEY, 'buildings', orgId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/grids/buildings', { params: { query: { orgId: orgId as number } }, signal })),
    enabled: orgId !== undefined,
  });
export const gridsQuery = (orgId: number | undefined) =>
  queryOptions({
    queryKey: [...GRIDS_KEY, 'grids', orgId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/grids', { params: { query: { orgId: orgId as number } }, signal })),
    enabled: orgId !== undefined,
  });
export const gridFiguresQuery = (orgId?: number) =>
  queryOptions({
    queryKey: [...GRIDS_KEY, 'figures', orgId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/grids/figures', { params: { query: { orgId } }, signal })),
  });
export const myGridsQuery = queryOptions({
  queryKey: [...GRIDS_KEY, 'mine'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/grids/mine', { signal })),
});

export const createBuilding = (body: BuildingInput) => unwrap(api.POST('/api/grids/buildings', { body }));
export const bulkCreateBuildings = (body: BuildingBulkInput) => unwrap(api.POST('/api/grids/buildings/bulk', { body }));
export const updateBuilding = (buildingId: number, body: S['BuildingPatch']) =>
  unwrap(api.PATCH('/api/grids/buildings/{id}', { ...id(buildingId), body }));
export const deleteBuilding = (buildingId: number) => unwrap(api.DELETE('/api/grids/buildings/{id}', id(buildingId)));
export const createGrid = (body: GridInput) => unwrap(api.POST('/api/grids', { body }));
export const updateGrid = (gridId: number, body: GridPatch) =>
  unwrap(api.PATCH('/api/grids/{id}', { ...id(gridId), body }));
export const deleteGrid = (gridId: number) => unwrap(api.DELETE('/api/grids/{id}', id(gridId)));
export const addGridMember = (gridId: number, memberId: number) =>
  unwrap(api.POST('/api/grids/{id}/members', { ...id(gridId), body: { memberId } }));
export const endGridMember = (rowId: number) =>
  unwrap(api.POST('/api/grid-members/{id}/end', { ...id(rowId), body: {} }));
