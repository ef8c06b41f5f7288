import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Queryable, queryRows } from '../db/client.js';
import { conflict } from './errors.js';

/**
 * The record's `updatedAt` as the editing form read it. An update that carries it is refused while the record
 * has changed since, so that a form opened before someone else's save does not silently undo that save.
 */
export const ExpectedUpdatedAtSchema = z.iso
  .datetime({ offset: true, error: '应为打开编辑时记录的更新时间（ISO时间）' })
  .optional()
  .describe('打开编辑时记录的 updatedAt；记录此后已被修改则拒绝（409），以免覆盖他人的修改');

/** Throws a 409 when `expected` is given and the locked row's `current` updatedAt is a different instant. */
export async function assertUnchangedSince(
  db: Queryable,
  current: string,
  expected: string | undefined,
  what: string,
): Promise<void> {
  if (expected === undefined || expected === current) return;
  // The same instant may be written another way (+08:00, fewer digits): PostgreSQL compares the instants.
  const [row] = await queryRows<{ same: boolean }>(
    db,
    sql`select ${current}::timestamptz = ${expected}::timestamptz as same`,
  );
  if (!row?.same) throw conflict(`${what}在您打开编辑后已被他人修改，为免覆盖其修改，请刷新后重新编辑`);
}
