import type { OrgType } from './org-types.js';

/** Every permission the platform checks. The server is the authority; the UI uses the same list to hide what it may not do. */
export const PERMISSIONS = [
  'org.read',
  'org.write',
  'member.read',
  'member.write',
  'member.sensitive',
  /** A party member acting for themselves: register with their home community (双报到). */
  'self.in_service',
  'account.read',
  'account.write',
  'audit.read',
  /** 定时任务: the platform's scheduled jobs (with a root-organisation account only). */
  'system.jobs',
  /** 志愿服务: see teams, activities, hours and the quarterly sheets in scope. */
  'volunteer.read',
  /** 志愿服务: form teams, publish activities, confirm attendance, hours and self-reported service. */
  'volunteer.write',
  /** A party member volunteering for themselves: sign up, cancel, report service, their hours and certificate. */
  'self.volunteer',
  /** 组织生活: see meetings, standings, dues and appraisals in scope. */
  'orglife.read',
  /** 组织生活: record meetings and attendance, dues payments, democratic appraisal. */
  'orglife.write',
  /** A party member's own organisational life: their meetings, leave before one, their dues paid up to. */
  'self.orglife',
  /** 服务群众: see residents' requests, micro-wishes, queues, grids and the rates in scope. */
  'serve.read',
  /** 服务群众: accept, dispatch, merge, decline and close requests; confirm residents; draw grids. */
  'serve.write',
  /** A party member serving residents: micro-wishes of their community, requests dispatched to them. */
  'self.serve',
  /** A resident for themselves (the phone pages only): their requests, ratings, bookings. */
  'resident.self',
  /** 困难群体: the register of vulnerable residents and care visits (full records only at the community). */
  'care.read',
  'care.write',
  /** 共驻共建: resident units, the big committee, zones, joint meetings, the three lists, facilities, consultations. */
  'cobuild.read',
  'cobuild.write',
  /** A resident unit's liaison for their own unit: its tasks, resources, facilities, bookings, consultations. */
  'cobuild.unit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'sysadmin',
  'org_department',
  'street_committee',
  'community_committee',
  'branch_secretary',
  'unit_liaison',
  'member',
  'resident',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  sysadmin: '系统管理员',
  org_department: '组织部',
  street_committee: '街道党工委',
  community_committee: '社区党委',
  branch_secretary: '支部书记',
  unit_liaison: '驻区单位联络员',
  member: '党员',
  resident: '居民',
};

/** The one role → permissions map. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sysadmin: PERMISSIONS,
  org_department: [
    'org.read',
    'org.write',
    'member.read',
    'member.write',
    'member.sensitive',
    'audit.read',
    'self.in_service',
    'volunteer.read',
    'volunteer.write',
    'orglife.read',
    'orglife.write',
    'serve.read',
    'serve.write',
    'care.read',
    'care.write',
    'cobuild.read',
    'cobuild.write',
  ],
  street_committee: [
    'org.read',
    'org.write',
    'member.read',
    'member.write',
    'member.sensitive',
    'audit.read',
    'self.in_service',
    'volunteer.read',
    'volunteer.write',
    'orglife.read',
    'orglife.write',
    'serve.read',
    'serve.write',
    'care.read',
    'care.write',
    'cobuild.read',
    'cobuild.write',
  ],
  community_committee: [
    'org.read',
    'org.write',
    'member.read',
    'member.write',
    'member.sensitive',
    'audit.read',
    'self.in_service',
    'volunteer.read',
    'volunteer.write',
    'orglife.read',
    'orglife.write',
    'serve.read',
    'serve.write',
    'care.read',
    'care.write',
    'cobuild.read',
    'cobuild.write',
  ],
  branch_secretary: [
    'org.read',
    'member.read',
    'member.write',
    'self.in_service',
    'volunteer.read',
    'volunteer.write',
    'orglife.read',
    'orglife.write',
    'serve.read',
    'self.serve',
  ],
  unit_liaison: ['org.read', 'member.read', 'self.in_service', 'volunteer.read', 'cobuild.unit'],
  member: ['org.read', 'self.in_service', 'self.volunteer', 'self.orglife', 'self.serve'],
  /** A resident: the phone pages only, their own requests and bookings; no organisation or member reads. */
  resident: ['resident.self'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Which organisation types an account of each role may be bound to. */
export const ROLE_ORG_TYPES: Record<Role, readonly OrgType[] | 'any'> = {
  sysadmin: 'any',
  org_department: ['city_committee', 'district_committee'],
  street_committee: ['street_committee'],
  community_committee: ['community_committee', 'big_community_committee'],
  branch_secretary: [
    'primary_committee',
    'general_branch',
    'branch',
    'joint_branch',
    'floating_branch',
    'temporary_branch',
    'retired_branch',
    'grid_branch',
  ],
  unit_liaison: 'any',
  member: 'any',
  resident: ['community_committee', 'big_community_committee'],
};

export function roleFitsOrg(role: Role, orgType: OrgType): boolean {
  const allowed = ROLE_ORG_TYPES[role];
  return allowed === 'any' || allowed.includes(orgType);
}

export const ACCOUNT_STATUSES = ['disabled', 'locked', 'mustChangePassword', 'active'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const ACCOUNT_STATUS_LABELS: Record<AccountStatus, string> = {
  disabled: '已停用',
  locked: '已锁定',
  mustChangePassword: '待改密',
  active: '正常',
};

/** One status per account, the most restrictive first: as the accounts page shows it and its export says it. */
export function accountStatus(a: { disabled: boolean; locked: boolean; mustChangePassword: boolean }): AccountStatus {
  if (a.disabled) return 'disabled';
  if (a.locked) return 'locked';
  return a.mustChangePassword ? 'mustChangePassword' : 'active';
}
