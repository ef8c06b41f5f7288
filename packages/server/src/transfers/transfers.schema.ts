import { TRANSFER_KINDS, TRANSFER_STATUSES } from '@gongjian/shared';
import { z } from 'zod';
import { DateSchema, IdSchema, PageQuerySchema } from '../http/common.schema.js';
import { CreateMemberSchema } from '../members/members.schema.js';

const YearMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '格式应为YYYY-MM');
const OrgNameSchema = z.string().trim().min(1, '不能为空').max(100, '最多100个字符');

export const CreateTransferSchema = z
  .object({
    memberId: IdSchema,
    /** A receiving organisation on the platform (any, even outside the sender's scope)… */
    toOrgId: IdSchema.optional(),
    /** …or the name of one outside the platform: a printable letter goes with the member. */
    toOrgName: OrgNameSchema.optional(),
    /** Only for a member with no dues on record: otherwise the letter says what dues_accounts keeps. */
    duesPaidTo: YearMonthSchema.optional(),
    validDays: z.number().int('应为整数').min(1, '最少1天').max(92, '有效期最长3个月').default(10),
  })
  .meta({ id: 'CreateTransferRequest' });
export type CreateTransfer = z.infer<typeof CreateTransferSchema>;

export const IncomingTransferSchema = z
  .object({
    member: CreateMemberSchema,
    fromOrgName: OrgNameSchema,
    letterNo: z.string().trim().min(1, '不能为空').max(50, '最多50个字符'),
    duesPaidTo: YearMonthSchema,
    issuedOn: DateSchema,
    validUntil: DateSchema,
  })
  .meta({ id: 'IncomingTransferRequest' });
export type IncomingTransfer = z.infer<typeof IncomingTransferSchema>;

export const ReturnTransferSchema = z
  .object({ reason: z.string().trim().min(1, '请填写退回理由').max(200, '最多200个字符') })
  .meta({ id: 'ReturnTransferRequest' });
export const ReceiptSchema = z.object({ receivedOn: DateSchema }).meta({ id: 'TransferReceiptRequest' });

export const TransferListQuerySchema = PageQuerySchema.extend({
  box: z.enum(['in', 'out'], { error: '应为in（收到的）或out（发出的）' }),
  orgId: IdSchema.optional(),
  status: z.enum(TRANSFER_STATUSES, { error: '不是有效的状态' }).optional(),
  /** Outgoing letters whose receipt is overdue. */
  receiptOverdue: z
    .enum(['true', 'false'], { error: '应为true或false' })
    .optional()
    .transform((v) => v === 'true'),
});
export type TransferListQuery = z.infer<typeof TransferListQuerySchema>;
export const TransferExportQuerySchema = TransferListQuerySchema.omit({ page: true, pageSize: true });
export type TransferExportQuery = z.infer<typeof TransferExportQuerySchema>;

export const TransferSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(TRANSFER_KINDS),
    status: z.enum(TRANSFER_STATUSES),
    /** A pending letter past its validity: it can no longer be accepted. */
    expired: z.boolean(),
    memberId: z.number().int().nullable(),
    memberName: z.string(),
    memberIdNumber: z.string().nullable().meta({ description: '已脱敏' }),
    fromOrgId: z.number().int().nullable(),
    fromOrgName: z.string(),
    toOrgId: z.number().int().nullable(),
    toOrgName: z.string(),
    letterNo: z.string(),
    duesPaidTo: z.string(),
    issuedOn: z.string(),
    validUntil: z.string(),
    returnReason: z.string().nullable(),
    decidedOn: z.string().nullable(),
    receiptDueOn: z.string().nullable(),
    receiptReceivedOn: z.string().nullable(),
    receiptOverdue: z.boolean(),
    /** What the asking account may do with it. */
    canDecide: z.boolean(),
    canRecordReceipt: z.boolean(),
  })
  .meta({ id: 'Transfer' });
export type Transfer = z.infer<typeof TransferSchema>;

export const TransferListSchema = z
  .object({
    items: z.array(TransferSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'TransferList' });

export const DestinationQuerySchema = z.object({
  q: z.string().trim().min(1, '请输入组织名称').max(50, '最多50个字符'),
});
export const DestinationListSchema = z
  .object({ items: z.array(z.object({ id: z.number().int(), name: z.string() })) })
  .meta({ id: 'TransferDestinations' });
