import { ROLES } from '@gongjian/shared';
import { z } from 'zod';
import { IdSchema, PageQuerySchema } from '../http/common.schema.js';

export const AccountSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    org: z.object({ id: z.number().int(), name: z.string() }),
    /** The member profile this login belongs to (name only), for members acting for themselves. */
    member: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    disabled: z.boolean(),
    locked: z.boolean(),
    mustChangePassword: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof AccountSchema>;

export const AccountListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(64, '最多64个字符').optional(),
});
export type AccountListQuery = z.infer<typeof AccountListQuerySchema>;
export const AccountExportQuerySchema = AccountListQuerySchema.omit({ page: true, pageSize: true });
export const AccountListSchema = z
  .object({ items: z.array(AccountSchema), total: z.number().int() })
  .meta({ id: 'AccountList' });

export const CreateAccountSchema = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{3,32}$/, '应为3-32位字母、数字、下划线、点或连字符'),
    displayName: z.string().trim().min(1, '不能为空').max(50, '最多50个字符').optional(),
    password: z.string().max(128, '最多128个字符'),
    orgId: IdSchema,
    role: z.enum(ROLES, { error: '不是有效的角色' }),
    memberId: IdSchema.optional(),
  })
  .meta({ id: 'CreateAccountRequest' });
export type CreateAccount = z.infer<typeof CreateAccountSchema>;

/** Fields left out stay as they are; at least one is given. */
export const UpdateAccountSchema = z
  .object({
    /** Links the account to a member profile in scope, or clears the link with null. */
    memberId: IdSchema.nullable().optional(),
    displayName: z.string().trim().min(1, '不能为空').max(50, '最多50个字符').optional(),
    /** A change of post: the role and the organisation, checked as on creation; the account's sessions end. */
    role: z.enum(ROLES, { error: '不是有效的角色' }).optional(),
    orgId: IdSchema.optional(),
  })
  .meta({ id: 'UpdateAccountRequest' });
export type UpdateAccount = z.infer<typeof UpdateAccountSchema>;

export const ResetPasswordSchema = z
  .object({
    /** A temporary password the administrator hands over; the account must change it at its next login. */
    password: z.string().max(128, '最多128个字符'),
  })
  .meta({ id: 'ResetPasswordRequest' });
export type ResetPassword = z.infer<typeof ResetPasswordSchema>;
