import { ApiError } from '../../api/errors';

/** A 400 names its field as `姓名(displayName)：不能为空` (server http/errors.ts). */
const FIELD_MESSAGE = /^[^()]*\((\w+)\)：(.+)$/s;

/**
 * The form field a 400 is about and what is wrong with it, when the field is one of `fields`: the modal shows it
 * beside the field instead of as a toast.
 */
export function fieldError<F extends string>(
  error: unknown,
  fields: readonly F[],
): { name: F; problem: string } | undefined {
  if (!(error instanceof ApiError) || error.status !== 400) return undefined;
  const [, field, problem] = FIELD_MESSAGE.exec(error.message) ?? [];
  const name = fields.find((f) => f === field);
  return name && problem ? { name, problem } : undefined;
}
