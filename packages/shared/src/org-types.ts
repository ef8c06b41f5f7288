/** Organisation types of the party tree (DOMAIN.md §1). */
export const ORG_TYPES = [
  'city_committee',
  'district_committee',
  'street_committee',
  'community_committee',
  'big_community_committee',
  'primary_committee',
  'general_branch',
  'branch',
  'joint_branch',
  'floating_branch',
  'temporary_branch',
  'retired_branch',
  'grid_branch',
  'group',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  city_committee: '市委',
  district_committee: '县区委',
  street_committee: '街道党工委',
  community_committee: '社区党委',
  big_community_committee: '社区大党委',
  primary_committee: '基层党委',
  general_branch: '党总支',
  branch: '党支部',
  joint_branch: '联合党支部',
  floating_branch: '流动党员党支部',
  temporary_branch: '临时党支部',
  retired_branch: '离退休党支部',
  grid_branch: '楼院(网格)党支部',
  group: '党小组',
};

/** Where an organisation sits: the regional tree, a resident unit, or a new organisation (两新组织). */
export const ORG_SECTORS = ['regional', 'resident_unit', 'new_economic', 'new_social'] as const;
export type OrgSector = (typeof ORG_SECTORS)[number];
export const ORG_SECTOR_LABELS: Record<OrgSector, string> = {
  regional: '地方(社区)',
  resident_unit: '驻区单位',
  new_economic: '非公企业',
  new_social: '社会组织',
};

const BRANCH_LIKE: readonly OrgType[] = [
  'branch',
  'joint_branch',
  'floating_branch',
  'temporary_branch',
  'retired_branch',
  'grid_branch',
];
const COMMUNITY: readonly OrgType[] = ['community_committee', 'big_community_committee'];

/** Which child types each organisation type may hold (city → district → street → community → branch → group). */
export const ORG_CHILD_TYPES: Record<OrgType, readonly OrgType[]> = {
  city_committee: ['district_committee', 'primary_committee', 'general_branch', ...BRANCH_LIKE],
  district_committee: ['street_committee', 'primary_committee', 'general_branch', ...BRANCH_LIKE],
  street_committee: [...COMMUNITY, 'primary_committee', 'general_branch', ...BRANCH_LIKE],
  community_committee: ['primary_committee', 'general_branch', ...BRANCH_LIKE],
  big_community_committee: ['primary_committee', 'general_branch', ...BRANCH_LIKE],
  primary_committee: ['general_branch', ...BRANCH_LIKE],
  general_branch: [...BRANCH_LIKE],
  branch: ['group'],
  joint_branch: ['group'],
  floating_branch: ['group'],
  temporary_branch: ['group'],
  retired_branch: ['group'],
  grid_branch: ['group'],
  group: [],
};

export function canContain(parent: OrgType, child: OrgType): boolean {
  return ORG_CHILD_TYPES[parent].includes(child);
}

/** Types that may be the root of a deployment (no parent). */
export const ROOT_ORG_TYPES: readonly OrgType[] = ['city_committee', 'district_committee'];
