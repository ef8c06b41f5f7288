import { sql } from 'drizzle-orm';
import { type AuditContext, auditEvent } from '../db/audited.js';
import { type Queryable, queryRows } from '../db/client.js';

/**
 * A transfer letter received (transfers: an incoming letter registered, an internal one accepted): its 党费交至
 * becomes the member's "paid up to", so that the receiving branch's dues start from the month after. A member who
 * already has a later month on record (one returning to the platform) keeps it. Inside the caller's transaction;
 * dues_accounts is derived data without row audit, so the change is put on record here.
 */
export async function seedPaidToFromLetter(
  tx: Queryable,
  ctx: AuditContext,
  input: { memberId: number; orgId: number; orgPath: string; paidTo: string; letterNo: string },
): Promise<void> {
  const [row] = await queryRows<{ before: string | null; after: string }>(
    tx,
    sql`with old as (select paid_to from dues_accounts where member_id = ${input.memberId} for update),
             saved as (
               insert into dues_accounts as a (member_id, org_id, paid_to)
               values (${input.memberId}, ${input.orgId}, ${input.paidTo})
               on conflict (member_id) do update set paid_to = greatest(a.paid_to, excluded.paid_to), updated_at = now()
               returning paid_to)
        select (select paid_to from old) as before, (select paid_to from saved) as after`,
  );
  if (!row || row.before === row.after) return;
  await auditEvent(tx, ctx, {
    action: 'dues.paid_to.transfer',
    entity: 'dues_account',
    entityId: String(input.memberId),
    orgPath: input.orgPath,
    after: { paidTo: row.after, before: row.before, letterNo: input.letterNo },
  });
}
