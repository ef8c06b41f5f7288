/**
 * Serving residents (服务群众, DOMAIN §5): requests (群众诉求) and micro-wishes (微心愿), one flow — 居民点单,
 * 社区派单, 党员接单, 群众评价. Categories, statuses, the transitions as a pure function, the default deadlines and
 * the privacy of a micro-wish's name, shared by the server (zod, SQL), the console and the phone pages.
 */

export const REQUEST_KINDS = ['request', 'wish'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_KIND_LABELS: Record<RequestKind, string> = { request: '诉求', wish: '微心愿' };

export const REQUEST_CATEGORIES = [
  'elderly_disabled',
  'sanitation',
  'repair',
  'utilities',
  'safety',
  'dispute',
  'policy',
  'employment',
  'education',
  'other',
] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];
export const REQUEST_CATEGORY_LABELS: Record<RequestCategory, string> = {
  elderly_disabled: '助老助残',
  sanitation: '环境卫生',
  repair: '维修',
  utilities: '水电气暖',
  safety: '安全隐患',
  dispute: '邻里纠纷',
  policy: '政策咨询',
  employment: '就业',
  education: '助学',
  other: '其他',
};
/** Categories answered on the urgent clock (2 h to respond, 24 h to resolve by default). */
export const URGENT_CATEGORIES: readonly RequestCategory[] = ['utilities', 'safety'];
export function isUrgentCategory(category: RequestCategory): boolean {
  return URGENT_CATEGORIES.includes(category);
}

export const CONTACT_PREFS = ['phone', 'visit', 'message'] as const;
export type ContactPref = (typeof CONTACT_PREFS)[number];
export const CONTACT_PREF_LABELS: Record<ContactPref, string> = {
  phone: '电话联系',
  visit: '上门沟通',
  message: '站内消息即可',
};

export const REQUEST_STATUSES = [
  'submitted',
  'accepted',
  'dispatched',
  'open',
  'in_progress',
  'done',
  'closed',
  'declined',
  'merged',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  dispatched: '已派单',
  open: '待认领',
  in_progress: '办理中',
  done: '已办结',
  closed: '已关闭',
  declined: '不予受理',
  merged: '已合并',
};
/** Statuses a request is still being worked in (a duplicate may be merged into one of them). */
export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = [
  'submitted',
  'accepted',
  'dispatched',
  'open',
  'in_progress',
];

export const ASSIGNEE_TYPES = ['member', 'team', 'unit', 'grid'] as const;
export type AssigneeType = (typeof ASSIGNEE_TYPES)[number];
export const ASSIGNEE_TYPE_LABELS: Record<AssigneeType, string> = {
  member: '党员',
  team: '服务队',
  unit: '驻区单位',
  grid: '网格责任党员',
};

export const RATINGS = ['satisfied', 'basically', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
};

export const REQUEST_EVENT_LABELS: Record<string, string> = {
  submitted: '提交',
  accepted: '受理',
  merged: '合并',
  declined: '不予受理',
  dispatched: '派单',
  opened: '发布认领',
  claimed: '认领',
  progress: '办理进展',
  done: '办结',
  closed: '关闭',
  rated: '评价',
  reopened: '重新办理',
  escalated: '上报',
  returned: '退回',
  taken: '接办',
};

/** Text limits (characters). */
export const REQUEST_TEXT_MIN = 5;
export const REQUEST_TEXT_MAX = 500;
export const REQUEST_NOTE_MAX = 500;
export const REQUEST_REASON_MIN = 2;
export const REQUEST_REASON_MAX = 200;
export const RATING_COMMENT_MAX = 200;
export const REQUEST_PHOTOS_MAX = 3;
/** A duplicate is suggested from the same building and category submitted within these days. */
export const DUPLICATE_WINDOW_DAYS = 7;
/** Unrated this long after done, a request counts as unrated (never as satisfied); rating stays possible. */
export const RATING_WINDOW_DAYS = 7;

/** The actions of the flow. `rate` with 不满意 reopens once (see `transition`). */
export type RequestAction =
  'accept' | 'merge' | 'decline' | 'dispatch' | 'open' | 'claim' | 'progress' | 'done' | 'close' | 'rate';

export type RequestState = {
  kind: RequestKind;
  status: RequestStatus;
  /** 不满意 already reopened it once. */
  reopened: boolean;
  rating: Rating | null;
  /** The resident's residence is confirmed by the community (dispatching to members needs it). */
  residentConfirmed: boolean;
};

export type TransitionResult = { ok: true; to: RequestStatus; reopen?: boolean } | { ok: false; message: string };

const refuse = (message: string): TransitionResult => ({ ok: false, message });

/**
 * The flow as a pure function: where `action` takes a request in `state`, or the Chinese reason it may not (409).
 * submitted → accepted | merged | declined; accepted → dispatched | open (micro-wishes); open → in_progress (a
 * member claims); dispatched → in_progress → done; done → closed; done/closed → rated (不满意 the first time:
 * back to accepted, reopened).
 */
