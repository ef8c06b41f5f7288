import { describe, expect, it } from 'vitest';
import {
  canContain,
  hasPermission,
  ORG_CHILD_TYPES,
  ORG_TYPES,
  passwordClasses,
  passwordProblem,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  ROLES,
  roleFitsOrg,
} from '../src/index.js';

describe('password policy (等保 2.0 level 3)', () => {
  it.each([
    ['Demo@2026', null],
    ['abcdEF12', null],
    ['abcd12!@', null],
    ['ABCD12!@', null],
    ['Ab1!', '密码至少8位'],
    ['abcdefgh', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
    ['abcd1234', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
    ['ABCDabcd', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
    ['密码密码密码密码1a', null],
    ['x'.repeat(129), '密码最多128位'],
  ])('%s → %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('counts character classes', () => {
    expect(passwordClasses('aA1!')).toBe(4);
    expect(passwordClasses('aaaa')).toBe(1);
  });
});

describe('organisation tree rules', () => {
  it.each([
    ['city_committee', 'district_committee', true],
    ['district_committee', 'street_committee', true],
    ['street_committee', 'big_community_committee', true],
    ['community_committee', 'branch', true],
    ['community_committee', 'joint_branch', true],
    ['branch', 'group', true],
    ['group', 'branch', false],
    ['community_committee', 'street_committee', false],
    ['branch', 'branch', false],
    ['street_committee', 'city_committee', false],
  ] as const)('%s may contain %s: %s', (parent, child, ok) => {
    expect(canContain(parent, child)).toBe(ok);
  });

  it('every type has an entry and nothing may contain a city committee', () => {
    for (const type of ORG_TYPES) {
      expect(ORG_CHILD_TYPES[type]).toBeDefined();
      expect(canContain(type, 'city_committee')).toBe(false);
    }
  });
});

describe('roles and permissions', () => {
  it('the administrator holds every permission; members only read the tree and act for themselves', () => {
    expect([...ROLE_PERMISSIONS.sysadmin].sort()).toEqual([...PERMISSIONS].sort());
    expect(ROLE_PERMISSIONS.member).toEqual([
      'org.read',
      'self.in_service',
      'self.volunteer',
      'self.orglife',
      'self.serve',
    ]);
    for (const role of ROLES) expect(hasPermission(role, 'org.read')).toBe(role !== 'resident');
    expect(ROLE_PERMISSIONS.resident).toEqual(['resident.self']);
    expect(hasPermission('street_committee', 'account.write')).toBe(false);
  });

  it.each([
    ['street_committee', 'street_committee', true],
    ['street_committee', 'community_committee', false],
    ['community_committee', 'big_community_committee', true],
    ['org_department', 'district_committee', true],
    ['org_department', 'branch', false],
    ['branch_secretary', 'joint_branch', true],
    ['sysadmin', 'group', true],
    ['member', 'branch', true],
  ] as const)('%s may be bound to %s: %s', (role, type, ok) => {
    expect(roleFitsOrg(role, type)).toBe(ok);
  });
});
