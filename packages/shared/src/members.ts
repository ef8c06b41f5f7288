/** Member enums used from the foundation on; the members issue adds the rest of the profile. */
export const MEMBER_STATUSES = ['full', 'probationary'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = { full: '正式党员', probationary: '预备党员' };

export const MEMBER_CATEGORIES = [
  'resident',
  'in_service',
  'unemployed',
  'floating',
  'retired',
  'retired_cadre',
] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];
export const MEMBER_CATEGORY_LABELS: Record<MemberCategory, string> = {
  resident: '居民党员',
  in_service: '在职党员',
  unemployed: '下岗失业党员',
  floating: '流动党员',
  retired: '离退休党员',
  retired_cadre: '离休干部党员',
};