export function transition(state: RequestState, action: RequestAction, rating?: Rating): TransitionResult {
  const s = state.status;
  const label = REQUEST_STATUS_LABELS[s];
  switch (action) {
    case 'accept':
      return s === 'submitted' ? { ok: true, to: 'accepted' } : refuse(`该${kindLabel(state)}${label}，不能再受理`);
    case 'decline':
      return s === 'submitted' ? { ok: true, to: 'declined' } : refuse(`该${kindLabel(state)}${label}，不能再不予受理`);
    case 'merge':
      return s === 'submitted' || s === 'accepted'
        ? { ok: true, to: 'merged' }
        : refuse(`该${kindLabel(state)}${label}，不能合并`);
    case 'dispatch':
    case 'open': {
      if (s !== 'accepted' && s !== 'dispatched' && s !== 'open')
        return refuse(
          s === 'submitted'
            ? '请先受理再派单'
            : `该${kindLabel(state)}${label}，不能${action === 'open' ? '发布认领' : '派单'}`,
        );
      if (action === 'open' && state.kind !== 'wish') return refuse('只有微心愿可以发布认领，诉求请派单');
      if (!state.residentConfirmed) return refuse('居民的居住信息尚未确认，请先确认后再派单');
      return { ok: true, to: action === 'open' ? 'open' : 'dispatched' };
    }
    case 'claim':
      return s === 'open' ? { ok: true, to: 'in_progress' } : refuse('该微心愿已被认领或不在认领中');
    case 'progress':
      return s === 'dispatched' || s === 'in_progress'
        ? { ok: true, to: 'in_progress' }
        : refuse(`该${kindLabel(state)}${label}，不能填写办理进展`);
    case 'done':
      return s === 'dispatched' || s === 'in_progress'
        ? { ok: true, to: 'done' }
        : refuse(`该${kindLabel(state)}${label}，不能办结`);
    case 'close':
      return s === 'done' ? { ok: true, to: 'closed' } : refuse(`该${kindLabel(state)}${label}，办结后才能关闭`);
    case 'rate': {
      if (s !== 'done' && s !== 'closed') return refuse(`该${kindLabel(state)}${label}，办结后才能评价`);
      if (state.rating) return refuse('已经评价过了，每件只能评价一次');
      if (rating === 'unsatisfied' && !state.reopened) return { ok: true, to: 'accepted', reopen: true };
      return { ok: true, to: s };
    }
  }
}

function kindLabel(state: { kind: RequestKind }): string {
  return state.kind === 'wish' ? '微心愿' : '诉求';
}

/** The platform's deadlines when no district has set its own: respond in 24 h, resolve in 7 days; urgent 2 h / 24 h. */
export const DEFAULT_REQUEST_DEADLINES = {
  normal: { respondHours: 24, resolveHours: 7 * 24 },
  urgent: { respondHours: 2, resolveHours: 24 },
} as const;

/** respond_by / resolve_by of a request submitted at `submittedAt` under the default deadlines. */
export function defaultRequestDeadlines(urgent: boolean, submittedAt: Date): { respondBy: string; resolveBy: string } {
  const d = urgent ? DEFAULT_REQUEST_DEADLINES.urgent : DEFAULT_REQUEST_DEADLINES.normal;
  const at = submittedAt.getTime();
  return {
    respondBy: new Date(at + d.respondHours * 3_600_000).toISOString(),
    resolveBy: new Date(at + d.resolveHours * 3_600_000).toISOString(),
  };
}

/** "剩3小时", "剩2天", "超时5小时" — the time left until `deadline`, as the queue shows it. */
export function timeLeftLabel(deadline: string, now: Date): string {
  const ms = Date.parse(deadline) - now.getTime();
  const abs = Math.abs(ms);
  const minutes = Math.floor(abs / 60_000);
  const text =
    minutes < 60
      ? `${Math.max(minutes, 1)}分钟`
      : minutes < 48 * 60
        ? `${Math.floor(minutes / 60)}小时`
        : `${Math.floor(minutes / 1440)}天`;
  return ms >= 0 ? `剩${text}` : `超时${text}`;
}

/** Two-character surnames common enough to keep whole (欧阳修 → 欧阳**). */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '独孤',
  '南宫',
  '西门',
];

/** A resident's name as members see a micro-wish before claiming it: the surname only (王秀兰 → 王**). */
export function surnameOnly(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '居民';
  const twoChar = chars.slice(0, 2).join('');
  const surname = chars.length > 2 && COMPOUND_SURNAMES.includes(twoChar) ? twoChar : chars[0]!;
  const rest = chars.length - [...surname].length;
  return surname + '*'.repeat(Math.max(rest, 1));
}
