import {
  ABSENCE_REASON_LABELS,
  chinaToday,
  MEETING_ATTACHMENT_KIND_LABELS,
  type MeetingAttachmentKind,
  MEETING_TYPE_LABELS,
  MEETING_TYPES,
  type MeetingType,
  RULE_FREQUENCY_LABELS,
} from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { type AuditContext, auditEvent } from '../db/audited.js';
import { type Db, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { notFound } from '../http/errors.js';
import { chineseDate, Html, html, type PrintPage } from '../http/print.js';
import { pathInScope } from '../http/scope.js';
import type { AttendeeRow, MeetingRow } from './org-life.repo.js';
import { rulesAt } from './org-life.standings.js';

type PrintRow = Omit<MeetingRow, 'leave_count'> & {
  attendees: AttendeeRow[];
  attachments: { file_name: string; kind: MeetingAttachmentKind; added_after_final: boolean }[];
};

// A table's lines: the print layout has none of its own (inline styles are the page's policy).
const TABLE_STYLE = Html.trusted(`<style>
  table.rec { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 13px; }
  table.rec th, table.rec td { border: 1px solid #000; padding: 1mm 2mm; text-align: left; vertical-align: top; }
  table.rec th { width: 22mm; font-weight: normal; background: #f2f2f2; }
  .meeting h3 { font-size: 15px; margin: 4mm 0 1mm; }
  .pre { white-space: pre-wrap; }
</style>`);

/**
 * The organisation's yearly 组织生活记录 (the paper notebook it replaces): a summary of meetings held by type against
 * the rules, then each finalised meeting on its own block (never split between sheets) with its attendance, minutes
 * and decisions. Printing it is on record (an audit event), as an export is.
 */
export async function yearlyRecordPage(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  orgId: number,
  year: number,
): Promise<PrintPage> {
  const [org] = await queryRows<{ id: number; name: string; path: string }>(
    db,
    sql`select o.id::int as id, o.name, o.path::text as path from organizations o
         where o.id = ${orgId} and ${pathInScope(actor, sql`o.path`)}`,
  );
  if (!org) throw notFound('组织');
  const rows = await queryRows<PrintRow>(
    db,
    sql`select m.id::int as id, m.type, m.held_on::text as held_on, m.start_time, m.end_time, m.place, m.online,
               m.host_name, m.topic, m.minutes, m.decisions, m.votes, m.guests, m.expected_count, m.present_count,
               m.voting_expected, m.voting_present, m.quorate, m.revision, o.name as org_name,
               coalesce((select jsonb_agg(jsonb_build_object('name', mb.name, 'status', a.status,
                                                             'absence_reason', a.absence_reason) order by mb.sort_key)
                           from meeting_attendance a join members mb on mb.id = a.member_id
                          where a.meeting_id = m.id), '[]'::jsonb) as attendees,
               coalesce((select jsonb_agg(jsonb_build_object('file_name', f.file_name, 'kind', f.kind,
                                                             'added_after_final', f.added_after_final) order by f.id)
                           from meeting_attachments f where f.meeting_id = m.id), '[]'::jsonb) as attachments
          from meetings m join organizations o on o.id = m.org_id
         where o.path <@ ${org.path}::ltree and m.status = 'final'
           and m.held_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date
         order by m.held_on, m.start_time, m.id`,
  );
  await auditEvent(db, ctx, {
    action: 'meeting.print',
    entity: 'meeting',
    orgPath: org.path,
    after: { orgId, year, meetings: rows.length },
  });
  const byType = (type: MeetingType) => rows.filter((r) => r.type === type).length;
  // The rules that hold here (a district's or street's own over the 条例's), as the standings have them.
  const rules = await rulesAt(db, org.path);
  const summary = html`<table class="rec">
    <tr>
      <th>会议类型</th>
      <th>要求</th>
      <th>全年召开</th>
    </tr>
    ${MEETING_TYPES.map((type) => {
      const rule = rules.find((r) => r.type === type);
      return html`<tr>
        <td>${MEETING_TYPE_LABELS[type]}</td>
        <td>${rule ? RULE_FREQUENCY_LABELS[rule.frequency] : '—'}</td>
        <td>${byType(type)}次</td>
      </tr>`;
    })}
  </table>`;
  const blocks = rows.map((m) => {
    const present = m.attendees.filter((a) => a.status === 'present').map((a) => a.name);
    const absent = m.attendees
      .filter((a) => a.status === 'absent')
      .map((a) => `${a.name}（${a.absence_reason ? ABSENCE_REASON_LABELS[a.absence_reason] : '缺席'}）`);
    const time = `${chineseDate(m.held_on)} ${m.start_time}${m.end_time ? `—${m.end_time}` : ''}`;
    return html`<div class="meeting keep">
      <h3>${MEETING_TYPE_LABELS[m.type]}：${m.topic}</h3>
      <table class="rec">
        <tr>
          <th>时间</th>
          <td>${time}</td>
          <th>地点</th>
          <td>${m.online ? `线上${m.place ? `（${m.place}）` : ''}` : (m.place ?? '')}</td>
        </tr>
        <tr>
          <th>主持人</th>
          <td>${m.host_name ?? ''}</td>
          <th>组织</th>
          <td>${m.org_name}</td>
        </tr>
        <tr>
          <th>应到</th>
          <td>${m.expected_count}人</td>
          <th>实到</th>
          <td>${m.present_count}人${m.quorate === null ? '' : m.quorate ? '（超过半数）' : '（未过半数）'}</td>
        </tr>
        <tr>
          <th>出席人员</th>
          <td colspan="3">${present.join('、')}</td>
        </tr>
        <tr>
          <th>缺席及原因</th>
          <td colspan="3">${absent.join('、') || '无'}</td>
        </tr>
        ${
          m.guests
            ? html`<tr>
                <th>列席</th>
                <td colspan="3">${m.guests}</td>
              </tr>`
            : ''
        }
        <tr>
          <th>会议记录</th>
          <td colspan="3" class="pre">${m.minutes ?? ''}</td>
        </tr>
        <tr>
          <th>决定事项</th>
          <td colspan="3" class="pre">${m.decisions ?? ''}</td>
        </tr>
        ${
          m.votes.length
            ? html`<tr>
                <th>表决</th>
                <td colspan="3">${m.votes.map((v) => html`<div>${v.subject}：${v.result}</div>`)}</td>
              </tr>`
            : ''
        }
        ${
          m.attachments.length
            ? html`<tr>
                <th>附件</th>
                <td colspan="3">
                  ${m.attachments.map(
                    (f) =>
                      html`<div>
                        ${MEETING_ATTACHMENT_KIND_LABELS[f.kind]}：${f.file_name}${f.added_after_final ? '（定稿后补充）' : ''}
                      </div>`,
                  )}
                </td>
              </tr>`
            : ''
        }
        ${
          m.revision > 0
            ? html`<tr>
                <th>更正</th>
                <td colspan="3">定稿后更正${m.revision}次（原记录保留备查）</td>
              </tr>`
            : ''
        }
      </table>
    </div>`;
  });
  return {
    title: `${org.name}${year}年组织生活记录`,
    orgName: org.name,
    printedOn: chinaToday(),
    note: '组织生活记录：按A4纸打印，装订存档',
    body: html`${TABLE_STYLE}
      <h1>组织生活记录</h1>
      <h2>${org.name} ${year}年</h2>
      <p class="salutation">全年召开会议${rows.length}次：</p>
      ${summary} ${blocks.length ? blocks : html`<p>本年度尚无已定稿的会议记录。</p>`}`,
  };
}
