/**
 * Prior consultation (事前征求意见, seed 004): before a resident unit names an outstanding party member, promotes a
 * cadre or recommends someone for an honour, it asks the community committee. The matters, the opinions, the states
 * and the gate on the outcome, shared by the server, the console and the tests.
 */

export const CONSULTATION_MATTERS = ['outstanding_member', 'cadre_promotion', 'honour'] as const;
export type ConsultationMatter = (typeof CONSULTATION_MATTERS)[number];
export const CONSULTATION_MATTER_LABELS: Record<ConsultationMatter, string> = {
  outstanding_member: '评选优秀党员',
  cadre_promotion: '提拔任用干部',
  honour: '推荐评先评优',
};

export const OPINIONS = ['agree', 'disagree', 'reserved'] as const;
export type Opinion = (typeof OPINIONS)[number];
export const OPINION_LABELS: Record<Opinion, string> = { agree: '同意', disagree: '不同意', reserved: '有保留意见' };

/** asked → answered → done, or withdrawn at any point before done. */
export const CONSULTATION_STATUSES = ['asked', 'answered', 'done', 'withdrawn'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
export const CONSULTATION_STATUS_LABELS: Record<ConsultationStatus, string> = {
  asked: '待社区答复',
  answered: '已答复',
  done: '已办结',
  withdrawn: '已撤回',
};

export type ConsultationGate = {
  status: ConsultationStatus;
  opinion: Opinion | null;
  /** The unit's record of a documented decision by a higher committee. */
  overrideDocNo: string | null;
};

/**
 * Why the unit may not record the matter as done, or null: only after the community's 同意, or with the record of
 * a higher committee's documented decision (who, document number, date) when the community did not agree.
 */
export function outcomeBlocked(c: ConsultationGate): string | null {
  switch (c.status) {
    case 'done':
      return '该征求意见已办结';
    case 'withdrawn':
      return '该征求意见已撤回';
    case 'asked':
    case 'answered':
      break;
  }
  if (c.opinion === 'agree' || c.overrideDocNo) return null;
  if (c.opinion === null) return '社区党委尚未答复意见，征得同意前不能办结';
  return `社区党委的意见为“${OPINION_LABELS[c.opinion]}”，须征得同意或记录上级党组织的书面决定后方可办结`;
}

/** Why the community may not answer now, or null: one opinion, while the matter is open. */
export function opinionBlocked(status: ConsultationStatus): string | null {
  switch (status) {
    case 'asked':
      return null;
    case 'answered':
      return '已答复过意见';
    case 'done':
      return '该征求意见已办结';
    case 'withdrawn':
      return '该征求意见已撤回';
  }
}

/** Overdue: past the deadline (China dates) with no opinion. */
export const consultationOverdue = (c: { status: ConsultationStatus; deadline: string }, today: string): boolean =>
  c.status === 'asked' && c.deadline < today;

/** Answered on time: the opinion's China date on or before the deadline. */
export const answeredOnTime = (answeredOn: string | null, deadline: string): boolean =>
  answeredOn !== null && answeredOn <= deadline;
