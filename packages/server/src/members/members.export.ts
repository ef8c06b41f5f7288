import type { PassThrough } from 'node:stream';
import {
  GENDER_LABELS,
  MANAGEMENT_MODE_LABELS,
  maskIdNumber,
  maskPhone,
  MEMBER_CATEGORY_LABELS,
  MEMBER_FIELD_LABELS as L,
  MEMBER_STATUS_LABELS,
} from '@gongjian/shared';
import { auditEvent } from '../db/audited.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import type { AuditContext } from '../db/audited.js';
import { AppError } from '../http/errors.js';
import { streamWorkbook } from '../http/xlsx.js';
import { allRows, countRows, type MemberRow } from './members.repo.js';
import type { MemberFilter } from './members.schema.js';
import { planFor } from './members.service.js';

export const EXPORT_COLUMNS: { header: string; width: number; value: (row: MemberRow, unmasked: boolean) => string }[] =
  [
    { header: L.name, width: 10, value: (r) => r.name },
    { header: L.gender, width: 6, value: (r) => GENDER_LABELS[r.gender] },
    { header: L.ethnicity, width: 8, value: (r) => r.ethnicity ?? '' },
    { header: L.idNumber, width: 22, value: (r, u) => (u ? r.id_number : maskIdNumber(r.id_number)) },
    { header: L.phone, width: 14, value: (r, u) => (r.phone ? (u ? r.phone : maskPhone(r.phone)) : '') },
    { header: L.education, width: 10, value: (r) => r.education ?? '' },
    { header: L.joinedOn, width: 12, value: (r) => r.joined_on ?? '' },
    { header: L.fullMemberOn, width: 12, value: (r) => r.full_member_on ?? '' },
    { header: L.status, width: 10, value: (r) => MEMBER_STATUS_LABELS[r.status] },
    { header: L.category, width: 12, value: (r) => MEMBER_CATEGORY_LABELS[r.category] },
    { header: L.managementMode, width: 8, value: (r) => MANAGEMENT_MODE_LABELS[r.management_mode] },
    { header: L.orgName, width: 24, value: (r) => r.org_name },
    { header: L.residence, width: 20, value: (r) => r.residence ?? '' },
    { header: L.employer, width: 20, value: (r) => r.employer ?? '' },
    { header: L.tags, width: 20, value: (r) => r.tags.join('、') },
  ];

/**
 * Streams the filtered list as .xlsx: keyset pages of 1,000 rows go straight into exceljs's streaming
 * writer, so a city-wide export holds one page in memory. The audit row (filter, count, masking) is
 * written before the first byte leaves.
 */
export async function exportMembers(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  filter: MemberFilter & { unmasked: boolean },
): Promise<PassThrough> {
  if (filter.unmasked && !actor.permissions.includes('member.sensitive')) {
    throw new AppError('FORBIDDEN', '无权导出未脱敏的身份证号和电话');
  }
  const plan = await planFor(db, actor, filter);
  const count = await countRows(db, plan);
  await auditEvent(db, ctx, {
    action: 'member.export',
    entity: 'member',
    orgPath: plan.root.path,
    after: { filter, rows: count, unmasked: filter.unmasked },
  });
  return streamWorkbook(
    '党员花名册',
    EXPORT_COLUMNS.map((c) => ({ ...c, value: (row: MemberRow) => c.value(row, filter.unmasked) })),
    allRows(db, plan),
  );
}
