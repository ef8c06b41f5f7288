import { chinaToday, fullYears, GENDER_LABELS, maskIdNumber } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { type AuditContext, auditEvent } from '../db/audited.js';
import type { Queryable } from '../db/client.js';
import { queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { chineseDate, html, type PrintPage } from '../http/print.js';
import { pathInScope } from '../http/scope.js';
import type { TransferRow } from './transfers.repo.js';

const cnMonth = (ym: string) => `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`;

type Person = {
  gender: 'male' | 'female';
  birth_date: string | null;
  status: string;
  ethnicity: string | null;
  id_number: string;
  org_path: string;
  /** The member's record is in the actor's scope: the condition of revealing it (POST /api/members/:id/reveal). */
  in_scope: boolean;
};

/**
 * The 介绍信 in its customary three parts on one A4 sheet, as the paper form has them: the stub (存根) stays with
 * the sender, the letter (介绍信) goes with the member, the receipt (回执) comes back from the receiver. Cut lines
 * between them; a part is never split between two sheets. Like the standard form it names the member's 民族 and
 * ID number. The number is printed in full only for an account that may reveal it (member.sensitive, the member's
 * record in its scope), and that printing is on record as a reveal is; everyone else prints it masked.
 */
export async function letterPage(db: Queryable, actor: Actor, ctx: AuditContext, row: TransferRow): Promise<PrintPage> {
  const [person] = row.member_id
    ? await queryRows<Person>(
        db,
        sql`select m.gender, m.birth_date::text as birth_date, m.status, m.ethnicity, m.id_number, o.path::text as org_path,
                   ${pathInScope(actor, sql`o.path`)} as in_scope
              from members m join organizations o on o.id = m.org_id where m.id = ${row.member_id}`,
      )
    : [];
  const fullIdNumber = Boolean(person?.in_scope && actor.permissions.includes('member.sensitive'));
  if (person && fullIdNumber) {
    await auditEvent(db, ctx, {
      action: 'member.transfer.letter',
      entity: 'member',
      entityId: String(row.member_id),
      orgPath: person.org_path,
      after: { fields: ['id_number'], transferId: row.id, letterNo: row.letter_no },
    });
  }
  const gender = person ? GENDER_LABELS[person.gender] : '';
  const age = person?.birth_date ? String(fullYears(person.birth_date, chinaToday())) : '';
  const kind = person?.status === 'probationary' ? '预备' : '正式';
  const ethnicity = html`<span class="blank">${person?.ethnicity ?? ''}</span>`;
  const idText = person ? (fullIdNumber ? person.id_number : maskIdNumber(person.id_number)) : '';
  const idNumber = html`<span class="blank">${idText}</span>`;
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
          ${who}同志（${gender}，${age}岁，${ethnicity}，${kind}党员，身份证号码${idNumber}），组织关系由${from}转往${to}。党费交至${cnMonth(row.dues_paid_to)}。
        </p>
        <p class="sign">${chineseDate(row.issued_on)}</p>
      </section>
      ${cut}
      <section id="letter" class="keep">
        <h1>中国共产党党员组织关系介绍信</h1>
        ${no}
        <p class="salutation">${to}：</p>
        <p>
          兹介绍${who}同志（${gender}，${age}岁，${ethnicity}），系中共${kind}党员，身份证号码${idNumber}，其党员组织关系由你处接转，请接洽。
        </p>
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
