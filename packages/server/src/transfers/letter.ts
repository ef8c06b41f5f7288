import { chinaToday, fullYears, GENDER_LABELS } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { queryRows } from '../db/client.js';
import { chineseDate, html, type PrintPage } from '../http/print.js';
import type { TransferRow } from './transfers.repo.js';

const cnMonth = (ym: string) => `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`;

type Person = { gender: 'male' | 'female'; birth_date: string | null; status: string };

/**
 * The 介绍信 in its customary three parts on one A4 sheet, as the paper form has them: the stub (存根) stays with
 * the sender, the letter (介绍信) goes with the member, the receipt (回执) comes back from the receiver. Cut lines
 * between them; a part is never split between two sheets.
 */
export async function letterPage(db: Queryable, row: TransferRow): Promise<PrintPage> {
  const [person] = row.member_id
    ? await queryRows<Person>(
        db,
        sql`select gender, birth_date::text as birth_date, status from members where id = ${row.member_id}`,
      )
    : [];
  const gender = person ? GENDER_LABELS[person.gender] : '';
  const age = person?.birth_date ? String(fullYears(person.birth_date, chinaToday())) : '';
  const kind = person?.status === 'probationary' ? '预备' : '正式';
  const who = html`<span class="blank">${row.member_name}</span>`;
  const from = html`<span class="blank">${row.from_org_name}</span>`;
  const to = html`<span class="blank">${row.to_org_name}</span>`;
  const no = html`<p class="doc-no">${row.letter_no}</p>`;
  const days = Math.round((Date.parse(row.valid_until) - Date.parse(row.issued_on)) / 86_400_000);
  const cut = html`<div class="cut">（沿此线剪开）</div>`;
  return {
    title: `党员组织关系介绍信 ${row.letter_no}`,
    orgName: row.from_org_name,
    printedOn: chinaToday(),
    note: '沿虚线剪开：存根留存，介绍信交党员本人，回执由接收组织寄回。',
    body: html`<section id="stub" class="keep">
        <h2>中国共产党党员组织关系介绍信（存根）</h2>
        ${no}
        <p>
          ${who}同志（${gender}，${age}岁，${kind}党员），组织关系由${from}转往${to}。党费交至${cnMonth(row.dues_paid_to)}。
        </p>
        <p class="sign">${chineseDate(row.issued_on)}</p>
      </section>
      ${cut}
      <section id="letter" class="keep">
        <h1>中国共产党党员组织关系介绍信</h1>
        ${no}
        <p class="salutation">${to}：</p>
        <p>兹介绍${who}同志（${gender}，${age}岁，${kind}党员）的党员组织关系由你处接转，请接洽。</p>
        <p>该同志党费已交到${cnMonth(row.dues_paid_to)}。</p>
        <p>（有效期${days}天，至${chineseDate(row.valid_until)}止）</p>
        <p class="sign">${row.from_org_name}（盖章）<br />${chineseDate(row.issued_on)}</p>
      </section>
      ${cut}
      <section id="receipt" class="keep">
        <h2>中国共产党党员组织关系介绍信（回执）</h2>
        ${no}
        <p class="salutation">${from}：</p>
        <p>${who}同志的党员组织关系已转达我处，特此回复。</p>
        <p class="sign">接收党组织（盖章）<br />年&emsp;&emsp;月&emsp;&emsp;日</p>
      </section>`,
  };
}
