import {
  chinaToday,
  CONSULTATION_MATTER_LABELS,
  CONSULTATION_STATUS_LABELS,
  OPINION_LABELS,
  opinionBlocked,
  outcomeBlocked,
} from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { audited, auditEvent, type AuditContext } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { pathInScope } from '../http/scope.js';
import { requireAny, unitCondition, unitSideOf } from '../facilities/unit-side.js';
import { notifyAccounts, notifyNearestStaff } from '../notifications/notifications.service.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import { fulfilledByMember } from '../requests/requests.repo.js';
import {
  countConsultations,
  figureRows,
  recordsOf,
  selectConsultations,
  toConsultation,
} from './consultations.repo.js';
import type { ConsultationInput, ConsultationListQuery } from './consultations.schema.js';
import { consultations } from './consultations.tables.js';

const CONSULTATION = '征求意见';
const READERS = ['cobuild.read', 'cobuild.unit'] as const;

async function requireConsultation(db: Queryable, actor: Actor, id: number, lock = false) {
  const side = await unitSideOf(db, actor);
  const [row] = await selectConsultations(db, actor, side, chinaToday(), sql`k.id = ${id}`, undefined, lock);
  if (!row) throw notFound(CONSULTATION);
  return row;
}

async function filterOf(db: Db, actor: Actor, query: Omit<ConsultationListQuery, 'page' | 'pageSize'>) {
  const parts = [sql`true`];
  let orgPath = actor.scopePath;
  if (query.orgId !== undefined) {
    const root = await requireScopeRoot(db, actor, query.orgId);
    orgPath = root.path;
    parts.push(sql`c.path <@ ${root.path}::ltree`);
  }
  if (query.unitId !== undefined) parts.push(sql`k.unit_id = ${query.unitId}`);
  if (query.status) parts.push(sql`k.status = ${query.status}`);
  return { where: sql.join(parts, sql` and `), orgPath };
}

