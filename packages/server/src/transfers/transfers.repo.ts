import { maskIdNumber, type TransferKind, type TransferStatus } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { countDue, type DueQuery } from '../http/due.js';
import { orgIdInSubtree, orgInScope } from '../http/scope.js';
import type { Transfer } from './transfers.schema.js';

type Scope = Pick<Actor, 'scopePath'>;

export type TransferRow = {
  id: number;
  kind: TransferKind;
  status: TransferStatus;
  member_id: number | null;
  member_name: string;
  member_id_number: string | null;
  org_id: number;
  from_org_id: number | null;
  from_org_name: string;
  to_org_id: number | null;
  to_org_name: string;
  letter_no: string;
  dues_paid_to: string;
  issued_on: string;
  valid_until: string;
  return_reason: string | null;
  decided_on: string | null;
  receipt_due_on: string | null;
  receipt_received_on: string | null;
  sender_sees: boolean;
  receiver_sees: boolean;
};

const COLUMNS = (scope: Scope) => sql`t.id::int as id, t.kind, t.status, t.member_id::int as member_id, t.member_name,
  m.id_number as member_id_number, t.org_id::int as org_id, t.from_org_id::int as from_org_id, t.from_org_name,
  t.to_org_id::int as to_org_id, t.to_org_name, t.letter_no, t.dues_paid_to, t.issued_on::text as issued_on,
  t.valid_until::text as valid_until, t.return_reason, t.decided_on::text as decided_on,
  t.receipt_due_on::text as receipt_due_on, t.receipt_received_on::text as receipt_received_on,
  (t.from_org_id is not null and ${orgInScope(scope, sql`t.from_org_id`)}) as sender_sees,
  (t.to_org_id is not null and ${orgInScope(scope, sql`t.to_org_id`)}) as receiver_sees`;

/** A transfer is visible from either end; neither end learns more of the other than the name on the letter. */
const visible = (scope: Scope) =>
  sql`((t.from_org_id is not null and ${orgInScope(scope, sql`t.from_org_id`)})
    or (t.to_org_id is not null and ${orgInScope(scope, sql`t.to_org_id`)}))`;

export function toTransfer(row: TransferRow, today: string): Transfer {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    expired: row.status === 'pending' && row.valid_until < today,
    memberId: row.member_id,
    memberName: row.member_name,
    memberIdNumber: row.member_id_number ? maskIdNumber(row.member_id_number) : null,
    fromOrgId: row.sender_sees ? row.from_org_id : null,
    fromOrgName: row.from_org_name,
    toOrgId: row.receiver_sees ? row.to_org_id : null,
    toOrgName: row.to_org_name,
    letterNo: row.letter_no,
    duesPaidTo: row.dues_paid_to,
    issuedOn: row.issued_on,
    validUntil: row.valid_until,
    returnReason: row.return_reason,
    decidedOn: row.decided_on,
    receiptDueOn: row.receipt_due_on,
    receiptReceivedOn: row.receipt_received_on,
    receiptOverdue: row.status === 'issued' && row.receipt_due_on !== null && row.receipt_due_on < today,
    canDecide: row.kind === 'internal' && row.status === 'pending' && row.receiver_sees && row.valid_until >= today,
    canRecordReceipt: row.kind === 'outgoing' && row.status === 'issued' && row.sender_sees,
  };
}

export async function findTransfer(db: Queryable, scope: Scope, id: number, lock = false) {
  const [row] = await queryRows<TransferRow>(
    db,
    sql`select ${COLUMNS(scope)} from member_transfers t left join members m on m.id = t.member_id
         where t.id = ${id} and ${visible(scope)} ${lock ? sql`for update of t` : sql``}`,
  );
  return row;
}

export async function listTransfers(
  db: Queryable,
  scope: Scope,
  where: SQL,
  page: number,
  pageSize: number,
): Promise<{ rows: TransferRow[]; total: number }> {
  const rows = await queryRows<TransferRow>(
    db,
    sql`select ${COLUMNS(scope)} from member_transfers t left join members m on m.id = t.member_id
         where ${where} and ${visible(scope)} order by t.created_at desc, t.id desc
         limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [counted] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from member_transfers t where ${where} and ${visible(scope)}`,
  );
  return { rows, total: counted?.n ?? 0 };
}

export async function pendingTransferOf(db: Queryable, memberId: number) {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select id::int as id from member_transfers where member_id = ${memberId} and status in ('pending', 'issued')`,
  );
  return row;
}

export async function nextLetterNo(db: Queryable, year: string): Promise<string> {
  const [row] = await queryRows<{ n: string }>(db, sql`select nextval('member_transfer_letter_seq')::text as n`);
  return `共建转字〔${year}〕${row?.n ?? '0'}号`;
}

/** Organisations anywhere on the platform by name: a sender must be able to name a receiver outside its scope. */
export async function findDestinations(db: Queryable, q: string) {
  return queryRows<{ id: number; name: string }>(
    db,
    sql`select id::int as id, name from organizations
         where name like ${`%${q.replace(/[\\%_]/g, '\\$&')}%`}
           and type not in ('city_committee', 'district_committee', 'street_committee')
         order by name limit 20`,
  );
}

export type LetterDueRow = {
  id: number;
  member_name: string;
  from_org_name: string;
  to_org_name: string;
  due_on: string;
  overdue: boolean;
};

/** What a due letter shows, read for the first items only. */
const letterItems = (shown: SQL) => sql`select d.id::int as id, t.member_name, t.from_org_name, t.to_org_name,
    d.due_on::text as due_on, d.overdue
  from ${shown} d join member_transfers t on t.id = d.id order by d.due_on, d.id`;

/**
 * Letters addressed to an organisation of the scope that nobody has accepted or returned yet (the inbox's
 * pending ones), counted from member_transfers_pending_idx; due on the last day they are valid.
 */
export function lettersDue(db: Queryable, scope: Scope, today: string, query: DueQuery) {
  return countDue<LetterDueRow>(db, 'transfers.incoming', query, {
    keys: sql`select t.id, t.valid_until as due_on, t.valid_until < ${today}::date as overdue
                from member_transfers t where t.status = 'pending' and ${orgIdInSubtree(scope, sql`t.to_org_id`)}`,
    order: sql`due_on, id`,
    items: letterItems,
  });
}

/** Letters out of the platform sent by the scope whose receipt is overdue, from member_transfers_issued_idx. */
export function receiptsDue(db: Queryable, scope: Scope, today: string, query: DueQuery) {
  return countDue<LetterDueRow>(db, 'transfers.receipts', query, {
    keys: sql`select t.id, t.receipt_due_on as due_on, true as overdue
                from member_transfers t
               where t.status = 'issued' and t.receipt_due_on < ${today}::date and ${orgIdInSubtree(scope, sql`t.from_org_id`)}`,
    order: sql`due_on, id`,
    items: letterItems,
  });
}
