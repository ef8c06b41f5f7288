import {
  GENDER_LABELS,
  MANAGEMENT_MODE_LABELS,
  maskPhone,
  MEMBER_CATEGORY_LABELS,
  MEMBER_STATUS_LABELS,
  profileProblems,
} from '@gongjian/shared';
import type { CreateMember } from '../members.schema.js';
import { IMPORT_FIELD_LABELS, type ImportField } from './headers.js';

// A re-imported roster updates the members already on it: what changes, field by field, shown before anything
// is written. Pure: import.service.ts reads the records and writes the result.

/** A member's record as the import reads it to compare (the SQL's row: snake_case, dates as text). */
export type ExistingMember = {
  id: number;
  name: string;
  gender: string;
  ethnicity: string | null;
  phone: string | null;
  education: string | null;
  joined_on: string | null;
  full_member_on: string | null;
  status: string;
  category: string;
  management_mode: string;
  residence: string | null;
  employer: string | null;
  tags: string[];
  org_id: number;
  org_name: string;
};

/** One changed field, as the preview shows it (labels, a masked phone) and as it was and will be stored. */
export type FieldChange = { field: ImportField; label: string; from: string; to: string };

export type MemberUpdate = {
  row: number;
  memberId: number;
  name: string;
  changes: FieldChange[];
  /** The whole profile after the update. */
  member: CreateMember;
  /** The raw values changed, for the preview's digest: the masked phone alone would hide a change. */
  raw: [ImportField, unknown, unknown][];
  movedTo: { id: number; name: string } | null;
};

export type UpdateOutcome =
  | { kind: 'unchanged' }
  | { kind: 'update'; update: MemberUpdate }
  | { kind: 'refused'; problems: { field: ImportField; message: string }[] };

const EMPTY = '（空）';
const show = (field: ImportField, value: unknown): string => {
  if (value === null || value === undefined || value === '') return EMPTY;
  switch (field) {
    case 'gender':
      return GENDER_LABELS[value as keyof typeof GENDER_LABELS] ?? String(value);
    case 'status':
      return MEMBER_STATUS_LABELS[value as keyof typeof MEMBER_STATUS_LABELS] ?? String(value);
    case 'category':
      return MEMBER_CATEGORY_LABELS[value as keyof typeof MEMBER_CATEGORY_LABELS] ?? String(value);
    case 'managementMode':
      return MANAGEMENT_MODE_LABELS[value as keyof typeof MANAGEMENT_MODE_LABELS] ?? String(value);
    case 'phone':
      return maskPhone(String(value));
    case 'tags':
      return (value as string[]).length ? (value as string[]).join('、') : EMPTY;
    default:
      return String(value);
  }
};

const sameTags = (a: readonly string[], b: readonly string[]) => {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((t, i) => t === right[i]);
};

/**
 * Compares a roster row with the member's record. Only the cells filled in count (`given`): a blank cell or a
 * column the roster lacks keeps what is stored, so a partial roster never erases anything. A filled 转正时间 without
 * 党员状态 makes a full member, as it does for a new one. The merged profile passes the same cross-field checks as
 * an edit in the console (`profileProblems`, with the record as saved).
 */
export function compareWithRecord(
  existing: ExistingMember,
  row: { row: number; member: CreateMember; given: readonly ImportField[] },
  orgName: (id: number) => string,
  today: string,
): UpdateOutcome {
  const given = new Set(row.given);
  const from = row.member;
  const stored: CreateMember = {
    name: existing.name,
    gender: existing.gender as CreateMember['gender'],
    ethnicity: existing.ethnicity,
    idNumber: from.idNumber,
    phone: existing.phone,
    education: existing.education,
    joinedOn: existing.joined_on,
    fullMemberOn: existing.full_member_on,
    status: existing.status as CreateMember['status'],
    category: existing.category as CreateMember['category'],
    managementMode: existing.management_mode as CreateMember['managementMode'],
    orgId: existing.org_id,
    residence: existing.residence,
    employer: existing.employer,
    tags: existing.tags,
  };
  const merged: CreateMember = { ...stored };
  const take = <K extends keyof CreateMember>(field: ImportField, key: K) => {
    if (given.has(field)) merged[key] = from[key];
  };
  take('name', 'name');
  take('gender', 'gender');
  take('ethnicity', 'ethnicity');
  take('phone', 'phone');
  take('education', 'education');
  take('joinedOn', 'joinedOn');
  take('fullMemberOn', 'fullMemberOn');
  if (given.has('status') || given.has('fullMemberOn')) merged.status = from.status;
  take('category', 'category');
  take('managementMode', 'managementMode');
  take('orgName', 'orgId');
  take('residence', 'residence');
  take('employer', 'employer');
  take('tags', 'tags');

  const problems = profileProblems(
    {
      idNumber: merged.idNumber,
      gender: merged.gender,
      status: merged.status,
      joinedOn: merged.joinedOn,
      fullMemberOn: merged.fullMemberOn,
      saved: { status: existing.status, fullMemberOn: existing.full_member_on },
    },
    today,
  );
  if (problems.length) {
    return { kind: 'refused', problems: problems.map((p) => ({ field: p.field as ImportField, message: p.problem })) };
  }

  const changes: FieldChange[] = [];
  const raw: MemberUpdate['raw'] = [];
  const compare = (field: ImportField, before: unknown, after: unknown, shownBefore?: string, shownAfter?: string) => {
    const same =
      field === 'tags'
        ? sameTags(before as string[], after as string[])
        : (before ?? null) === (after ?? null) || (before ?? '') === (after ?? '');
    if (same) return;
    changes.push({
      field,
      label: IMPORT_FIELD_LABELS[field],
      from: shownBefore ?? show(field, before),
      to: shownAfter ?? show(field, after),
    });
    raw.push([field, before ?? null, after ?? null]);
  };
  compare('name', stored.name, merged.name);
  compare('gender', stored.gender, merged.gender);
  compare('ethnicity', stored.ethnicity, merged.ethnicity);
  compare('phone', stored.phone, merged.phone);
  compare('education', stored.education, merged.education);
  compare('joinedOn', stored.joinedOn, merged.joinedOn);
  compare('fullMemberOn', stored.fullMemberOn, merged.fullMemberOn);
  compare('status', stored.status, merged.status);
  compare('category', stored.category, merged.category);
  compare('managementMode', stored.managementMode, merged.managementMode);
  compare('orgName', stored.orgId, merged.orgId, existing.org_name, orgName(merged.orgId));
  compare('residence', stored.residence, merged.residence);
  compare('employer', stored.employer, merged.employer);
  compare('tags', stored.tags, merged.tags);
  if (changes.length === 0) return { kind: 'unchanged' };
  return {
    kind: 'update',
    update: {
      row: row.row,
      memberId: existing.id,
      name: existing.name,
      changes,
      member: { ...merged, tags: [...new Set(merged.tags)] },
      raw,
      movedTo: merged.orgId === existing.org_id ? null : { id: merged.orgId, name: orgName(merged.orgId) },
    },
  };
}
