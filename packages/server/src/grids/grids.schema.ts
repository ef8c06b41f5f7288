import { BUILDINGS_BULK_MAX } from '@gongjian/shared';
import { z } from 'zod';
import { DateSchema, IdSchema, numberFromText } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().max(max, `最多${max}个字符`);
const Required = (max: number) => Text(max).min(1, '不能为空');
const Int = z.number().int();
const Households = numberFromText(
  z.number({ error: '应为数字' }).int('应为整数').min(0, '不能为负数').max(5000, '最多5000户'),
);
const BuildingNumber = numberFromText(
  z.number({ error: '应为数字' }).int('应为整数').min(1, '最小为1').max(999, '最大为999'),
);

// Buildings

export const CommunityQuerySchema = z.object({ orgId: IdSchema });
export type CommunityQuery = z.infer<typeof CommunityQuerySchema>;

const BuildingFields = { name: Required(30), address: Text(100).nullish(), households: Households };
export const BuildingInputSchema = z
  .object({ orgId: IdSchema, ...BuildingFields, households: Households.default(0) })
  .meta({ id: 'BuildingRequest' });
export type BuildingInput = z.infer<typeof BuildingInputSchema>;
export const BuildingPatchSchema = z.object(BuildingFields).partial().meta({ id: 'BuildingPatch' });
export type BuildingPatch = z.infer<typeof BuildingPatchSchema>;
export const BuildingBulkSchema = z
  .object({
    orgId: IdSchema,
    from: BuildingNumber,
    to: BuildingNumber,
    prefix: Text(10).default(''),
    suffix: Text(5).default('号楼'),
    households: Households.default(0),
  })
  .refine((v) => v.to >= v.from && v.to - v.from < BUILDINGS_BULK_MAX, {
    path: ['to'],
    message: `应不小于起始号，一次最多${BUILDINGS_BULK_MAX}栋`,
  })
  .meta({ id: 'BuildingBulkRequest' });
export type BuildingBulk = z.infer<typeof BuildingBulkSchema>;

export const BuildingSchema = z
  .object({
    id: Int,
    orgId: Int,
    name: z.string(),
    address: z.string().nullable(),
    households: Int,
    gridId: Int.nullable(),
    gridName: z.string().nullable(),
  })
  .meta({ id: 'Building' });
export const BuildingListSchema = z
  .object({ items: z.array(BuildingSchema), households: Int, unassigned: Int })
  .meta({ id: 'BuildingList' });
export const BulkResultSchema = z
  .object({ created: z.array(z.string()), skipped: z.array(z.string()) })
  .meta({ id: 'BuildingBulkResult' });

// Grids

const GridFields = {
  name: Required(30),
  branchOrgId: IdSchema.nullish(),
  note: Text(300).nullish(),
  buildingIds: z.array(IdSchema).max(BUILDINGS_BULK_MAX, `最多${BUILDINGS_BULK_MAX}栋`),
};
export const GridInputSchema = z
  .object({ orgId: IdSchema, ...GridFields, buildingIds: GridFields.buildingIds.default([]) })
  .meta({ id: 'GridRequest' });
export type GridInput = z.infer<typeof GridInputSchema>;
export const GridPatchSchema = z.object(GridFields).partial().meta({ id: 'GridPatch' });
export type GridPatch = z.infer<typeof GridPatchSchema>;

export const GridMemberSchema = z
  .object({
    id: Int,
    memberId: Int,
    name: z.string(),
    orgName: z.string(),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
  })
  .meta({ id: 'GridMember' });
export const GridSchema = z
  .object({
    id: Int,
    orgId: Int,
    name: z.string(),
    branchOrgId: Int.nullable(),
    branchName: z.string().nullable(),
    note: z.string().nullable(),
    households: Int,
    warning: z.string().nullable().meta({ description: '户数不在300–500户的提示（不拒绝）' }),
    buildings: z.array(z.object({ id: Int, name: z.string(), households: Int })),
    members: z.array(GridMemberSchema).meta({ description: '责任党员，含已结束的（历史）' }),
    updatedAt: z.string(),
  })
  .meta({ id: 'Grid' });
export const GridListSchema = z.object({ items: z.array(GridSchema) }).meta({ id: 'GridList' });

export const GridMemberInputSchema = z
  .object({ memberId: IdSchema, startedOn: DateSchema.optional() })
  .meta({ id: 'GridMemberRequest' });
export type GridMemberInput = z.infer<typeof GridMemberInputSchema>;
export const GridMemberEndSchema = z.object({ endedOn: DateSchema.optional() }).meta({ id: 'GridMemberEnd' });

// Figures

export const GridFiguresQuerySchema = z.object({ orgId: IdSchema.optional() });
const FigureFields = {
  grids: Int,
  buildings: Int,
  households: Int,
  householdsCovered: Int,
  members: Int.meta({ description: '在岗责任党员（人次：一人负责两个网格计两次）' }),
};
export const GridFiguresSchema = z
  .object({
    root: z.object({ id: Int, name: z.string() }),
    total: z.object(FigureFields),
    items: z.array(z.object({ orgId: Int, orgName: z.string(), ...FigureFields })),
  })
  .meta({ id: 'GridFigures' });

// A member's own grids (the phone)

export const MyGridsSchema = z
  .object({
    items: z.array(
      z.object({
        gridId: Int,
        gridName: z.string(),
        orgName: z.string(),
        buildings: z.array(z.string()),
        households: Int,
        startedOn: z.string(),
      }),
    ),
  })
  .meta({ id: 'MyGrids' });
