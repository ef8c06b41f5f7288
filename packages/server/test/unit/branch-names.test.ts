import { describe, expect, it } from 'vitest';
import { BranchMatcher, type NamedOrg, placeOf, withoutRemarks } from '../../src/members/import/branch-names.js';

// The demo city's shape: a street, two communities, their branches and groups.
const orgs: NamedOrg[] = [
  { id: 1, parentId: null, name: '中共云岭市委员会' },
  { id: 2, parentId: 1, name: '和平街道党工委' },
  { id: 10, parentId: 2, name: '和平社区大党委' },
  { id: 11, parentId: 10, name: '和平社区第一党支部' },
  { id: 12, parentId: 10, name: '和平社区第二党支部' },
  { id: 13, parentId: 10, name: '和平社区第三党支部' },
  { id: 14, parentId: 11, name: '和平社区第一党支部第一党小组' },
  { id: 15, parentId: 10, name: '和平社区离退休党支部' },
  { id: 20, parentId: 2, name: '中共幸福社区委员会' },
  { id: 21, parentId: 20, name: '幸福社区第一党支部' },
  { id: 22, parentId: 20, name: '幸福社区第三党支部(楼院)' },
];
const under = (root: number) => {
  const ids = new Set([root]);
  for (const org of orgs) if (org.parentId !== null && ids.has(org.parentId)) ids.add(org.id);
  return new BranchMatcher(orgs, (org) => ids.has(org.id));
};
const resolved = (matcher: BranchMatcher, value: string) => {
  const m = matcher.match(value);
  if (m.kind === 'exact' || m.kind === 'short') return [m.kind, m.org.id];
  if (m.kind === 'ambiguous') return ['ambiguous', m.candidates.map((c) => c.id)];
  return ['none'];
};

describe('所在支部 as rosters write it', () => {
  it.each([
    ['和平社区第一党支部', ['exact', 11]],
    [' 和平社区 第一党支部 ', ['exact', 11]],
    ['第一党支部', ['short', 11]],
    ['第三党支部（楼院）', ['short', 13]],
    ['第三党支部(楼院)', ['short', 13]],
    ['和平社区第三党支部【老楼】', ['short', 13]],
    ['离退休党支部', ['short', 15]],
    ['第一党小组', ['short', 14]],
    ['第一党支部第一党小组', ['short', 14]],
    ['第九党支部', ['none']],
    ['党支部', ['none']],
  ])('in 和平社区: %s', (value, expected) => {
    expect(resolved(under(10), value)).toEqual(expected);
  });

  it('says ambiguous when a short name fits two organisations of the subtree, and never guesses', () => {
    const street = under(2);
    expect(resolved(street, '第一党支部')).toEqual(['ambiguous', [11, 21]]);
    expect(resolved(street, '和平社区第一党支部')).toEqual(['exact', 11]);
    // A committee named 中共…委员会 gives its place too; the branch's own remark is dropped.
    expect(resolved(street, '幸福社区第三党支部')).toEqual(['short', 22]);
    expect(resolved(street, '第三党支部')).toEqual(['ambiguous', [13, 22]]);
    expect(resolved(under(20), '第三党支部')).toEqual(['short', 22]);
    expect(resolved(under(20), '第一党支部')).toEqual(['short', 21]);
  });

  it('matches only inside the chosen subtree', () => {
    expect(resolved(under(20), '和平社区第一党支部')).toEqual(['none']);
    expect(resolved(under(11), '第二党支部')).toEqual(['none']);
  });

  it('finds places and drops remarks', () => {
    expect(placeOf('和平社区大党委')).toBe('和平社区');
    expect(placeOf('中共幸福社区委员会')).toBe('幸福社区');
    expect(placeOf('和平街道党工委')).toBe('和平街道');
    expect(placeOf('和平社区第一党支部')).toBeNull();
    expect(withoutRemarks('第三党支部（楼院（东））')).toBe('第三党支部');
    expect(withoutRemarks('第 三 党支部 [注]')).toBe('第三党支部');
  });
});
