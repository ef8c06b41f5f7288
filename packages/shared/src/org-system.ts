import { addMonths, addYears } from './dates.js';
import type { OrgType } from './org-types.js';

/** Posts of a leadership team (班子). 兼职委员 come from a resident unit (004: big community committee). */
export const TEAM_POSITIONS = [
  'secretary',
  'deputy_secretary',
  'organization_member',
  'publicity_member',
  'discipline_member',
  'member',
  'part_time_member',
] as const;
export type TeamPosition = (typeof TEAM_POSITIONS)[number];
export const TEAM_POSITION_LABELS: Record<TeamPosition, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  organization_member: '组织委员',
  publicity_member: '宣传委员',
  discipline_member: '纪检委员',
  member: '委员',
  part_time_member: '兼职委员',
};

/** Posts in the residents' committee a party post-holder may also hold (交叉任职, 000). */
export const RESIDENTS_POSTS = ['director', 'deputy_director', 'member'] as const;
export type ResidentsPost = (typeof RESIDENTS_POSTS)[number];
export const RESIDENTS_POST_LABELS: Record<ResidentsPost, string> = {
  director: '居委会主任',
  deputy_director: '居委会副主任',
  member: '居委会委员',
};

/** How an organisation is managed (004): directly by its party parent, or jointly with its unit's own line. */
export const ORG_MANAGEMENT_MODES = ['direct', 'dual'] as const;
export type OrgManagementMode = (typeof ORG_MANAGEMENT_MODES)[number];
export const ORG_MANAGEMENT_MODE_LABELS: Record<OrgManagementMode, string> = { direct: '直接管理', dual: '双重管理' };

/** Kinds of new economic and social organisations (两新组织). */
export const NEW_ORG_KINDS = ['enterprise', 'social_organization', 'private_non_enterprise', 'intermediary'] as const;
export type NewOrgKind = (typeof NEW_ORG_KINDS)[number];
export const NEW_ORG_KIND_LABELS: Record<NewOrgKind, string> = {
  enterprise: '非公企业',
  social_organization: '社会组织',
  private_non_enterprise: '民办非企业单位',
  intermediary: '中介组织',
};
export const newOrgSector = (kind: NewOrgKind): 'new_economic' | 'new_social' =>
  kind === 'enterprise' ? 'new_economic' : 'new_social';

// ---------------------------------------------------------------------------------------------------
// Terms (换届)

/**
 * Term length in years by type: community committees and other primary-level committees (and the city and
 * district committees) serve 5 years; general branches and branches 3 years. A street 党工委 is a dispatched
 * body and a party group is not elected: no term.
 */
export function termYears(type: OrgType): number | null {
  switch (type) {
    case 'city_committee':
    case 'district_committee':
    case 'community_committee':
    case 'big_community_committee':
    case 'primary_committee':
      return 5;
    case 'general_branch':
    case 'branch':
    case 'joint_branch':
    case 'floating_branch':
    case 'temporary_branch':
    case 'retired_branch':
    case 'grid_branch':
      return 3;
    case 'street_committee':
    case 'group':
      return null;
  }
}

/** How far ahead a term reminder comes (事前提醒). */
export const TERM_REMINDER_MONTHS = 6;

export const TERM_STATUSES = ['overdue', 'ending', 'current'] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];
export const TERM_STATUS_LABELS: Record<TermStatus, string> = {
  overdue: '已到期未换届',
  ending: '6个月内到期',
  current: '任期内',
};

export function termEndsOn(type: OrgType, startedOn: string): string | null {
  const years = termYears(type);
  return years === null ? null : addYears(startedOn, years);
}

export function termStatus(endsOn: string, today: string): TermStatus {
  if (endsOn <= today) return 'overdue';
  if (endsOn <= addMonths(today, TERM_REMINDER_MONTHS)) return 'ending';
  return 'current';
}

// ---------------------------------------------------------------------------------------------------
// Establishment rules (支部工作条例), each with its reason in Chinese

export const RULE_CODES = [
  'must_form_branch',
  'consider_general_branch',
  'consider_primary_committee',
  'joint_branch_too_many_units',
  'committee_not_needed',
  'committee_required',
  'committee_too_large',
  'secretary_missing',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];
