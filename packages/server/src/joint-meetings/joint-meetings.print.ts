import { chinaToday, OUTCOME_KIND_LABELS, TASK_STATE_LABELS } from '@gongjian/shared';
import { type AuditContext, auditEvent } from '../db/audited.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { chineseDate, Html, html, type PrintPage } from '../http/print.js';
import type { SheetColumn } from '../http/xlsx.js';
import { notFound } from '../http/errors.js';
import { findMeeting } from './joint-meetings.repo.js';
import type { Task } from './joint-meetings.schema.js';
import { getMeeting } from './joint-meetings.service.js';

const TABLE_STYLE = Html.trusted(`<style>
  table.rec { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 13px; }
  table.rec th, table.rec td { border: 1px solid #000; padding: 1mm 2mm; text-align: left; vertical-align: top; }
  table.rec th { font-weight: normal; background: #f2f2f2; }
  h3 { font-size: 15px; margin: 4mm 0 1mm; }
  .pre { white-space: pre-wrap; }
</style>`);

/** The minutes of a joint meeting (会议纪要) on A4: when and where, attendance by unit, agenda, minutes, outcomes. */
export async function minutesPage(db: Db, actor: Actor, ctx: AuditContext, id: number): Promise<PrintPage> {
  const row = await findMeeting(db, actor, id);
  if (!row) throw notFound('联席会议');
  const m = await getMeeting(db, actor, id);
  await auditEvent(db, ctx, {
    action: 'joint_meeting.print',
    entity: 'joint_meeting',
    orgPath: row.org_path,
    after: { id },
  });
  const present = m.units.filter((u) => u.present);
  const absent = m.units.filter((u) => u.present === false);
  const body = html`${TABLE_STYLE}
    <h1>${m.title}</h1>
    <p style="text-align:center">会议纪要</p>
    <table class="rec">
      <tr>
        <th style="width:22mm">时间</th>
        <td>${chineseDate(m.heldOn)} ${m.startTime}${m.endTime ? `—${m.endTime}` : ''}</td>
      </tr>
      <tr>
        <th>地点</th>
        <td>${m.place}</td>
      </tr>
      <tr>
        <th>主持人</th>
        <td>${m.hostName ?? ''}</td>
      </tr>
      <tr>
        <th>社区出席</th>
        <td>${m.hostAttendees ?? ''}</td>
      </tr>
    </table>
    <h3>出席单位（${present.length}/${m.units.length}）</h3>
    <table class="rec">
      <tr>
        <th style="width:60mm">单位</th>
        <th style="width:20mm">出席</th>
        <th>出席人员</th>
      </tr>
      ${m.units.map(
        (u) =>
          html`<tr>
            <td>${u.name}</td>
            <td>${u.present === null ? '未登记' : u.present ? '出席' : '缺席'}</td>
            <td>${u.attendees ?? ''}</td>
          </tr>`,
      )}
    </table>
    ${absent.length ? html`<p>缺席单位：${absent.map((u) => u.name).join('、')}</p>` : html``}
    <h3>议程</h3>
    <ol>
      ${
        m.carried.length
          ? html`<li>
              上次会议任务落实情况：
              ${m.carried.map(
                (t) => html`<div>${t.text}（${t.ownerName}，期限${t.dueOn}，${t.overdue ? '已逾期' : '进行中'}）</div>`,
              )}
            </li>`
          : html``
      }
      ${m.agenda.map((a) => html`<li>${a}</li>`)}
    </ol>
    <h3>会议记录</h3>
    <div class="pre">${m.minutes ?? ''}</div>
    <h3>议定事项</h3>
    <table class="rec">
      <tr>
        <th style="width:14mm">类型</th>
        <th>内容</th>
        <th style="width:40mm">责任单位</th>
        <th style="width:24mm">完成期限</th>
        <th style="width:18mm">状态</th>
      </tr>
      ${m.outcomes.map(
        (o) =>
          html`<tr class="keep">
            <td>${OUTCOME_KIND_LABELS[o.kind]}</td>
            <td>${o.text}</td>
            <td>${o.ownerName ?? ''}</td>
            <td>${o.dueOn ?? ''}</td>
            <td>${o.state ? TASK_STATE_LABELS[o.state] : ''}</td>
          </tr>`,
      )}
    </table>
    <div class="sign" style="margin-top:12mm;text-align:right">
      记录人：<span class="blank" style="display:inline-block;width:40mm"></span>
    </div>`;
  return {
    title: `${m.title}会议纪要`,
    orgName: m.orgName,
    printedOn: chinaToday(),
    note: '联席会议纪要，A4 纸打印',
    body,
  };
}

export const TASK_COLUMNS: SheetColumn<Task>[] = [
  { header: '会议', width: 28, value: (r) => r.meetingTitle },
  { header: '会议日期', width: 12, value: (r) => r.heldOn },
  { header: '召开组织', width: 20, value: (r) => r.orgName },
  { header: '任务', width: 40, value: (r) => r.text },
  { header: '责任单位', width: 24, value: (r) => r.ownerName },
  { header: '完成期限', width: 12, value: (r) => r.dueOn },
  { header: '完成日期', width: 12, value: (r) => r.doneOn },
  { header: '状态', width: 10, value: (r) => TASK_STATE_LABELS[r.state] },
  { header: '最新进展', width: 40, value: (r) => r.lastNote },
];
