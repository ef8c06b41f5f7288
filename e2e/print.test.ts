import { describe, expect, test } from 'vitest';
import { html, printPage } from '../packages/server/src/http/print';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD } from './support/pages';
import { A4, pdfPagePng, readPdf } from './support/pdf';
import { SCREENSHOTS, useJourney } from './support/journey';

const journey = useJourney();

describe('printing', () => {
  test('a transfer letter prints on A4 with the issuing organisation, the date and page numbers', async () => {
    // A street secretary issues a letter out of the platform for one of the street's members.
    const street = await apiLogin(journey.baseUrl, 'jiedao', DEMO_PASSWORD);
    const [member] = (await street.get<{ items: { id: number; name: string }[] }>('/api/members?pageSize=1')).items;
    if (!member) throw new Error('the demo street has no member');
    const letter = await street.post<{ id: number; fromOrgName: string; letterNo: string }>('/api/transfers', {
      memberId: member.id,
      toOrgName: '外省某市某社区党委',
      duesPaidTo: '2026-06',
    });

    const context = await journey.browser.newContext({ baseURL: journey.baseUrl, locale: 'zh-CN' });
    const login = await context.request.post('/api/auth/login', {
      data: { username: 'jiedao', password: DEMO_PASSWORD },
    });
    expect(login.ok()).toBe(true);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`/api/transfers/${letter.id}/letter`);

    // On screen: a sheet of paper with a 打印 button that works under the page's policy (its script runs).
    await page.evaluate(() => {
      window.print = () => void (document.body.dataset.printed = 'yes');
    });
    await page.getByRole('button', { name: '打印' }).click();
    await page.locator('body[data-printed="yes"]').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}transfer-letter-screen.png`, fullPage: true });

    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pages = await readPdf(new Uint8Array(pdf));
    // Stub, letter and receipt on one sheet, as the paper form has them, to be cut along the dashed lines.
    expect(pages).toHaveLength(1);
    pages.forEach((p, i) => {
      expect(p.width).toBeCloseTo(A4.width, 0);
      expect(p.height).toBeCloseTo(A4.height, 0);
      expect(p.text).toContain(letter.fromOrgName);
      expect(p.text).toContain(`第${i + 1}页共${pages.length}页`);
      expect(p.text).toMatch(/打印日期：\d{4}年\d{1,2}月\d{1,2}日/);
    });
    const first = pages[0]?.text ?? '';
    for (const part of ['（存根）', '中国共产党党员组织关系介绍信', '（回执）', '外省某市某社区党委', letter.letterNo])
      expect(first).toContain(part);
    expect(first).toContain(member.name);
    // 民族 and the ID number, as the standard letter has them: in full for the street (member.sensitive), whose
    // printing is on record like a reveal.
    const { ethnicity } = await street.get<{ ethnicity: string | null }>(`/api/members/${member.id}`);
    const { idNumber } = await street.post<{ idNumber: string }>(`/api/members/${member.id}/reveal`);
    if (ethnicity) expect(first).toContain(ethnicity);
    expect(first.split(`身份证号码${idNumber}`)).toHaveLength(3);
    // What is for the screen only does not print.
    expect(first.replaceAll('打印日期', '')).not.toContain('打印');
    expect(first).not.toContain('沿虚线剪开：存根留存');

    await pdfPagePng(context, new Uint8Array(pdf), 1, `${SCREENSHOTS}transfer-letter.png`);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a document longer than a sheet carries the header and its page number on every page', async () => {
    const paragraphs = Array.from(
      { length: 60 },
      (_, i) => html`<p>第${i + 1}项：${'讨论社区党建工作的安排，'.repeat(4)}</p>`,
    );
    const doc = printPage({
      title: '会议记录',
      orgName: '和平社区"大党委"</style><b>',
      printedOn: '2026-03-05',
      body: html`<h1>会议记录</h1>
        ${paragraphs}
        <section class="new-page keep">
          <h2>附件</h2>
          <p>签到表</p>
        </section>`,
    });
    const page = await journey.browser.newPage();
    await page.setContent(doc);
    const pages = await readPdf(new Uint8Array(await page.pdf({ preferCSSPageSize: true })));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((p, i) => {
      expect(p.text).toContain('和平社区"大党委"</style><b>');
      expect(p.text).toContain('打印日期：2026年3月5日');
      expect(p.text).toContain(`第${i + 1}页共${pages.length}页`);
    });
    // The part marked to start a new sheet does.
    expect(pages.at(-1)?.text).toMatch(/页附件签到表$/);
    await page.close();
  });
});
