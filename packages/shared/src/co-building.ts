/**
 * Co-building with resident units (共驻共建, DOMAIN §4): the joint meeting's outcomes and tasks, the three lists'
 * categories and states, and the matching of needs with resources — pure rules shared by the server (zod, SQL),
 * the console and the tests.
 */

/** What a joint meeting produced: 通报 (information), 决议 (decision) or 任务 (a task with an owner and a due date). */
export const OUTCOME_KINDS = ['information', 'decision', 'task'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const OUTCOME_KIND_LABELS: Record<OutcomeKind, string> = {
  information: '通报',
  decision: '决议',
  task: '任务',
};

/** A joint meeting is planned until its record is kept (held). */
export const JOINT_MEETING_STATUSES = ['planned', 'held'] as const;
export type JointMeetingStatus = (typeof JOINT_MEETING_STATUSES)[number];
export const JOINT_MEETING_STATUS_LABELS: Record<JointMeetingStatus, string> = {
  planned: '待召开',
  held: '已召开',
};

/** A task's standing on a day: done (on time or late), open, or overdue. */
export const TASK_STATES = ['open', 'overdue', 'done', 'done_late'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_STATE_LABELS: Record<TaskState, string> = {
  open: '进行中',
  overdue: '已逾期',
  done: '按期完成',
  done_late: '逾期完成',
};

export function taskState(task: { dueOn: string; doneOn: string | null }, today: string): TaskState {
  if (task.doneOn !== null) return task.doneOn <= task.dueOn ? 'done' : 'done_late';
  return today > task.dueOn ? 'overdue' : 'open';
}

/** A task's due date may not lie before the meeting that set it (a 400 naming 完成期限). */
export function taskDueProblem(heldOn: string, dueOn: string): string | null {
  return dueOn < heldOn ? `不能早于会议日期（${heldOn}）` : null;
}

/**
 * Tasks an earlier meeting set that a meeting on `heldOn` takes up again (open tasks carried forward to the next
 * agenda): set before that day and not done before it. Overdue when their due date lies before the meeting.
 */
export function carriedForward<T extends { heldOn: string; dueOn: string; doneOn: string | null }>(
  tasks: readonly T[],
  heldOn: string,
): (T & { overdue: boolean })[] {
  return tasks
    .filter((t) => t.heldOn < heldOn && (t.doneOn === null || t.doneOn >= heldOn))
    .map((t) => ({ ...t, overdue: t.dueOn < heldOn }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
}

/** What a need asks for and a resource offers: one list, so that a need and a resource of one kind match. */
export const CO_CATEGORIES = ['venue', 'skill', 'funds', 'volunteers', 'materials', 'other'] as const;
export type CoCategory = (typeof CO_CATEGORIES)[number];
export const CO_CATEGORY_LABELS: Record<CoCategory, string> = {
  venue: '场地设施',
  skill: '专业技能',
  funds: '资金',
  volunteers: '志愿人手',
  materials: '物资',
  other: '其他',
};

/** open → claimed (a unit said it will take it) → matched (a project) → met; or closed without. */
export const NEED_STATUSES = ['open', 'claimed', 'matched', 'met', 'closed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  open: '待认领',
  claimed: '已认领',
  matched: '已立项',
  met: '已满足',
  closed: '已关闭',
};

export const PROJECT_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  open: '实施中',
  done: '已完成',
  cancelled: '已取消',
};

/** Who offers a resource. */
export const RESOURCE_PROVIDERS = ['unit', 'member', 'community'] as const;
export type ResourceProvider = (typeof RESOURCE_PROVIDERS)[number];
export const RESOURCE_PROVIDER_LABELS: Record<ResourceProvider, string> = {
  unit: '驻区单位',
  member: '党员',
  community: '社区',
};

export type MatchNeed = {
  category: CoCategory;
  /** The path of the need's community (`1.4.17`). */
  orgPath: string;
  place: string | null;
  /** The day the need is for (or today). */
  neededOn: string;
};
export type MatchResource = {
  category: CoCategory;
  /** The path of the organisation the resource is offered in (the community, or the street above it). */
  orgPath: string;
  place: string | null;
  availableFrom: string | null;
  availableTo: string | null;
  /** Already committed to an open project. */
  committed: boolean;
};
export type MatchScore = { score: number; reasons: string[] };

/** The places named in a text, split on separators, for a rough "same place" check. */
const placeWords = (text: string | null) =>
  (text ?? '')
    .split(/[\s,，、;；/·()（）]+/u)
    .map((w) => w.trim())
    .filter((w) => w.length >= 2);

/**
 * How well a resource serves a need, or null when it cannot: another category, already committed to an open
 * project, or not available on the day. Same community 50, same street 30 (otherwise 10), a place named by both
 * 20, available with no end 5; higher is better. The reasons are shown beside a proposed match.
 */
export function matchScore(need: MatchNeed, resource: MatchResource): MatchScore | null {
  if (need.category !== resource.category || resource.committed) return null;
  if (resource.availableTo !== null && resource.availableTo < need.neededOn) return null;
  const reasons = ['类别相同'];
  let score = 0;
  const needLabels = need.orgPath.split('.');
  const resLabels = resource.orgPath.split('.');
  if (resource.orgPath === need.orgPath) {
    score += 50;
    reasons.push('同一社区');
  } else if (need.orgPath.startsWith(`${resource.orgPath}.`) || resource.orgPath.startsWith(`${need.orgPath}.`)) {
    score += 40;
    reasons.push('本社区或所属街道');
  } else if (needLabels.length > 1 && resLabels.slice(0, -1).join('.') === needLabels.slice(0, -1).join('.')) {
    score += 30;
    reasons.push('同一街道');
  } else {
    score += 10;
  }
  const words = placeWords(resource.place);
  const needPlace = need.place ?? '';
  if (words.some((w) => needPlace.includes(w))) {
    score += 20;
    reasons.push('地点相近');
  }
  if (resource.availableTo === null) {
    score += 5;
    reasons.push('长期可用');
  }
  if (resource.availableFrom !== null && resource.availableFrom > need.neededOn) {
    score -= 15;
    reasons.push(`${resource.availableFrom}起可用`);
  }
  return { score, reasons };
}

/** The resources that can serve a need, best first (ties: the order given), each with its score. */
export function rankMatches<R extends MatchResource>(need: MatchNeed, resources: readonly R[]) {
  return resources
    .map((resource, i) => ({ resource, i, match: matchScore(need, resource) }))
    .filter((m): m is { resource: R; i: number; match: MatchScore } => m.match !== null)
    .sort((a, b) => b.match.score - a.match.score || a.i - b.i)
    .map(({ resource, match }) => ({ resource, ...match }));
}
