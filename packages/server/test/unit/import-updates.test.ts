import { describe, expect, it } from 'vitest';
import type { CreateMember } from '../../src/members/members.schema.js';
import { compareWithRecord, type ExistingMember } from '../../src/members/import/updates.js';
import { idFor } from '../helpers/rosters.js';

const today = '2026-12-07';
const idNumber = idFor('1970-01-01', 'male', 5);
const record: ExistingMember = {
  id: 7,
  name: '张三',
  gender: 'male',
  ethnicity: '汉族',
  phone: '13900000001',
  education: '大专',
  joined_on: '1995-07-01',
  full_member_on: '1996-07-01',
  status: 'full',
  category: 'resident',
  management_mode: 'direct',
  residence: '3号楼',
  employer: null,
  tags: ['书法', '象棋'],
  org_id: 10,
  org_name: '和平社区第一党支部',
};
/** A roster row as the row check makes it: defaults where the cells were blank, `given` the filled ones. */
const row = (member: Partial<CreateMember>, given: string[]) => ({
  row: 2,
  given: given as never[],
  member: {
    name: '张三',
    gender: 'male',
    ethnicity: null,
    idNumber,
    phone: null,
    education: null,
    joinedOn: null,
    fullMemberOn: null,
    status: 'full',
    category: 'resident',
    managementMode: 'direct',
    orgId: 1,
    residence: null,
    employer: null,
    tags: [],
    ...member,
  } as CreateMember,
});
const names = (id: number) => ({ 10: '和平社区第一党支部', 11: '和平社区第二党支部' })[id] ?? '';

describe('a re-imported row against the record', () => {
  it('is unchanged when the filled cells say what is stored; blank cells and missing columns keep it', () => {
    const same = row({ phone: '13900000001', tags: ['象棋', '书法'] }, ['name', 'idNumber', 'phone', 'tags']);
    expect(compareWithRecord(record, same, names, today)).toEqual({ kind: 'unchanged' });
  });

  it('lists each changed field with labels, a masked phone and organisation names, and keeps the rest', () => {
    const changed = row({ phone: '13700000002', category: 'retired', orgId: 11, education: null }, [
      'name',
      'idNumber',
      'phone',
      'category',
      'orgName',
    ]);
    const outcome = compareWithRecord(record, changed, names, today);
    expect(outcome.kind).toBe('update');
    if (outcome.kind !== 'update') return;
    expect(outcome.update.changes).toEqual([
      { field: 'phone', label: '联系电话', from: '139****0001', to: '137****0002' },
      { field: 'category', label: '党员类别', from: '居民党员', to: '离退休党员' },
      { field: 'orgName', label: '所在支部', from: '和平社区第一党支部', to: '和平社区第二党支部' },
    ]);
    expect(outcome.update.member).toMatchObject({
      education: '大专',
      residence: '3号楼',
      orgId: 11,
      tags: ['书法', '象棋'],
    });
    expect(outcome.update.movedTo).toEqual({ id: 11, name: '和平社区第二党支部' });
    expect(outcome.update.raw).toContainEqual(['phone', '13900000001', '13700000002']);
  });

  it('makes a probationary member full when 转正时间 is filled, and refuses what the profile rules refuse', () => {
    const probationary = { ...record, status: 'probationary', full_member_on: null, joined_on: '2025-12-01' };
    const converted = compareWithRecord(
      probationary,
      row({ fullMemberOn: '2026-12-01', status: 'full' }, ['name', 'idNumber', 'fullMemberOn']),
      names,
      today,
    );
    expect(converted.kind === 'update' && converted.update.changes.map((c) => [c.field, c.to])).toEqual([
      ['fullMemberOn', '2026-12-01'],
      ['status', '正式党员'],
    ]);
    const early = compareWithRecord(
      probationary,
      row({ fullMemberOn: '2020-01-01', status: 'full' }, ['name', 'idNumber', 'fullMemberOn']),
      names,
      today,
    );
    expect(early).toEqual({ kind: 'refused', problems: [{ field: 'fullMemberOn', message: '不能早于入党时间' }] });
  });
});
