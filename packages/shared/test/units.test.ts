import { describe, expect, it } from 'vitest';
import { NEW_ORG_KINDS } from '../src/org-system.js';
import {
  committeeComposition,
  isPartTimePost,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  UNIT_RELATION_LABELS,
  UNIT_RELATIONS,
  unitKindOfNewOrg,
  zoneCoverage,
} from '../src/units.js';

describe('unit kinds and relations', () => {
  it('label every kind and relation (seed 004: 直接管理/双重管理/协作)', () => {
    expect(UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k])).toContain('医院');
    expect(UNIT_RELATIONS.map((r) => UNIT_RELATION_LABELS[r])).toEqual(['直接管理', '双重管理', '协作']);
  });

  it.each([
    ['enterprise', 'private_enterprise'],
    ['social_organization', 'social_organization'],
    ['private_non_enterprise', 'social_organization'],
    ['intermediary', 'social_organization'],
  ] as const)('a new organisation of kind %s is a unit of kind %s', (kind, unitKind) => {
    expect(unitKindOfNewOrg(kind)).toBe(unitKind);
  });

  it('maps every new-organisation kind', () => {
    for (const k of NEW_ORG_KINDS) expect(UNIT_KINDS).toContain(unitKindOfNewOrg(k));
  });
});

describe('zone coverage', () => {
  it.each([
    // seed 000: 117 zones, 65% of the communities, 523 organisations
    [{ zones: 117, communities: 180, coveredCommunities: 117, organizations: 523 }, 65],
    [{ zones: 0, communities: 0, coveredCommunities: 0, organizations: 0 }, null],
    [{ zones: 2, communities: 3, coveredCommunities: 1, organizations: 4 }, 33],
    [{ zones: 2, communities: 3, coveredCommunities: 2, organizations: 4 }, 67],
    [{ zones: 1, communities: 2, coveredCommunities: 5, organizations: 1 }, 100],
  ])('%o is %s%', (input, percent) => {
    const c = zoneCoverage(input);
    expect(c.percent).toBe(percent);
    expect(c.coveredCommunities).toBeLessThanOrEqual(Math.max(input.communities, 0));
  });
});

describe('committee composition', () => {
  const post = (
    personName: string,
    position: string,
    homeUnitId: number | null = null,
    memberId: number | null = null,
  ) => ({
    personName,
    position,
    homeUnitId,
    memberId,
  });

  it('seed 004: 14 members, 10 of them part-time from units', () => {
    const posts = [
      post('书记', 'secretary'),
      post('副书记', 'deputy_secretary'),
      post('组织委员', 'organization_member'),
      post('宣传委员', 'publicity_member'),
      ...Array.from({ length: 10 }, (_, i) => post(`兼职${i}`, 'part_time_member', i + 1)),
    ];
    expect(committeeComposition(posts)).toEqual({ members: 14, partTime: 10, units: 10 });
  });

  it('counts a person once, part-time when any post of theirs names a unit', () => {
    expect(
      committeeComposition([
        post('张三', 'deputy_secretary', null, 7),
        post('张三（兼）', 'member', 3, 7),
        post('李四', 'part_time_member'),
        post(' 李四 ', 'member'),
        post('王五', 'member', 3),
      ]),
    ).toEqual({ members: 3, partTime: 3, units: 1 });
  });

  it('a 兼职委员 post without a registry unit is part-time; a unit on any post makes it part-time', () => {
    expect(isPartTimePost({ position: 'part_time_member', homeUnitId: null })).toBe(true);
    expect(isPartTimePost({ position: 'deputy_secretary', homeUnitId: 4 })).toBe(true);
    expect(isPartTimePost({ position: 'member', homeUnitId: null })).toBe(false);
  });
});
