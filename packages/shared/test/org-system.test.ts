import { describe, expect, it } from 'vitest';
import {
  addYears,
  checkEstablishment,
  coverageCounts,
  coverageStatus,
  type OrgFacts,
  parseUscc,
  proposeRemedies,
  termEndsOn,
  termStatus,
  termYears,
  usccCheckChar,
} from '../src/index.js';

describe('统一社会信用代码 (GB 32100)', () => {
  it.each([
    ['91350100M000100Y43', null],
    ['91110000600037341L', null],
    [' 91350100m000100y43 ', null],
    ['91350100M000100Y44', '校验码不正确'],
    ['91350100M000100Y4', '应为18位'],
    ['91350100M000100I43', '只能包含数字和大写字母（不含I、O、S、V、Z）'],
    ['91ABCDEFM000100Y43', '第3至8位应为行政区划代码'],
  ])('%s → %s', (code, problem) => {
    const result = parseUscc(code);
    expect(result.ok ? null : result.reason).toBe(problem);
  });

  it('computes the check character', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });
});

describe('terms', () => {
  it.each([
    ['big_community_committee', 5],
    ['community_committee', 5],
    ['primary_committee', 5],
    ['general_branch', 3],
    ['branch', 3],
    ['joint_branch', 3],
    ['retired_branch', 3],
    ['street_committee', null],
    ['group', null],
  ] as const)('%s serves %s years', (type, years) => {
    expect(termYears(type)).toBe(years);
  });

  it.each([
    ['2021-03-15', 5, '2026-03-15'],
    ['2024-02-29', 3, '2027-02-28'],
    ['2020-12-31', 3, '2023-12-31'],
  ])('%s + %s years = %s', (start, years, end) => {
    expect(addYears(start, years)).toBe(end);
  });

  it.each([
    ['2026-11-21', '2026-11-22', 'overdue'],
    ['2026-11-22', '2026-11-22', 'overdue'],
    ['2026-11-23', '2026-11-22', 'ending'],
    ['2027-05-22', '2026-11-22', 'ending'],
    ['2027-05-23', '2026-11-22', 'current'],
    ['2028-01-01', '2026-11-22', 'current'],
  ] as const)('a term ending %s on %s is %s', (ends, today, status) => {
    expect(termStatus(ends, today)).toBe(status);
  });

  it('ends a term from its start and type', () => {
    expect(termEndsOn('community_committee', '2021-06-01')).toBe('2026-06-01');
    expect(termEndsOn('branch', '2021-06-01')).toBe('2024-06-01');
    expect(termEndsOn('group', '2021-06-01')).toBeNull();
  });
});

const facts = (over: Partial<OrgFacts>): OrgFacts => ({
  type: 'branch',
  directFullMembers: 5,
  totalMembers: 5,
  totalFullMembers: 5,
  committeeMembers: 0,
  teamSize: 1,
  hasSecretary: true,
  coveredUnits: 0,
  ...over,
});

