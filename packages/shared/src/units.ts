import type { NewOrgKind } from './org-system.js';

/** Kinds of resident units (驻区单位, DOMAIN §4). */
export const UNIT_KINDS = [
  'organ',
  'institution',
  'state_enterprise',
  'private_enterprise',
  'school',
  'hospital',
  'social_organization',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  organ: '机关',
  institution: '事业单位',
  state_enterprise: '国有企业',
  private_enterprise: '非公企业',
  school: '学校',
  hospital: '医院',
  social_organization: '社会组织',
  other: '其他',
};

/** The unit's management relation to the community (seed 004). */
export const UNIT_RELATIONS = ['direct', 'dual', 'cooperate'] as const;
export type UnitRelation = (typeof UNIT_RELATIONS)[number];
export const UNIT_RELATION_LABELS: Record<UnitRelation, string> = {
  direct: '直接管理',
  dual: '双重管理',
  cooperate: '协作',
};

/**
 * A new organisation of the 两新组织 registry seen as a resident unit: an enterprise is a 非公企业, the others are
 * social organisations. The database view `resident_units_v` applies the same mapping (keep them equal).
 */
export function unitKindOfNewOrg(kind: NewOrgKind): UnitKind {
  switch (kind) {
    case 'enterprise':
      return 'private_enterprise';
    case 'social_organization':
    case 'private_non_enterprise':
    case 'intermediary':
      return 'social_organization';
  }
}

/** Coverage of collaboration zones (党建协作区, seed 000): communities in any zone over all communities. */
export type ZoneCoverage = {
  zones: number;
  communities: number;
  coveredCommunities: number;
  organizations: number;
  /** Percent, rounded to a whole number; null when there is no community. */
  percent: number | null;
};

export function zoneCoverage(input: {
  zones: number;
  communities: number;
  coveredCommunities: number;
  organizations: number;
}): ZoneCoverage {
  const covered = Math.min(input.coveredCommunities, input.communities);
  return {
    ...input,
    coveredCommunities: covered,
    percent: input.communities === 0 ? null : Math.round((covered * 100) / input.communities),
  };
}

/**
 * The composition of a community committee (seed 004: 14 members, 10 of them part-time from resident units), from
 * its current posts: each person counts once; a person is part-time (兼职委员) when a post of theirs names a unit of
 * the registry or is a 兼职委员 post (a unit named as text only, before the registry); `units` the distinct units.
 */
export type CommitteePost = {
  personName: string;
  memberId: number | null;
  position: string;
  homeUnitId: number | null;
};
export type CommitteeComposition = { members: number; partTime: number; units: number };

export const isPartTimePost = (p: Pick<CommitteePost, 'position' | 'homeUnitId'>) =>
  p.homeUnitId !== null || p.position === 'part_time_member';

export function committeeComposition(posts: readonly CommitteePost[]): CommitteeComposition {
  const people = new Map<string, { partTime: boolean; unitId: number | null }>();
  for (const p of posts) {
    const key = p.memberId !== null ? `m${p.memberId}` : `n${p.personName.trim()}`;
    const prev = people.get(key) ?? { partTime: false, unitId: null };
    people.set(key, { partTime: prev.partTime || isPartTimePost(p), unitId: prev.unitId ?? p.homeUnitId });
  }
  const all = [...people.values()];
  const units = new Set(all.map((p) => p.unitId).filter((u) => u !== null));
  return { members: all.length, partTime: all.filter((p) => p.partTime).length, units: units.size };
}
