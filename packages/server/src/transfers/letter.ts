import { chinaToday, fullYears, GENDER_LABELS } from '@gongjian/shared';
import type { Queryable } from '../db/client.js';
import { queryRows } from '../db/client.js';
import { sql } from 'drizzle-orm';
import type { TransferRow } from './transfers.repo.js';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const cn = (date: string) => `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const cnMonth = (ym: string) => `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`;

type Person = { gender: 'male' | 'female'; birth_date: string | null; status: string } | undefined;

/**
 * The 介绍信 in its customary three parts on one A4 page: the stub (存根) stays with the sender, the letter
 * (介绍信) goes with the member, the receipt (回执) comes back from the receiver. Print CSS draws the cut lines.
 */
export async function letterHtml(db: Queryable, row: TransferRow): Promise<string> {
  const [person] = row.member_id
    ? await queryRows<NonNullable<Person>>(
        db,
        sql`select gender, birth_date::text as birth_date, status from members where id = ${row.member_id}`,
      )
    : [];
  const p = person as Person;
  const who = escape(row.member_name);
  const gender = p ? GENDER_LABELS[p.gender] : '';
  const age = p?.birth_date ? String(fullYears(p.birth_date, chinaToday())) : '';
  const kind = p?.status === 'probationary' ? '预备' : '正式';
  const from = escape(row.from_org_name);
  const to = escape(row.to_org_name);
  const no = escape(row.letter_no);
  const days = Math.round((Date.parse(row.valid_until) - Date.parse(row.issued_on)) / 86_400_000);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>党员组织关系介绍信 ${no}</title>
<style>
  @page { size: A4; margin: 15mm; }
  body { font-family: "SimSun", "Songti SC", serif; color: #000; max-width: 180mm; margin: 0 auto; font-size: 15px; line-height: 2; }
  section { padding: 6mm 0; }
  h1 { text-align: center; font-size: 22px; letter-spacing: 4px; margin: 0 0 2mm; }
  h2 { text-align: center; font-size: 18px; margin: 0; }
  .no { text-align: right; }
  .cut { border-top: 1px dashed #000; text-align: center; font-size: 12px; margin: 2mm 0; }
  .sign { text-align: right; margin-top: 4mm; }
  u { padding: 0 2em; text-decoration: underline; }
  .actions { text-align: center; margin: 6mm 0; color: #666; font-size: 13px; }
  @media print { .actions { display: none; } }
</style></head>
<body>
<p class="actions">请用浏览器的“打印”（Ctrl+P）打印本页，沿虚线剪开：存根留存，介绍信交党员本人，回执由接收组织寄回。</p>
<section id="stub">
  <h2>中国共产党党员组织关系介绍信（存根）</h2>
  <p class="no">${no}</p>
  <p><u>${who}</u>同志（${gender}，${age}岁，${kind}党员），组织关系由<u>${from}</u>转往<u>${to}</u>。
  党费交至${cnMonth(row.dues_paid_to)}。</p>
  <p class="sign">${cn(row.issued_on)}</p>
</section>
<div class="cut">（沿此线剪开）</div>
<section id="letter">
  <h1>中国共产党党员组织关系介绍信</h1>
  <p class="no">${no}</p>
  <p><u>${to}</u>：</p>
  <p>兹介绍<u>${who}</u>同志（${gender}，${age}岁，${kind}党员）的党员组织关系由你处接转，请接洽。</p>
  <p>该同志党费已交到${cnMonth(row.dues_paid_to)}。</p>
  <p>（有效期${days}天，至${cn(row.valid_until)}止）</p>
  <p class="sign">${from}（盖章）<br>${cn(row.issued_on)}</p>
</section>
<div class="cut">（沿此线剪开）</div>
<section id="receipt">
  <h2>中国共产党党员组织关系介绍信（回执）</h2>
  <p class="no">${no}</p>
  <p><u>${from}</u>：</p>
  <p><u>${who}</u>同志的党员组织关系已转达我处，特此回复。</p>
  <p class="sign">接收党组织（盖章）<br>年&emsp;&emsp;月&emsp;&emsp;日</p>
</section>
</body></html>`;
}
