import { parseUscc, TEAM_POSITIONS, toHalfWidth, UNIT_KINDS, UNIT_RELATIONS } from '@gongjian/shared';
import { z } from 'zod';
import { ExpectedUpdatedAtSchema } from '../http/concurrency.js';
import { DateSchema, IdSchema, PageQuerySchema, PhoneSchema } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `最多${max}个字符`);
const Count = z.number({ error: '应为数字' }).int('应为整数').min(0, '不能为负数').max(1_000_000, '过大');

const UsccSchema = z
  .string({ error: '不能为空' })
  .overwrite(toHalfWidth)
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const result = parseUscc(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
  });

const RefSchema = z.object({ id: z.number().int(), name: z.string() });
const Kind = z.enum(UNIT_KINDS, { error: '不是有效的单位类别' });
const Relation = z.enum(UNIT_RELATIONS, { error: '不是有效的管理关系' });

export const UnitSchema = z
  .object({
    id: z.number().int(),
    org: RefSchema,
    /** Set when the unit is a registered new organisation: its identity fields are that record's. */
    newOrgId: z.number().int().nullable(),
    name: z.string(),
    uscc: z.string().nullable(),
    kind: z.enum(UNIT_KINDS),
    address: z.string().nullable(),
    contactName: z.string().nullable(),
    /** Masked unless the account may read sensitive fields. */
    contactPhone: z.string().nullable(),
    headcount: z.number().int().nullable(),
    partyMembers: z.number().int().nullable(),
    /** Its party organisation, by name only (it may lie outside the reader's scope). */
    partyOrg: RefSchema.nullable(),
    relation: z.enum(UNIT_RELATIONS),
    liaison: z.object({ id: z.number().int(), username: z.string(), displayName: z.string() }).nullable(),
    endedOn: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ResidentUnit' });
export type Unit = z.infer<typeof UnitSchema>;

export const UnitQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  q: z.string().trim().max(50, '最多50个字符').optional(),
  kind: Kind.optional(),
  relation: Relation.optional(),
  ended: z.enum(['true', 'false'], { error: '应为true或false' }).optional(),
});
export type UnitQuery = z.infer<typeof UnitQuerySchema>;
export const UnitExportQuerySchema = UnitQuerySchema.omit({ page: true, pageSize: true });

export const UnitListSchema = z
  .object({ items: z.array(UnitSchema), total: z.number().int() })
  .meta({ id: 'ResidentUnitList' });

/** What every unit carries of its own (a linked new organisation's too). */
const OwnFields = {
  contactName: Text(50).nullish(),
  contactPhone: PhoneSchema.nullish(),
  partyOrgId: IdSchema.nullish(),
  relation: Relation,
  liaisonAccountId: IdSchema.nullish(),
};

export const CreateUnitSchema = z
  .object({
    orgId: IdSchema,
    name: Text(100),
    uscc: UsccSchema.nullish(),
    kind: Kind,
    address: Text(200).nullish(),
    headcount: Count.nullish(),
    partyMembers: Count.nullish(),
    ...OwnFields,
  })
  .meta({ id: 'CreateResidentUnitRequest' });
export type CreateUnit = z.infer<typeof CreateUnitSchema>;

export const LinkNewOrgSchema = z.object({ newOrgId: IdSchema, ...OwnFields }).meta({ id: 'LinkNewOrgUnitRequest' });
export type LinkNewOrg = z.infer<typeof LinkNewOrgSchema>;

export const UpdateUnitSchema = CreateUnitSchema.omit({ orgId: true })
  .partial()
  .extend({ updatedAt: ExpectedUpdatedAtSchema })
  .meta({ id: 'UpdateResidentUnitRequest' });
export type UpdateUnit = z.infer<typeof UpdateUnitSchema>;

export const EndUnitSchema = z.object({ endedOn: DateSchema }).meta({ id: 'EndResidentUnitRequest' });

export const OrgQuerySchema = z.object({ orgId: IdSchema.optional() });

export const NewOrgCandidateSchema = z
  .object({ id: z.number().int(), name: z.string(), uscc: z.string(), org: RefSchema })
  .meta({ id: 'UnitNewOrgCandidate' });
export const LiaisonCandidateSchema = z
  .object({ id: z.number().int(), username: z.string(), displayName: z.string(), org: RefSchema })
  .meta({ id: 'UnitLiaisonCandidate' });

// ---- The big committee ----