describe('establishment rules', () => {
  it.each([
    ['a small branch with a secretary', facts({}), []],
    [
      'a community committee with 3 full members held directly',
      facts({ type: 'community_committee', directFullMembers: 3 }),
      ['must_form_branch'],
    ],
    [
      'a community committee with 2 full members held directly',
      facts({ type: 'community_committee', directFullMembers: 2 }),
      [],
    ],
    ['a branch of 50', facts({ totalMembers: 50, totalFullMembers: 50, teamSize: 5, committeeMembers: 3 }), []],
    [
      'a branch of 51',
      facts({ totalMembers: 51, totalFullMembers: 51, teamSize: 5, committeeMembers: 3 }),
      ['consider_general_branch'],
    ],
    [
      'a branch of 101',
      facts({ totalMembers: 101, totalFullMembers: 101, teamSize: 5, committeeMembers: 3 }),
      ['consider_primary_committee'],
    ],
    [
      'a general branch of 101',
      facts({ type: 'general_branch', directFullMembers: 0, totalMembers: 101 }),
      ['consider_primary_committee'],
    ],
    ['a joint branch of 5 units', facts({ type: 'joint_branch', coveredUnits: 5 }), []],
    ['a joint branch of 6 units', facts({ type: 'joint_branch', coveredUnits: 6 }), ['joint_branch_too_many_units']],
    [
      '6 full members with a 组织委员',
      facts({ totalFullMembers: 6, committeeMembers: 1, teamSize: 2 }),
      ['committee_not_needed'],
    ],
    ['6 full members with secretary and deputy', facts({ totalFullMembers: 6, teamSize: 2 }), []],
    [
      '7 full members and only a secretary',
      facts({ totalFullMembers: 7, totalMembers: 7, teamSize: 1 }),
      ['committee_required'],
    ],
    [
      '7 full members and a committee of 3',
      facts({ totalFullMembers: 7, totalMembers: 7, teamSize: 3, committeeMembers: 2 }),
      [],
    ],
    [
      'a committee of 8',
      facts({ totalFullMembers: 30, totalMembers: 30, teamSize: 8, committeeMembers: 6 }),
      ['committee_too_large'],
    ],
    ['no secretary', facts({ hasSecretary: false, teamSize: 0 }), ['secretary_missing']],
    ['a group needs no secretary', facts({ type: 'group', hasSecretary: false, teamSize: 0 }), []],
    ['a street committee is not checked for a secretary', facts({ type: 'street_committee', hasSecretary: false }), []],
  ] as const)('%s', (_name, input, rules) => {
    const found = checkEstablishment(input);
    expect(found.map((v) => v.rule)).toEqual(rules);
    for (const v of found) expect(v.reason).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('gives its reason with the figures', () => {
    expect(
      checkEstablishment(facts({ totalMembers: 51, totalFullMembers: 51, teamSize: 5, committeeMembers: 3 }))[0]
        ?.reason,
    ).toContain('51');
  });
});

describe('coverage', () => {
  it.each([
    [{ ownOrgId: 1, jointBranchId: null, instructor: null }, 'own_org'],
    [{ ownOrgId: 1, jointBranchId: 2, instructor: '王' }, 'own_org'],
    [{ ownOrgId: null, jointBranchId: 2, instructor: '王' }, 'joint_branch'],
    [{ ownOrgId: null, jointBranchId: null, instructor: '王' }, 'instructor'],
    [{ ownOrgId: null, jointBranchId: null, instructor: '' }, 'blank'],
    [{ ownOrgId: null, jointBranchId: null, instructor: null }, 'blank'],
  ] as const)('%o is %s', (n, status) => {
    expect(coverageStatus(n)).toBe(status);
  });

  it('counts and rates', () => {
    expect(coverageCounts(['own_org', 'joint_branch', 'instructor', 'blank', 'blank', 'own_org'])).toEqual({
      own_org: 2,
      joint_branch: 1,
      instructor: 1,
      blank: 2,
      total: 6,
      orgRate: 50,
      workRate: 66.7,
    });
    expect(coverageCounts([])).toMatchObject({ total: 0, orgRate: 0, workRate: 0 });
  });

  const spot = (id: number, partyMembers: number, communityId = 1, industry = '餐饮') => ({
    id,
    communityId,
    industry,
    partyMembers,
  });

  it.each([
    ['3 members: its own branch', [spot(1, 3)], { 1: ['own_branch', [1]] }],
    ['no members: an instructor', [spot(1, 0)], { 1: ['instructor', []] }],
    ['alone with 2 members: an instructor', [spot(1, 2)], { 1: ['instructor', []] }],
    [
      'two neighbours of the same trade with 3 together: a joint branch',
      [spot(2, 2), spot(1, 1)],
      { 1: ['joint_branch', [1, 2]], 2: ['joint_branch', [1, 2]] },
    ],
    [
      'two neighbours with 2 together: instructors',
      [spot(1, 1), spot(2, 1)],
      { 1: ['instructor', []], 2: ['instructor', []] },
    ],
    [
      'another industry is no partner',
      [spot(1, 2), spot(2, 1, 1, '物流')],
      { 1: ['instructor', []], 2: ['instructor', []] },
    ],
    ['another community is no partner', [spot(1, 2), spot(2, 1, 2)], { 1: ['instructor', []], 2: ['instructor', []] }],
    [
      'seven small neighbours: one joint branch of 5, then 2 more',
      [1, 2, 3, 4, 5, 6, 7].map((id) => spot(id, 2)),
      {
        1: ['joint_branch', [1, 2, 3, 4, 5]],
        5: ['joint_branch', [1, 2, 3, 4, 5]],
        6: ['joint_branch', [6, 7]],
        7: ['joint_branch', [6, 7]],
      },
    ],
  ] as const)('%s', (_name, blanks, expected) => {
    const remedies = proposeRemedies(blanks);
    for (const [id, [kind, partners]] of Object.entries(expected)) {
      expect(remedies.get(Number(id))).toMatchObject({ kind, partnerIds: partners });
      expect(remedies.get(Number(id))?.reason).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