export const RULE_LABELS: Record<RuleCode, string> = {
  must_form_branch: '应成立党支部',
  consider_general_branch: '可成立党总支',
  consider_primary_committee: '可成立基层党委',
  joint_branch_too_many_units: '联合党支部覆盖单位过多',
  committee_not_needed: '不足7人不设支委会',
  committee_required: '应设支部委员会',
  committee_too_large: '支委会人数过多',
  secretary_missing: '书记空缺',
};

export const BRANCH_TYPES: readonly OrgType[] = [
  'branch',
  'joint_branch',
  'floating_branch',
  'temporary_branch',
  'retired_branch',
  'grid_branch',
];
/** Committees whose members should sit in branches under them rather than directly. */
const COMMITTEE_TYPES: readonly OrgType[] = [
  'community_committee',
  'big_community_committee',
  'primary_committee',
  'general_branch',
];

export const JOINT_BRANCH_MAX_UNITS = 5;

/** What the rules need to know about one organisation, all from its records. */
export type OrgFacts = {
  type: OrgType;
  /** Full members attached to the organisation itself (not to an organisation under it). */
  directFullMembers: number;
  /** Full and probationary members of the whole subtree. */
  totalMembers: number;
  /** Full members of the whole subtree. */
  totalFullMembers: number;
  /** Current holders of a post other than 书记/副书记 (委员 of every kind). */
  committeeMembers: number;
  /** Everyone currently on the team, secretary included. */
  teamSize: number;
  hasSecretary: boolean;
  /** Units a joint branch covers. */
  coveredUnits: number;
};

export type RuleViolation = { rule: RuleCode; reason: string };