export async function listConsultations(db: Db, actor: Actor, query: ConsultationListQuery) {
  requireAny(actor, READERS);
  const side = await unitSideOf(db, actor);
  const { where } = await filterOf(db, actor, query);
  const rows = await selectConsultations(db, actor, side, chinaToday(), where, query);
  return {
    items: rows.map(toConsultation),
    total: await countConsultations(db, actor, side, where),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One consultation with the person's records beside it (双报到, confirmed hours, requests fulfilled). */
export async function getConsultation(db: Db, actor: Actor, id: number) {
  requireAny(actor, READERS);
  const row = await requireConsultation(db, actor, id);
  const records =
    row.member_id === null
      ? null
      : {
          ...(await recordsOf(db, row.member_id)),
          requestsFulfilled: await fulfilledByMember(db, row.member_id, '1900-01-01', chinaToday()),
          requestsNote: null,
        };
  return { ...toConsultation(row), records };
}

/** Members registered (双报到) with the unit's community whose organisation is the unit's party organisation's or in the actor's scope. */
export async function candidates(db: Queryable, actor: Actor, unitId: number) {
  requireAny(actor, ['cobuild.write', 'cobuild.unit']);
  const unit = await requireUnit(db, actor, unitId);
  const rows = await queryRows<{
    member_id: number;
    name: string;
    org_name: string;
    community_name: string;
    registered_on: string;
  }>(
    db,
    sql`select m.id::int as member_id, m.name, mo.name as org_name, c.name as community_name, r.registered_on::text as registered_on
          from in_service_registrations r join members m on m.id = r.member_id join organizations mo on mo.id = m.org_id
          join organizations c on c.id = r.org_id
         where r.org_id = ${unit.org_id} and r.ended_on is null and m.left_on is null
           and (${pathInScope(actor, sql`mo.path`)}
                or exists (select 1 from organizations po where po.id = ${unit.party_org_id} and mo.path <@ po.path))
         order by m.sort_key, m.id limit 500`,
  );
  return {
    items: rows.map((r) => ({
      memberId: r.member_id,
      name: r.name,
      orgName: r.org_name,
      communityName: r.community_name,
      registeredOn: r.registered_on,
    })),
  };
}

async function requireUnit(db: Queryable, actor: Actor, unitId: number) {
  const side = await unitSideOf(db, actor);
  const [unit] = await queryRows<{ id: number; org_id: number; name: string; party_org_id: number | null }>(
    db,
    sql`select u.id::int as id, u.org_id::int as org_id, u.name, u.party_org_id::int as party_org_id
          from resident_units_v u join organizations o on o.id = u.org_id
         where u.id = ${unitId} and u.ended_on is null and ${unitCondition(actor, side, sql`u.id`, sql`o.path`, true)}`,
  );
  if (!unit) throw notFound('驻区单位');
  return unit;
}

/**
 * The unit asks the community holding it (seed 004: 驻社区单位…评先评优、干部提拔使用时，必须事先征求社区党委的意见).
 * The person is a member registered with that community (双报到, one of the candidates) or is named by ID number
 * and name; a member with that ID number is linked so the records show.
 */
export async function createConsultation(db: Db, actor: Actor, ctx: AuditContext, input: ConsultationInput) {
  requireAny(actor, ['cobuild.write', 'cobuild.unit']);
  if ((input.memberId === undefined) === (input.idNumber === undefined)) {
    throw invalid('memberId', '请选择报到党员，或填写身份证号');
  }
  if (input.idNumber !== undefined && !input.personName) throw invalid('personName', '按身份证号征求意见时应填写姓名');
  if (input.deadline < chinaToday()) throw invalid('deadline', '答复期限不能早于今天');
  return audited(db, ctx, 'consultations.create', async (tx) => {
    const unit = await requireUnit(tx, actor, input.unitId);
    let memberId: number | null = null;
    let personName = input.personName ?? '';
    if (input.memberId !== undefined) {
      const { items } = await candidates(tx, actor, unit.id);
      const found = items.find((c) => c.memberId === input.memberId);
      if (!found) throw notFound('报到党员');
      memberId = found.memberId;
      personName = found.name;
    } else {
      const [member] = await queryRows<{ id: number }>(
        tx,
        sql`select id::int as id from members where id_number = ${input.idNumber} and left_on is null`,
      );
      memberId = member?.id ?? null;
    }
    const [created] = await tx
      .insert(consultations)
      .values({
        unitId: unit.id,
        orgId: unit.org_id,
        matterKind: input.matterKind,
        matter: input.matter,
        memberId,
        personName,
        idNumber: input.idNumber ?? null,
        deadline: input.deadline,
        createdBy: actor.accountId,
      })
      .returning({ id: consultations.id });
    const id = (created as { id: number }).id;
    await notifyNearestStaff(tx, {
      orgId: unit.org_id,
      permission: 'cobuild.write',
      kind: 'consultations.asked',
      title: `事前征求意见：${unit.name}拟${CONSULTATION_MATTER_LABELS[input.matterKind]}（${personName}）`,
      body: `请于${input.deadline}前答复`,
      link: `/consultations/${id}`,
    });
    return toConsultation(await requireConsultation(tx, actor, id));
  });
}

/** The community's opinion, once, with its reasons; the unit's liaison is told. */
export async function answer(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  body: { opinion: 'agree' | 'disagree' | 'reserved'; reason: string },
) {
  return audited(db, ctx, 'consultations.answer', async (tx) => {
    const row = await requireConsultation(tx, actor, id, true);
    const blocked = opinionBlocked(row.status);
    if (blocked) throw conflict(blocked);
    if (!row.may_answer) throw notFound(CONSULTATION);
    await tx
      .update(consultations)
      .set({
        status: 'answered',
        opinion: body.opinion,
        opinionReason: body.reason,
        answeredAt: sql`now()`,
        answeredOn: chinaToday(),
        answeredBy: actor.accountId,
        updatedAt: sql`now()`,
      })
      .where(eq(consultations.id, id));
    const liaisons = await queryRows<{ id: number }>(
      tx,
      sql`select liaison_account_id::int as id from resident_units where id = ${row.unit_id} and liaison_account_id is not null`,
    );
    await notifyAccounts(
      tx,
      liaisons.map((l) => l.id),
      {
        kind: 'consultations.answered',
        title: `社区党委已答复：${row.person_name}（${OPINION_LABELS[body.opinion]}）`,
        body: body.reason,
        link: `/consultations/unit/${id}`,
      },
    );
    return toConsultation(await requireConsultation(tx, actor, id));
  });
}

/** The unit records a higher committee's documented decision (who, document number, date) when the community did not agree. */
export async function recordOverride(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  body: { overrideBy: string; overrideDocNo: string; overrideOn: string },
) {
  return audited(db, ctx, 'consultations.override', async (tx) => {
    const row = await requireConsultation(tx, actor, id, true);
    if (row.status === 'done' || row.status === 'withdrawn')
      throw conflict(`该征求意见${CONSULTATION_STATUS_LABELS[row.status]}`);
    if (!row.may_close) throw notFound(CONSULTATION);
    if (row.opinion === 'agree') throw conflict('社区党委已同意，无需记录上级决定');
    if (body.overrideOn > chinaToday()) throw invalid('overrideOn', '不能晚于今天');
    await tx
      .update(consultations)
      .set({
        overrideBy: body.overrideBy,
        overrideDocNo: body.overrideDocNo,
        overrideOn: body.overrideOn,
        updatedAt: sql`now()`,
      })
      .where(eq(consultations.id, id));
    return toConsultation(await requireConsultation(tx, actor, id));
  });
}

/** The unit records the outcome: done only after a 同意 or a recorded override (409 saying why); withdrawn any time before. */
export async function recordOutcome(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  body: { outcome: 'done' | 'withdrawn'; note?: string | null },
) {
  return audited(db, ctx, 'consultations.outcome', async (tx) => {
    const row = await requireConsultation(tx, actor, id, true);
    if (!row.may_close && row.status !== 'done' && row.status !== 'withdrawn') throw notFound(CONSULTATION);
    if (body.outcome === 'done') {
      const blocked = outcomeBlocked({ status: row.status, opinion: row.opinion, overrideDocNo: row.override_doc_no });
      if (blocked) throw conflict(blocked);
    } else if (row.status === 'done' || row.status === 'withdrawn') {
      throw conflict(`该征求意见${CONSULTATION_STATUS_LABELS[row.status]}`);
    }
    await tx
      .update(consultations)
      .set({
        status: body.outcome,
        outcomeNote: body.note ?? null,
        closedAt: sql`now()`,
        closedBy: actor.accountId,
        updatedAt: sql`now()`,
      })
      .where(eq(consultations.id, id));
    return toConsultation(await requireConsultation(tx, actor, id));
  });
}

/** The full ID number (member.sensitive), on record as an event. */
export async function reveal(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  const row = await requireConsultation(db, actor, id);
  await auditEvent(db, ctx, {
    action: 'consultations.reveal',
    entity: 'consultation',
    entityId: String(id),
    orgPath: row.org_path,
  });
  return { idNumber: row.id_number };
}

type Consultation = ReturnType<typeof toConsultation>;

export async function consultationsForExport(
  db: Db,
  actor: Actor,
  query: Omit<ConsultationListQuery, 'page' | 'pageSize'>,
) {
  requireAny(actor, READERS);
  const side = await unitSideOf(db, actor);
  const { where, orgPath } = await filterOf(db, actor, query);
  const rows = await selectConsultations(db, actor, side, chinaToday(), where, { page: 1, pageSize: 10_000 });
  return { rows: rows.map(toConsultation), orgPath };
}

export const CONSULTATION_COLUMNS = [
  { header: '驻区单位', width: 22, value: (r: Consultation) => r.unitName },
  { header: '征求社区', width: 20, value: (r: Consultation) => r.orgName },
  { header: '事项类型', width: 14, value: (r: Consultation) => CONSULTATION_MATTER_LABELS[r.matterKind] },
  { header: '事项', width: 30, value: (r: Consultation) => r.matter },
  { header: '人员', width: 10, value: (r: Consultation) => r.personName },
  { header: '身份证号', width: 20, value: (r: Consultation) => r.idNumber },
  { header: '答复期限', width: 12, value: (r: Consultation) => r.deadline },
  { header: '状态', width: 10, value: (r: Consultation) => CONSULTATION_STATUS_LABELS[r.status] },
  { header: '社区意见', width: 12, value: (r: Consultation) => (r.opinion ? OPINION_LABELS[r.opinion] : '') },
  { header: '意见理由', width: 30, value: (r: Consultation) => r.opinionReason },
  {
    header: '按期答复',
    width: 10,
    value: (r: Consultation) => (r.answeredOnTime === null ? '' : r.answeredOnTime ? '是' : '否'),
  },
  {
    header: '上级决定',
    width: 30,
    value: (r: Consultation) => (r.overrideDocNo ? `${r.overrideBy} ${r.overrideDocNo}（${r.overrideOn}）` : ''),
  },
];

export async function figures(db: Db, actor: Actor, query: { orgId?: number; year?: string }) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const year = query.year ?? chinaToday().slice(0, 4);
  const byOrg = new Map<
    number,
    { orgId: number; orgName: string; asked: number; answered: number; answeredOnTime: number }
  >();
  for (const r of await figureRows(db, root.id, year)) {
    const entry = byOrg.get(r.org_id) ?? {
      orgId: r.org_id,
      orgName: r.org_name,
      asked: 0,
      answered: 0,
      answeredOnTime: 0,
    };
    if (r.metric === 'asked') entry.asked = r.n;
    if (r.metric === 'answered') entry.answered = r.n;
    if (r.metric === 'answered_on_time') entry.answeredOnTime = r.n;
    byOrg.set(r.org_id, entry);
  }
  return { year, rows: [...byOrg.values()] };
}
