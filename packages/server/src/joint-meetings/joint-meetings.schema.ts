import { JOINT_MEETING_STATUSES, MEETING_TIME_PATTERN, OUTCOME_KINDS, TASK_STATES } from '@gongjian/shared';
import { z } from 'zod';
import { DateSchema, IdSchema, PageQuerySchema } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().max(max, `最多${max}个字符`);
const Time = z.string().regex(MEETING_TIME_PATTERN, '时间格式应为HH:MM');

const MeetingFields = {
  title: Text(200).min(1, '不能为空'),
  heldOn: DateSchema,
  startTime: Time,
  endTime: Time.nullish(),
  place: Text(100).min(1, '不能为空'),
  hostName: Text(50).nullish(),
  agenda: z.array(Text(500).min(1, '不能为空')).max(50, '最多50项').default([]),
  unitIds: z.array(IdSchema).max(200, '最多200个单位').default([]),
  hostAttendees: Text(1_000).nullish(),
  minutes: Text(20_000).nullish(),
};

export const CreateJointMeetingSchema = z
  .object({ orgId: IdSchema, zoneId: IdSchema.nullish(), ...MeetingFields })
  .meta({ id: 'CreateJointMeetingRequest' });
export type CreateJointMeeting = z.infer<typeof CreateJointMeetingSchema>;
export const UpdateJointMeetingSchema = z.object(MeetingFields).meta({ id: 'UpdateJointMeetingRequest' });
export type UpdateJointMeeting = z.infer<typeof UpdateJointMeetingSchema>;

export const JointMeetingListQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  status: z.enum(JOINT_MEETING_STATUSES, { error: '应为planned或held' }).optional(),
});
export type JointMeetingListQuery = z.infer<typeof JointMeetingListQuerySchema>;

export const JointMeetingSummarySchema = z
  .object({
    id: z.number().int(),
    orgId: z.number().int(),
    orgName: z.string(),
    zoneId: z.number().int().nullable(),
    zoneName: z.string().nullable().meta({ description: '协作区的联席会议：协作区名称' }),
    title: z.string(),
    status: z.enum(JOINT_MEETING_STATUSES),
    heldOn: z.string(),
    startTime: z.string(),
    endTime: z.string().nullable(),
    place: z.string(),
    invited: z.number().int(),
    present: z.number().int(),
    tasks: z.number().int(),
    openTasks: z.number().int(),
  })
  .meta({ id: 'JointMeetingSummary' });
export type JointMeetingSummary = z.infer<typeof JointMeetingSummarySchema>;
export const JointMeetingListSchema = z
  .object({
    items: z.array(JointMeetingSummarySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'JointMeetingList' });

export const TaskSchema = z
  .object({
    id: z.number().int(),
    meetingId: z.number().int(),
    meetingTitle: z.string(),
    orgName: z.string(),
    heldOn: z.string(),
    text: z.string(),
    ownerUnitId: z.number().int().nullable(),
    ownerOrgId: z.number().int().nullable(),
    ownerName: z.string(),
    dueOn: z.string(),
    doneOn: z.string().nullable(),
    state: z.enum(TASK_STATES),
    lastNote: z.string().nullable(),
  })
  .meta({ id: 'JointTask' });
export type Task = z.infer<typeof TaskSchema>;

export const OutcomeSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(OUTCOME_KINDS),
    text: z.string(),
    ownerUnitId: z.number().int().nullable(),
    ownerOrgId: z.number().int().nullable(),
    ownerName: z.string().nullable(),
    dueOn: z.string().nullable(),
    doneOn: z.string().nullable(),
    state: z.enum(TASK_STATES).nullable(),
    progress: z.array(
      z.object({
        id: z.number().int(),
        note: z.string(),
        done: z.boolean(),
        reportedOn: z.string(),
        byName: z.string(),
      }),
    ),
  })
  .meta({ id: 'JointMeetingOutcome' });
export type Outcome = z.infer<typeof OutcomeSchema>;

export const JointMeetingSchema = JointMeetingSummarySchema.extend({
  hostName: z.string().nullable(),
  agenda: z.array(z.string()),
  hostAttendees: z.string().nullable(),
  minutes: z.string().nullable(),
  begun: z.boolean().meta({ description: '会议已开始：可登记出席与议定事项' }),
  units: z.array(
    z.object({
      unitId: z.number().int(),
      name: z.string(),
      present: z.boolean().nullable(),
      attendees: z.string().nullable(),
    }),
  ),
  outcomes: z.array(OutcomeSchema),
  carried: z
    .array(TaskSchema.extend({ overdue: z.boolean() }))
    .meta({ description: '以往会议尚未完成的任务（自动列入本次议程）' }),
}).meta({ id: 'JointMeeting' });
export type JointMeeting = z.infer<typeof JointMeetingSchema>;

export const AttendanceSchema = z
  .object({ unitId: IdSchema, present: z.boolean().nullable(), attendees: Text(500).nullish() })
  .meta({ id: 'JointAttendanceRequest' });
export type Attendance = z.infer<typeof AttendanceSchema>;

export const CreateOutcomeSchema = z
  .object({
    kind: z.enum(OUTCOME_KINDS, { error: '应为通报、决议或任务' }),
    text: Text(2_000).min(1, '不能为空'),
    ownerUnitId: IdSchema.nullish(),
    ownerOrgId: IdSchema.nullish(),
    dueOn: DateSchema.nullish(),
  })
  .meta({ id: 'CreateJointOutcomeRequest' });
export type CreateOutcome = z.infer<typeof CreateOutcomeSchema>;

export const ProgressSchema = z
  .object({ note: Text(1_000).min(1, '不能为空'), done: z.boolean().default(false) })
  .meta({ id: 'JointTaskProgressRequest' });
export type Progress = z.infer<typeof ProgressSchema>;

export const TaskListQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  state: z.enum(['open', 'overdue', 'done'], { error: '应为open、overdue或done' }).optional(),
});
export type TaskListQuery = z.infer<typeof TaskListQuerySchema>;
export const TaskExportQuerySchema = TaskListQuerySchema.omit({ page: true, pageSize: true });
export const TaskListSchema = z
  .object({ items: z.array(TaskSchema), total: z.number().int() })
  .meta({ id: 'JointTaskList' });

export const InvitableQuerySchema = z.object({ orgId: IdSchema });
export const InvitableSchema = z
  .object({ items: z.array(z.object({ unitId: z.number().int(), name: z.string(), orgName: z.string() })) })
  .meta({ id: 'JointInvitableUnits' });

export const FiguresQuerySchema = z.object({ orgId: IdSchema.optional() });
const FigureRowSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  meetingsHeld: z.number().int(),
  tasks: z.number().int(),
  tasksDone: z.number().int(),
  tasksOnTime: z.number().int(),
  needs: z.number().int(),
  needsMet: z.number().int(),
  projects: z.number().int(),
  projectsDone: z.number().int(),
});
export type FigureRow = z.infer<typeof FigureRowSchema>;
export const FiguresSchema = FigureRowSchema.extend({ children: z.array(FigureRowSchema) }).meta({
  id: 'CobuildFigures',
});
