import {
  GENDER_LABELS,
  MANAGEMENT_MODE_LABELS,
  MEMBER_CATEGORY_LABELS,
  MEMBER_FIELD_LABELS,
  MEMBER_STATUS_LABELS,
  ORG_MANAGEMENT_MODE_LABELS,
  ORG_SECTOR_LABELS,
  ORG_TYPE_LABELS,
  ROLE_LABELS,
} from '@gongjian/shared';

/**
 * The trail records rows as the database holds them (`display_name`, `org_id`, `role: "branch_secretary"`);
 * the audit page shows them by the names the forms use. Labels come from the shared package where a form has
 * them (the member profile's fields, the enums' labels); the rest are the columns' names in the console.
 */

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const snakeKeys = (labels: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(labels).map(([key, label]) => [snake(key), label]));

/** Columns every audited table may carry. */
const COMMON: Record<string, string> = {
  id: 'ID',
  org_id: '所属组织',
  member_id: '党员',
  created_at: '创建时间',
  updated_at: '更新时间',
};

export const AUDIT_FIELD_LABELS: Record<string, Record<string, string>> = {
  member: {
    ...COMMON,
    ...snakeKeys(MEMBER_FIELD_LABELS),
    org_id: '所在党组织',
    birth_date: '出生日期',
    name_pinyin: '姓名拼音',
    name_initials: '姓名首字母',
    sort_key: '排序键',
    left_on: '离开日期',
    left_reason: '离开原因',
  },
  organization: {
    ...COMMON,
    parent_id: '上级组织',
    path: '组织路径',
    name: '名称',
    type: '组织类型',
    sector: '所属领域',
    code: '组织编码',
    founded_on: '成立日期',
    address: '地址',
    unit_name: '所在单位',
    management_mode: '管理方式',
    term_started_on: '本届任期开始日期',
    full_members: '正式党员数',
    probationary_members: '预备党员数',
  },
  account: {
    ...COMMON,
    username: '用户名',
    display_name: '姓名',
    role: '角色',
    member_id: '关联党员',
    disabled: '已停用',
    must_change_password: '须修改密码',
    failed_logins: '连续登录失败次数',
    locked_until: '锁定至',
    last_login_at: '最近登录',
  },
};

/** Enum values shown by their labels, per entity and column. */
export const AUDIT_VALUE_LABELS: Record<string, Record<string, Record<string, string>>> = {
  member: {
    gender: GENDER_LABELS,
    status: MEMBER_STATUS_LABELS,
    category: MEMBER_CATEGORY_LABELS,
    management_mode: MANAGEMENT_MODE_LABELS,
  },
  organization: { type: ORG_TYPE_LABELS, sector: ORG_SECTOR_LABELS, management_mode: ORG_MANAGEMENT_MODE_LABELS },
  account: { role: ROLE_LABELS },
};

/** Columns holding an organisation's id, whose name the page shows when the reader's scope holds it. */
export const ORG_ID_FIELDS = ['org_id', 'parent_id', 'from_org_id', 'to_org_id', 'own_org_id', 'unit_org_id'] as const;
/** Columns holding a member's id, shown by name likewise. */
export const MEMBER_ID_FIELDS = ['member_id'] as const;
