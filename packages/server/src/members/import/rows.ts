import { isMobilePhone, parseIdNumber, probationEndsOn, profileProblems, toHalfWidth } from '@gongjian/shared';
import { problemOf } from '../../http/request-text.js';
import type { CreateMember } from '../members.schema.js';
import { IMPORT_FIELD_LABELS, type ImportField, type Mapping } from './headers.js';
import { parseCategory, parseGender, parseImportDate, parseMode, parseStatus, parseTags } from './values.js';

export type RowProblem = { row: number; column: string; message: string };
export type CheckedRow =
  | {
      row: number;
      ok: true;
      member: CreateMember;
      birthDate: string | null;
      /** The fields whose cells were filled in (the rest of `member` are defaults): what a re-import updates. */
      given: ImportField[];
    }
  | {
      row: number;
      ok: false;
      problems: RowProblem[];
      /**
       * When the cells are all readable and only the profile's cross-field checks fail (a 正式党员 without 转正时间):
       * the row as read. A re-import checks these rules again on the record merged with it, which may pass.
       */
      pending?: Omit<Extract<CheckedRow, { ok: true }>, 'ok' | 'row'>;
    };

/** An organisation for a 所在支部 value: found, several that fit (their names), or none. */
export type OrgLookup = (name: string) => { id: number } | { ambiguous: string[] } | undefined;

/**
 * Checks one data row (`row` is its number in the sheet, 1-based) against the confirmed mapping. Every
 * problem names the column as the sheet calls it, so the user finds it in their own file.
 */
export function checkRow(
  cells: string[],
  row: number,
  mapping: Mapping,
  headers: string[],
  ctx: { defaultOrgId: number; findOrg: OrgLookup; today: string },
): CheckedRow {
  const problems: RowProblem[] = [];
  const columnName = (field: ImportField) => {
    const index = mapping[field];
    return index === undefined ? IMPORT_FIELD_LABELS[field] : headers[index] || IMPORT_FIELD_LABELS[field];
  };
  const refused = new Set<ImportField>();
  // One problem per cell that holds a refused character: what else is wrong with it would only follow from that.
  const problem = (field: ImportField, message: string) => {
    if (!refused.has(field)) problems.push({ row, column: columnName(field), message });
  };
  const cell = (field: ImportField) => {
    const index = mapping[field];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const date = (field: ImportField) => {
    const text = cell(field);
    if (!text) return null;
    const parsed = parseImportDate(text);
    if (!parsed) problem(field, `无法识别的日期“${text}”，请写成如 1995-07-01`);
    else if (parsed > ctx.today) problem(field, '不能晚于今天');
    return parsed;
  };

  // What the API refuses in a text field (http/request-text.ts) is refused in a roster cell too: a name with a
  // bidi override shows reversed on every list. (NUL and invisible characters were already dropped when read.)
  for (const field of Object.keys(mapping) as ImportField[]) {
    const reason = problemOf(cell(field));
    if (reason) {
      problem(field, reason);
      refused.add(field);
    }
  }

  const name = cell('name').replace(/\s+/g, '');
  if (!name) problem('name', '姓名不能为空');
  else if (name.length > 50) problem('name', '姓名最多50个字符');

  const idText = toHalfWidth(cell('idNumber')).replace(/\s+/g, '');
  const parsedId = idText ? parseIdNumber(idText, ctx.today) : null;
  if (!idText) problem('idNumber', '身份证号不能为空');
  else if (parsedId && !parsedId.ok) problem('idNumber', `身份证号${parsedId.reason}`);

  let gender = parsedId?.ok ? parsedId.info.gender : null;
  const genderText = cell('gender');
  if (genderText) {
    const parsed = parseGender(genderText);
    if (!parsed) problem('gender', `无法识别的性别“${genderText}”，应为男或女`);
    else gender = parsed;
  }

  const phoneText = toHalfWidth(cell('phone')).replace(/[\s-]/g, '');
  if (phoneText && !isMobilePhone(phoneText)) problem('phone', `“${phoneText}”不是11位手机号码`);

  const joinedOn = date('joinedOn');
  const fullMemberOn = date('fullMemberOn');

  let status = fullMemberOn ? 'full' : joinedOn && probationEndsOn(joinedOn) > ctx.today ? 'probationary' : 'full';
  const statusText = cell('status');
  if (statusText) {
    const parsed = parseStatus(statusText);
    if (!parsed) problem('status', `无法识别的党员状态“${statusText}”，应为正式党员或预备党员`);
    else status = parsed;
  }

  let category: CreateMember['category'] = 'resident';
  const categoryText = cell('category');
  if (categoryText) {
    const parsed = parseCategory(categoryText);
    if (!parsed) problem('category', `无法识别的党员类别“${categoryText}”`);
    else category = parsed;
  }

  let managementMode: CreateMember['managementMode'] = 'direct';
  const modeText = cell('managementMode');
  if (modeText) {
    const parsed = parseMode(modeText);
    if (!parsed) problem('managementMode', `无法识别的管理方式“${modeText}”，应为直管、双管、代管或协管`);
    else managementMode = parsed;
  }

  let orgId = ctx.defaultOrgId;
  const orgText = cell('orgName');
  if (orgText) {
    const found = ctx.findOrg(orgText);
    if (found && 'ambiguous' in found) {
      const names = found.ambiguous.slice(0, 3).join('、') + (found.ambiguous.length > 3 ? '等' : '');
      problem('orgName', `“${orgText}”可能是多个党组织（${names}），请在“确认所在支部”一步选择具体组织`);
    } else if (!found) problem('orgName', `所选组织下没有名为“${orgText}”的党组织`);
    else orgId = found.id;
  }

  const limited = (field: ImportField, max: number) => {
    const text = cell(field);
    if (text.length > max) problem(field, `最多${max}个字符`);
    return text || null;
  };
  const member: CreateMember = {
    name,
    gender: gender ?? 'male',
    ethnicity: limited('ethnicity', 20),
    idNumber: parsedId?.ok ? parsedId.value : idText,
    phone: phoneText || null,
    education: limited('education', 30),
    joinedOn,
    fullMemberOn,
    status: status as CreateMember['status'],
    category,
    managementMode,
    orgId,
    residence: limited('residence', 100),
    employer: limited('employer', 100),
    tags: parseTags(cell('tags')),
  };
  const given = (Object.keys(mapping) as ImportField[]).filter((field) => cell(field) !== '');
  if (problems.length === 0 && parsedId?.ok) {
    for (const p of profileProblems(member)) problem(p.field as ImportField, p.problem);
    if (problems.length) {
      return { row, ok: false, problems, pending: { member, birthDate: parsedId.info.birthDate, given } };
    }
  }
  if (problems.length) return { row, ok: false, problems };
  return { row, ok: true, member, birthDate: parsedId?.ok ? parsedId.info.birthDate : null, given };
}
