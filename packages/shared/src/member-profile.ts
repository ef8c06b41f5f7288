import { addMonths, addYears, chinaToday } from './dates.js';
import { parseIdNumber } from './id-number.js';

/**
 * The member profile's fields as people know them: one label and one length limit each, used by the console's
 * form, the roster import (its headers), the export (its headers, so that an exported roster imports again)
 * and the server's 400 messages.
 */
export const MEMBER_FIELDS = {
  name: { label: '姓名', maxLength: 50 },
  gender: { label: '性别' },
  ethnicity: { label: '民族', maxLength: 20 },
  idNumber: { label: '身份证号' },
  phone: { label: '联系电话' },
  education: { label: '学历', maxLength: 30 },
  joinedOn: { label: '入党时间' },
  fullMemberOn: { label: '转正时间' },
  status: { label: '党员状态' },
  category: { label: '党员类别' },
  managementMode: { label: '管理方式' },
  orgName: { label: '所在支部' },
  residence: { label: '居住楼院', maxLength: 100 },
  employer: { label: '工作单位', maxLength: 100 },
  tags: { label: '特长兴趣' },
} as const satisfies Record<string, { label: string; maxLength?: number }>;
export type MemberField = keyof typeof MEMBER_FIELDS;

export const MEMBER_FIELD_LABELS = Object.fromEntries(
  Object.entries(MEMBER_FIELDS).map(([field, { label }]) => [field, label]),
) as Record<MemberField, string>;

/** A member's tags (特长兴趣): at most this many, each at most this long. */
export const MAX_TAGS = 20;
export const TAG_MAX_LENGTH = 20;

/** Probation lasts one year from joining (党章第七条). */
export const PROBATION_YEARS = 1;

export function probationEndsOn(joinedOn: string): string {
  return addYears(joinedOn, PROBATION_YEARS);
}

/**
 * A member away this long at a fixed place should move their organisational relationship there
 * (流动党员: six months or more).
 */
export const FLOATING_TRANSFER_MONTHS = 6;

/** The day from which a member away since `since` should move their relationship. */
export function floatingTransferDueOn(since: string): string {
  return addMonths(since, FLOATING_TRANSFER_MONTHS);
}

/**
 * A member away reports to their branch at least once a year (每年至少报告一次). The year they left needs no
 * report: the outflow was registered that year, so the branch knows where they are. From the next year on, a
 * year with no report on record is due. An ended record is due nothing.
 */
export function floatingReportDue(
  record: { since: string; lastReportedOn: string | null; endedOn: string | null },
  today: string,
): boolean {
  const yearStart = `${today.slice(0, 4)}-01-01`;
  if (record.endedOn !== null || record.since >= yearStart) return false;
  return record.lastReportedOn === null || record.lastReportedOn < yearStart;
}

export const FULL_MEMBER_ON_MISSING = '正式党员应填写转正时间';

/** A full member (正式党员) whose profile has no 转正时间. */
export function lacksFullMemberOn(profile: { status: string; fullMemberOn?: string | null }): boolean {
  return profile.status === 'full' && !profile.fullMemberOn;
}

export type ProfileProblem = { field: 'idNumber' | 'gender' | 'joinedOn' | 'fullMemberOn'; problem: string };

/**
 * The rules that tie a profile's fields together. The same checks serve the console's form, the server's
 * create and update, and the roster import, in the same words.
 */
export function profileProblems(
  input: {
    /** null: not known here (the console's form shows it masked); then `birthDate` stands in for it. */
    idNumber: string | null;
    birthDate?: string | null;
    gender: string;
    status: string;
    joinedOn?: string | null;
    fullMemberOn?: string | null;
    /**
     * When editing: the record as saved. A full member saved without 转正时间 (a record from before the rule)
     * may still be edited in other fields; the edit that makes someone a full member, or clears the date, may not.
     */
    saved?: { status: string; fullMemberOn: string | null };
  },
  today = chinaToday(),
): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  let birthDate = input.birthDate ?? null;
  if (input.idNumber !== null) {
    const parsed = parseIdNumber(input.idNumber, today);
    if (!parsed.ok) return [{ field: 'idNumber', problem: parsed.reason }];
    if (parsed.info.gender !== input.gender) problems.push({ field: 'gender', problem: '与身份证号显示的性别不一致' });
    birthDate = parsed.info.birthDate;
  }
  if (input.joinedOn) {
    if (input.joinedOn > today) problems.push({ field: 'joinedOn', problem: '不能晚于今天' });
    if (birthDate && addYears(birthDate, 18) > input.joinedOn) {
      problems.push({ field: 'joinedOn', problem: '入党时应年满18岁' });
    }
  }
  // A full member became one on a day (转正时间): a record without it cannot say since when.
  if (lacksFullMemberOn(input) && !(input.saved && lacksFullMemberOn(input.saved))) {
    problems.push({ field: 'fullMemberOn', problem: FULL_MEMBER_ON_MISSING });
  }
  if (input.fullMemberOn) {
    if (input.status === 'probationary') problems.push({ field: 'fullMemberOn', problem: '预备党员不应有转正时间' });
    if (input.joinedOn && input.fullMemberOn < input.joinedOn) {
      problems.push({ field: 'fullMemberOn', problem: '不能早于入党时间' });
    }
  }
  return problems;
}
