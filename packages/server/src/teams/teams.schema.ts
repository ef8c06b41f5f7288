import { RESIDENTS_POSTS, TEAM_POSITIONS } from '@gongjian/shared';
import { z } from 'zod';
import { DateSchema, IdSchema } from '../http/common.schema.js';

export const TeamPostSchema = z
  .object({
    id: z.number().int(),
    orgId: z.number().int(),
    memberId: z.number().int().nullable(),
    personName: z.string(),
    position: z.enum(TEAM_POSITIONS),
    homeUnit: z.string().nullable(),
    residentsPost: z.enum(RESIDENTS_POSTS).nullable(),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
    /** The secretary who is also the residents' committee director (一肩挑). */
    oneShoulder: z.boolean(),
  })
  .meta({ id: 'TeamPost' });
export type TeamPost = z.infer<typeof TeamPostSchema>;

export const TeamSchema = z
  .object({
    current: z.array(TeamPostSchema),
    history: z.array(TeamPostSchema),
    partTimeCount: z.number().int(),
    oneShoulder: z.boolean(),
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof TeamSchema>;

const Text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `最多${max}个字符`);

export const CreateTeamPostSchema = z
  .object({
    personName: Text(50),
    memberId: IdSchema.nullish(),
    position: z.enum(TEAM_POSITIONS, { error: '不是有效的职务' }),
    homeUnit: Text(100).nullish(),
    residentsPost: z.enum(RESIDENTS_POSTS, { error: '不是有效的居委会职务' }).nullish(),
    startedOn: DateSchema,
  })
  .meta({ id: 'CreateTeamPostRequest' });
export type CreateTeamPost = z.infer<typeof CreateTeamPostSchema>;

export const EndTeamPostSchema = z.object({ endedOn: DateSchema }).meta({ id: 'EndTeamPostRequest' });