export function checkEstablishment(f: OrgFacts): RuleViolation[] {
  const found: RuleViolation[] = [];
  const add = (rule: RuleCode, reason: string) => found.push({ rule, reason });
  const isBranch = BRANCH_TYPES.includes(f.type);

  if (COMMITTEE_TYPES.includes(f.type) && f.directFullMembers >= 3) {
    add(
      'must_form_branch',
      `有${f.directFullMembers}名正式党员直接隶属本组织、未编入支部：正式党员3人以上的，应当成立党支部`,
    );
  }
  if ((isBranch || f.type === 'general_branch') && f.totalMembers > 100) {
    add('consider_primary_committee', `党员${f.totalMembers}人，超过100人：可成立党的基层委员会`);
  } else if (isBranch && f.totalMembers > 50) {
    add('consider_general_branch', `党员${f.totalMembers}人，超过50人：党支部党员一般不超过50人，可成立党总支`);
  }
  if (f.type === 'joint_branch' && f.coveredUnits > JOINT_BRANCH_MAX_UNITS) {
    add(
      'joint_branch_too_many_units',
      `覆盖${f.coveredUnits}个单位：联合党支部覆盖单位一般不超过${JOINT_BRANCH_MAX_UNITS}个`,
    );
  }
  if (isBranch) {
    if (f.totalFullMembers < 7 && f.committeeMembers > 0) {
      add('committee_not_needed', `正式党员${f.totalFullMembers}人，不足7人：不设支部委员会，只设书记，必要时设副书记`);
    } else if (f.totalFullMembers >= 7 && f.teamSize < 3) {
      add('committee_required', `正式党员${f.totalFullMembers}人，7人以上：应当设立支部委员会，由3至5人组成`);
    }
    if (f.teamSize > 7) add('committee_too_large', `支部委员会${f.teamSize}人：一般不超过7人`);
  }
  if (f.type !== 'group' && f.type !== 'street_committee' && !f.hasSecretary) {
    add('secretary_missing', '书记岗位空缺：应及时选配书记');
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Coverage of new organisations (001, 002, 003)

export const COVERAGE_STATUSES = ['own_org', 'joint_branch', 'instructor', 'blank'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];
export const COVERAGE_STATUS_LABELS: Record<CoverageStatus, string> = {
  own_org: '单独建立党组织',
  joint_branch: '联合党支部覆盖',
  instructor: '仅派党建指导员',
  blank: '空白点',
};

export function coverageStatus(n: {
  ownOrgId: number | null;
  jointBranchId: number | null;
  instructor: string | null;
}): CoverageStatus {
  if (n.ownOrgId !== null) return 'own_org';
  if (n.jointBranchId !== null) return 'joint_branch';
  if (n.instructor) return 'instructor';
  return 'blank';
}

export type CoverageCounts = Record<CoverageStatus, number> & {
  total: number;
  /** Party organisations cover it: its own or a joint branch (组织覆盖率). */
  orgRate: number;
  /** Party work reaches it: an organisation or at least an instructor (工作覆盖率). */
  workRate: number;
};

const rate = (part: number, total: number) => (total === 0 ? 0 : Math.round((part / total) * 1000) / 10);

export function coverageCounts(statuses: readonly CoverageStatus[]): CoverageCounts {
  const c = { own_org: 0, joint_branch: 0, instructor: 0, blank: 0 };
  for (const s of statuses) c[s] += 1;
  return coverageRates(c);
}

/** Totals and the two coverage rates (percent, one decimal) from the number of units in each status. */
/** A coverage rate as shown and exported: `75.0%`, or `—` where there is no new organisation at all. */
export function coverageRateText(total: number, rate: number): string {
  return total === 0 ? '—' : `${rate.toFixed(1)}%`;
}

export function coverageRates(c: Record<CoverageStatus, number>): CoverageCounts {
  const total = c.own_org + c.joint_branch + c.instructor + c.blank;
  return {
    own_org: c.own_org,
    joint_branch: c.joint_branch,
    instructor: c.instructor,
    blank: c.blank,
    total,
    orgRate: rate(c.own_org + c.joint_branch, total),
    workRate: rate(c.own_org + c.joint_branch + c.instructor, total),
  };
}

export const REMEDY_KINDS = ['own_branch', 'joint_branch', 'instructor'] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];
export const REMEDY_LABELS: Record<RemedyKind, string> = {
  own_branch: '单独建立党支部',
  joint_branch: '与相邻同行业单位建立联合党支部',
  instructor: '选派党建指导员',
};

export type BlankSpot = { id: number; communityId: number; industry: string; partyMembers: number };
export type Remedy = { kind: RemedyKind; reason: string; partnerIds: number[] };

/**
 * The remedy the rules suggest for each blank spot: its own branch with 3 or more members; otherwise a joint
 * branch with neighbours of the same community and industry (at most 5 units, 3 or more members together);
 * otherwise — or when it has no members at all — a party-building instructor. `partnerIds` lists every unit
 * of a proposed joint branch, the spot itself included, in id order.
 */
export function proposeRemedies(blanks: readonly BlankSpot[]): Map<number, Remedy> {
  const out = new Map<number, Remedy>();
  const groups = new Map<string, BlankSpot[]>();
  for (const b of [...blanks].sort((a, z) => a.id - z.id)) {
    if (b.partyMembers >= 3) {
      out.set(b.id, {
        kind: 'own_branch',
        reason: `有${b.partyMembers}名党员，正式党员3人以上的应单独建立党支部`,
        partnerIds: [b.id],
      });
    } else if (b.partyMembers === 0) {
      out.set(b.id, { kind: 'instructor', reason: '暂无党员，应选派党建指导员开展工作', partnerIds: [] });
    } else {
      const key = `${b.communityId}\u0000${b.industry}`;
      groups.set(key, [...(groups.get(key) ?? []), b]);
    }
  }
  for (const members of groups.values()) {
    for (let i = 0; i < members.length; i += JOINT_BRANCH_MAX_UNITS) {
      const chunk = members.slice(i, i + JOINT_BRANCH_MAX_UNITS);
      const total = chunk.reduce((n, b) => n + b.partyMembers, 0);
      for (const b of chunk) {
        out.set(
          b.id,
          chunk.length > 1 && total >= 3
            ? {
                kind: 'joint_branch',
                reason: `党员不足3人，与同社区同行业的${chunk.length - 1}个单位（共${total}名党员）组建联合党支部`,
                partnerIds: chunk.map((c) => c.id),
              }
            : {
                kind: 'instructor',
                reason: '党员不足3人且附近无可联建的同行业单位，先选派党建指导员',
                partnerIds: [],
              },
        );
      }
    }
  }
  return out;
}
