import { ORG_TYPES, PERMISSIONS, ROLES } from '@gongjian/shared';
import { z } from 'zod';

export const LoginSchema = z
  .object({
    username: z.string().trim().min(1, '不能为空').max(64, '最多64个字符'),
    password: z.string().min(1, '不能为空').max(128, '最多128个字符'),
  })
  .meta({ id: 'LoginRequest' });

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, '不能为空').max(128, '最多128个字符'),
    newPassword: z.string().min(1, '不能为空').max(128, '最多128个字符'),
  })
  .meta({ id: 'ChangePasswordRequest' });

export const MeSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    permissions: z.array(z.enum(PERMISSIONS)),
    mustChangePassword: z.boolean(),
    /** The member profile the account acts for (a 党员 account), if linked. */
    memberId: z.number().int().nullable(),
    org: z.object({ id: z.number().int(), name: z.string(), type: z.enum(ORG_TYPES) }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;