export const CommitteePostSchema = z
  .object({
    id: z.number().int(),
    personName: z.string(),
    memberId: z.number().int().nullable(),
    position: z.enum(TEAM_POSITIONS),
    /** The text the teams module keeps; `unit` is the registry's record when linked. */
    homeUnit: z.string().nullable(),
    unit: RefSchema.nullable(),
    partTime: z.boolean(),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
  })
  .meta({ id: 'CommitteePost' });
export type CommitteePost = z.infer<typeof CommitteePostSchema>;

export const CommitteeSchema = z
  .object({
    org: RefSchema.extend({ type: z.string() }),
    composition: z.object({ members: z.number().int(), partTime: z.number().int(), units: z.number().int() }),
    current: z.array(CommitteePostSchema),
    history: z.array(CommitteePostSchema),
    /** Units whose part-time member left the committee and that have nobody on it now. */
    flagged: z.array(RefSchema.extend({ leftOn: z.string(), personName: z.string() })),
  })
  .meta({ id: 'UnitCommittee' });
export type Committee = z.infer<typeof CommitteeSchema>;

export const CommitteeQuerySchema = z.object({ orgId: IdSchema });

export const AppointPartTimeSchema = z
  .object({
    personName: Text(50),
    memberId: IdSchema.nullish(),
    unitId: IdSchema,
    startedOn: DateSchema,
  })
  .meta({ id: 'AppointPartTimeRequest' });
export type AppointPartTime = z.infer<typeof AppointPartTimeSchema>;

export const SetHomeUnitSchema = z.object({ unitId: IdSchema.nullable() }).meta({ id: 'SetHomeUnitRequest' });

// ---- Collaboration zones ----

export const ZoneSchema = z
  .object({
    id: z.number().int(),
    org: RefSchema,
    name: z.string(),
    lead: RefSchema.extend({ kind: z.enum(['org', 'unit']) }).nullable(),
    note: z.string().nullable(),
    communities: z.array(RefSchema),
    organizations: z.array(RefSchema),
    units: z.array(RefSchema),
    endedOn: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CollabZone' });
export type Zone = z.infer<typeof ZoneSchema>;

export const ZoneQuerySchema = z.object({
  orgId: IdSchema.optional(),
  ended: z.enum(['true', 'false'], { error: '应为true或false' }).optional(),
});

const IdList = z.array(IdSchema).max(500, '最多500个');

export const CreateZoneSchema = z
  .object({
    orgId: IdSchema,
    name: Text(100),
    leadOrgId: IdSchema.nullish(),
    leadUnitId: IdSchema.nullish(),
    note: Text(500).nullish(),
    communityIds: IdList.default([]),
    memberOrgIds: IdList.default([]),
    unitIds: IdList.default([]),
  })
  .meta({ id: 'CreateCollabZoneRequest' });
export type CreateZone = z.infer<typeof CreateZoneSchema>;

export const UpdateZoneSchema = CreateZoneSchema.omit({ orgId: true })
  .partial()
  .extend({ updatedAt: ExpectedUpdatedAtSchema })
  .meta({ id: 'UpdateCollabZoneRequest' });
export type UpdateZone = z.infer<typeof UpdateZoneSchema>;

export const EndZoneSchema = z.object({ endedOn: DateSchema }).meta({ id: 'EndCollabZoneRequest' });

const CoverageCounts = {
  zones: z.number().int(),
  communities: z.number().int(),
  coveredCommunities: z.number().int(),
  organizations: z.number().int(),
  percent: z.number().int().nullable(),
};

export const ZoneCoverageSchema = z
  .object({
    org: RefSchema,
    ...CoverageCounts,
    byChild: z.array(z.object({ org: RefSchema, ...CoverageCounts })),
  })
  .meta({ id: 'CollabZoneCoverage' });
export type ZoneCoverageReply = z.infer<typeof ZoneCoverageSchema>;

// ---- Figures ----

const FigureSchema = z.object({
  units: z.number().int(),
  linked: z.number().int(),
  partTime: z.number().int(),
  byKind: z.record(z.enum(UNIT_KINDS), z.number().int()),
  byRelation: z.record(z.enum(UNIT_RELATIONS), z.number().int()),
});
export type UnitFigure = z.infer<typeof FigureSchema>;

export const UnitFiguresSchema = z
  .object({
    org: RefSchema,
    figures: FigureSchema,
    children: z.array(z.object({ org: RefSchema, figures: FigureSchema })),
    coverage: ZoneCoverageSchema.omit({ byChild: true }),
  })
  .meta({ id: 'UnitFigures' });
