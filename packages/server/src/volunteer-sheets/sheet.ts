import { servicePeriodLabel, targetProgress } from '@gongjian/shared';
import { chineseDate, type Html, html } from '../http/print.js';
import type { SheetColumn } from '../http/xlsx.js';
import type { Sheet } from './volunteer-sheets.repo.js';

/**
 * The 在职党员社区表现反馈表 as the community sends it to the member's unit: who, where and since when, what they
 * did in the quarter and the year so far, against the local target. Every figure is from the records.
 */
/** The blanks of a hand-written date (two ideographic spaces). */
const GAP = '\u3000\u3000';

const hours = (n: number) => `${n % 1 === 0 ? n.toFixed(0) : n.toFixed(1)} 小时`;

function progressText(s: Sheet): string {
  const progress = targetProgress(s.yearHours, s.targetHours);
  if (!progress || s.targetHours === null) return '本地未设年度目标';
  return `${hours(s.targetHours)}，已完成 ${Math.round(progress.share * 100)}%${progress.met ? '（已达标）' : ''}`;
}

export const sheetTitle = (s: Pick<Sheet, 'year' | 'quarter'>) =>
  `在职党员社区表现反馈表（${servicePeriodLabel({ year: s.year, quarter: s.quarter as 1 | 2 | 3 | 4 })}）`;

/** One member's sheet: an A4 page of its own. */
export function sheetBody(s: Sheet, first: boolean): Html {
  const running = s.asOf < quarterEnd(s);
  return html`<section class="${first ? 'keep' : 'keep new-page'}">
    <h1>在职党员社区表现反馈表</h1>
    <p class="doc-no">
      ${servicePeriodLabel({ year: s.year, quarter: s.quarter as 1 | 2 | 3 | 4 })}${running ? `（截至${chineseDate(s.asOf)}）` : ''}
    </p>
    <p class="salutation">${s.unitOrgName}：</p>
    <p>你单位党员${s.memberName}同志已到${s.communityName}报到（在职党员双报到），现将其本季度在社区的表现反馈如下。</p>
    <table class="form">
      <tr>
        <th>姓名</th>
        <td>${s.memberName}</td>
        <th>所在党组织</th>
        <td>${s.memberOrgName}</td>
      </tr>
      <tr>
        <th>报到社区</th>
        <td>${s.communityName}</td>
        <th>报到日期</th>
        <td>${chineseDate(s.registeredOn)}</td>
      </tr>
      <tr>
        <th>本季度参加活动</th>
        <td>${s.quarterActivities} 次</td>
        <th>本季度服务时长</th>
        <td>${hours(s.quarterHours)}</td>
      </tr>
      <tr>
        <th>本年参加活动</th>
        <td>${s.yearActivities} 次</td>
        <th>本年服务时长</th>
        <td>${hours(s.yearHours)}</td>
      </tr>
      <tr>
        <th>年度服务目标</th>
        <td colspan="3">${progressText(s)}</td>
      </tr>
      <tr>
        <th>认领群众诉求</th>
        <td colspan="3">${s.requestsFulfilled} 件</td>
      </tr>
      <tr class="tall">
        <th>社区党组织评价</th>
        <td colspan="3"></td>
      </tr>
    </table>
    <p>服务时长均为社区确认的志愿服务记录（谁记录谁证明），请在评选优秀党员等工作中参考。</p>
    <p class="sign">${s.communityName}（盖章）</p>
    <p class="sign">年${GAP}月${GAP}日</p>
  </section>`;
}

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'] as const;
const quarterEnd = (s: Pick<Sheet, 'year' | 'quarter'>) => `${s.year}-${QUARTER_END[s.quarter - 1]}`;

/** The form's table, in the page's own style (the layout has none for tables). */
export const SHEET_STYLE = html`<style>
  table.form {
    width: 100%;
    border-collapse: collapse;
    margin: 4mm 0;
    font-size: 14px;
  }
  table.form th,
  table.form td {
    border: 1px solid #000;
    padding: 2mm 3mm;
    text-align: left;
    vertical-align: top;
  }
  table.form th {
    width: 22%;
    font-weight: normal;
    background: #f3f3f3;
  }
  table.form tr.tall td {
    height: 40mm;
  }
</style>`;

/** The .xlsx: one row per member, gathered by unit (the list's order). */
export const SHEET_COLUMNS: SheetColumn<Sheet>[] = [
  { header: '单位党组织', width: 24, value: (s) => s.unitOrgName },
  { header: '姓名', width: 10, value: (s) => s.memberName },
  { header: '所在党组织', width: 24, value: (s) => s.memberOrgName },
  { header: '报到社区', width: 20, value: (s) => s.communityName },
  { header: '报到日期', width: 12, value: (s) => s.registeredOn },
  { header: '统计截至', width: 12, value: (s) => s.asOf },
  { header: '本季度活动（次）', width: 10, value: (s) => s.quarterActivities },
  { header: '本季度时长（小时）', width: 10, value: (s) => s.quarterHours },
  { header: '本年活动（次）', width: 10, value: (s) => s.yearActivities },
  { header: '本年时长（小时）', width: 10, value: (s) => s.yearHours },
  { header: '年度目标（小时）', width: 10, value: (s) => s.targetHours },
  { header: '认领群众诉求（件）', width: 10, value: (s) => s.requestsFulfilled },
  { header: '送达日期', width: 12, value: (s) => s.sentOn },
];
