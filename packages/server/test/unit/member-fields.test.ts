import { MEMBER_FIELD_LABELS, MEMBER_FIELDS, probationEndsOn, profileProblems } from '@gongjian/shared';
import { describe, expect, it } from 'vitest';
import { fieldForHeader, IMPORT_FIELDS } from '../../src/members/import/headers.js';
import { EXPORT_COLUMNS } from '../../src/members/members.export.js';
import { membersModule } from '../../src/members/members.module.js';

describe("the member profile's fields, one map for form, import, export and errors", () => {
  it('an exported roster imports again: every export header is a header the import reads', () => {
    for (const column of EXPORT_COLUMNS) {
      const field = fieldForHeader(column.header);
      expect(field, column.header).not.toBeNull();
      expect(MEMBER_FIELD_LABELS[field as keyof typeof MEMBER_FIELD_LABELS]).toBe(column.header);
    }
    // Everything the import reads is exported.
    expect(EXPORT_COLUMNS.map((c) => fieldForHeader(c.header)).sort()).toEqual([...IMPORT_FIELDS].sort());
  });

  it('the import reads every label as its own field', () => {
    for (const field of IMPORT_FIELDS) expect(fieldForHeader(MEMBER_FIELDS[field].label)).toBe(field);
  });

  it("the 400 messages of the members' routes use the same labels", () => {
    for (const [field, label] of Object.entries(MEMBER_FIELD_LABELS)) {
      expect(membersModule.fieldLabels?.[field], field).toBe(label);
    }
  });

  it('states the rules once: probation, and the profile checks the form and the server share', () => {
    expect(probationEndsOn('2025-02-28')).toBe('2026-02-28');
    expect(probationEndsOn('2024-02-29')).toBe('2025-02-28');
    const base = { idNumber: '11010519491231002X', gender: 'female', status: 'full', fullMemberOn: '1980-07-01' };
    expect(profileProblems(base, '2026-12-06')).toEqual([]);
    // A full member without the day they became one (issue 22, point 6).
    for (const fullMemberOn of [undefined, null, '']) {
      expect(profileProblems({ ...base, fullMemberOn }, '2026-12-06')).toEqual([
        { field: 'fullMemberOn', problem: '正式党员应填写转正时间' },
      ]);
    }
    expect(profileProblems({ ...base, status: 'probationary', fullMemberOn: null }, '2026-12-06')).toEqual([]);
    // A record saved without it before the rule can still be edited; clearing the date, or converting without one, not.
    const legacy = { ...base, fullMemberOn: null, saved: { status: 'full', fullMemberOn: null } };
    expect(profileProblems(legacy, '2026-12-06')).toEqual([]);
    const missing = [{ field: 'fullMemberOn', problem: '正式党员应填写转正时间' }];
    expect(profileProblems({ ...legacy, saved: { status: 'full', fullMemberOn: '1980-07-01' } }, '2026-12-06')).toEqual(
      missing,
    );
    expect(profileProblems({ ...legacy, saved: { status: 'probationary', fullMemberOn: null } }, '2026-12-06')).toEqual(
      missing,
    );
    expect(profileProblems({ ...base, gender: 'male' }, '2026-12-06')).toEqual([
      { field: 'gender', problem: '与身份证号显示的性别不一致' },
    ]);
    expect(
      profileProblems(
        { ...base, status: 'probationary', joinedOn: '1960-01-01', fullMemberOn: '1959-01-01' },
        '2026-12-06',
      ),
    ).toEqual([
      { field: 'joinedOn', problem: '入党时应年满18岁' },
      { field: 'fullMemberOn', problem: '预备党员不应有转正时间' },
      { field: 'fullMemberOn', problem: '不能早于入党时间' },
    ]);
  });
});
