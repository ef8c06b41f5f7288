import {
  type ConsultationMatter,
  type ConsultationStatus,
  maskIdNumber,
  type Opinion,
  outcomeBlocked,
} from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathInScope } from '../http/scope.js';
import { unitCondition, type UnitSide } from '../facilities/unit-side.js';

/** Visible to the community asked (and the organisations above it) and to the unit's liaison. */
export function consultationVisible(actor: Actor, side: UnitSide): SQL {
  return unitCondition(actor, side, sql`k.unit_id`, sql`c.path`);
}

export type ConsultationRow = {
  id: number;
  unit_id: number;
  unit_name: string;
  org_id: number;
  org_name: string;
  org_path: string;
  matter_kind: ConsultationMatter;
  matter: string;
  member_id: number | null;
  person_name: string;
  id_number: string | null;
  deadline: string;
  status: ConsultationStatus;
  overdue: boolean;
  opinion: Opinion | null;
  opinion_reason: string | null;
  answered_at: string | null;
  answered_on: string | null;
  answered_by_name: string | null;
  override_by: string | null;
  override_doc_no: string | null;
  override_on: string | null;
  outcome_note: string | null;
  closed_at: string | null;
  created_at: string;
  created_by_name: string;
  may_answer: boolean;
  may_close: boolean;
};

const FROM = sql`from consultations k join organizations c on c.id = k.org_id join resident_units_v u on u.id = k.unit_id
  join accounts cb on cb.id = k.created_by left join accounts ab on ab.id = k.answered_by`;

function columns(actor: Actor, side: UnitSide, today: string) {
  const open = sql`k.status in ('asked', 'answered')`;
  return sql`k.id::int as id, k.unit_id::int as unit_id, u.name as unit_name, k.org_id::int as org_id, c.name as org_name,
    c.path::text as org_path, k.matter_kind, k.matter, k.member_id::int as member_id, k.person_name, k.id_number,
    k.deadline::text as deadline, k.status, (k.status = 'asked' and k.deadline < ${today}::date) as overdue,
    k.opinion, k.opinion_reason, k.answered_at::text as answered_at, k.answered_on::text as answered_on,
    ab.display_name as answered_by_name, k.override_by, k.override_doc_no, k.override_on::text as override_on,
    k.outcome_note, k.closed_at::text as closed_at, k.created_at::text as created_at, cb.display_name as created_by_name,
    (k.status = 'asked' and ${side.staffWrite ? pathInScope(actor, sql`c.path`) : sql`false`}) as may_answer,
    (${open} and ${unitCondition(actor, side, sql`k.unit_id`, sql`c.path`, true)}) as may_close`;
}

export async function selectConsultations(
  db: Queryable,
  actor: Actor,
  side: UnitSide,
  today: string,
  where: SQL,
  page: { page: number; pageSize: number } = { page: 1, pageSize: 1 },
  lock = false,
) {
  return queryRows<ConsultationRow>(
    db,
    sql`select ${columns(actor, side, today)} ${FROM} where ${consultationVisible(actor, side)} and ${where}
         order by (k.status = 'asked') desc, k.deadline, k.id desc
         limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize} ${lock ? sql`for update of k` : sql``}`,
  );
}

export async function countConsultations(db: Queryable, actor: Actor, side: UnitSide, where: SQL) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n ${FROM} where ${consultationVisible(actor, side)} and ${where}`,
  );
  return row?.n ?? 0;
}

export function toConsultation(r: ConsultationRow) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    orgId: r.org_id,
    orgName: r.org_name,
    matterKind: r.matter_kind,
    matter: r.matter,
    memberId: r.member_id,
    personName: r.person_name,
    idNumber: r.id_number ? maskIdNumber(r.id_number) : null,
    deadline: r.deadline,
    status: r.status,
    overdue: r.overdue,
    opinion: r.opinion,
    opinionReason: r.opinion_reason,
    answeredAt: r.answered_at,
    answeredOnTime: r.answered_on === null ? null : r.answered_on <= r.deadline,
    answeredByName: r.answered_by_name,
    overrideBy: r.override_by,
    overrideDocNo: r.override_doc_no,
    overrideOn: r.override_on,
    outcomeNote: r.outcome_note,
    closedAt: r.closed_at,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    mayAnswer: r.may_answer,
    mayClose: r.may_close,
    blockedReason: outcomeBlocked({ status: r.status, opinion: r.opinion, overrideDocNo: r.override_doc_no }),
  };
}

/** The person's records the community answers from: their 双报到, confirmed volunteer hours. */
export async function recordsOf(db: Queryable, memberId: number) {
  const registrations = await queryRows<{
    community_id: number;
    community_name: string;
    registered_on: string;
    ended_on: string | null;
  }>(
    db,
    sql`select r.org_id::int as community_id, o.name as community_name, r.registered_on::text as registered_on,
               r.ended_on::text as ended_on
          from in_service_registrations r join organizations o on o.id = r.org_id
         where r.member_id = ${memberId} order by r.registered_on desc, r.id desc`,
  );
  const [hours] = await queryRows<{ hours: number; records: number }>(
    db,
    sql`select coalesce(sum(v.hours), 0)::float8 as hours, count(*)::int as records from volunteer_records v
         where v.member_id = ${memberId} and v.status = 'confirmed'`,
  );
  return {
    registrations: registrations.map((r) => ({
      communityId: r.community_id,
      communityName: r.community_name,
      registeredOn: r.registered_on,
      endedOn: r.ended_on,
    })),
    confirmedHours: hours?.hours ?? 0,
    confirmedRecords: hours?.records ?? 0,
  };
}

/** Counters of the root and its children for a year (consultation_figures, by key). */
export async function figureRows(db: Queryable, rootId: number, year: string) {
  return queryRows<{ org_id: number; org_name: string; metric: string | null; n: number }>(
    db,
    sql`with orgs as (select id, name, path from organizations where id = ${rootId}
                      union all select ch.id, ch.name, ch.path from organizations ch where ch.parent_id = ${rootId})
        select orgs.id::int as org_id, orgs.name as org_name, cf.metric, coalesce(cf.n, 0)::int as n
          from orgs left join consultation_figures cf on cf.org_id = orgs.id and cf.period = ${year}
         order by orgs.path`,
  );
}
