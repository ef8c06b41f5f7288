import { MEMBER_CATEGORIES, ORG_TYPES } from '@gongjian/shared';
import { z } from 'zod';
import { CoverageCountsSchema } from '../new-orgs/new-orgs.schema.js';

const count = () => z.number().int();

export const MemberFiguresSchema = z
  .object({
    /** Active members of the subtree: full + probationary; members who left the platform are not counted. */
    total: count(),
    full: count(),
    probationary: count(),
    female: count(),
    byCategory: z.record(z.enum(MEMBER_CATEGORIES), count()),
  })
  .meta({ id: 'MemberFigures' });

export const NewOrgFiguresSchema = CoverageCountsSchema.extend({
  employees: count(),
  partyMembers: count(),
}).meta({ id: 'NewOrgFigures' });

const OrgFiguresSchema = z.object({
  org: z.object({ id: count(), name: z.string(), type: z.enum(ORG_TYPES) }),
  members: MemberFiguresSchema,
  newOrgs: NewOrgFiguresSchema,
});

export const FiguresSchema = OrgFiguresSchema.extend({
  /** The same figures for each direct child organisation, in name order. */
  children: z.array(OrgFiguresSchema),
}).meta({ id: 'Figures' });
export type Figures = z.infer<typeof FiguresSchema>;
export type OrgFigures = z.infer<typeof OrgFiguresSchema>;
