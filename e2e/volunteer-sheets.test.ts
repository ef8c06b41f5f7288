import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { SCREENSHOTS, useJourney } from './support/journey';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';

const journey = useJourney();

type Sheet = {
  id: number;
  memberName: string;
  unitOrgName: string;
  quarterActivities: number;
  quarterHours: number;
  yearHours: number;
  targetHours: number | null;
};

describe('the quarterly residence-performance sheet', () => {
  test("the unit liaison opens the quarter's sheet of their member, prints it and downloads the .xlsx", async () => {
    // What the server holds for the liaison (the demo made this quarter's sheets): the page must show the same.
    const liaisonApi = await apiLogin(journey.baseUrl, 'lianluoyuan', DEMO_PASSWORD);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
    const { items } = await liaisonApi.get<{ items: Sheet[] }>(`/api/residence-sheets?year=${year}&quarter=${quarter}`);
    const sheet = items.find((s) => s.memberName === '魏建华') as Sheet;
    expect(sheet).toBeDefined();
    expect(sheet.targetHours).toBe(50);
    expect(sheet.quarterHours).toBeGreaterThan(0);

    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'lianluoyuan');
    await openFromMenu(page, '志愿服务', '在职党员反馈表');
    await page.waitForURL('**/residence-sheets');
    const row = page.locator('.ant-table-row', { hasText: '魏建华' });
    await row.waitFor();
    await row.getByRole('button', { name: '魏建华' }).click();
    const detail = page.getByTestId('sheet-detail');
    await detail.waitFor();
    const text = await detail.innerText();
    expect(text).toContain(sheet.unitOrgName);
    expect(text).toContain(`${sheet.quarterHours} 小时`);
    expect(text).toContain(`${sheet.yearHours} 小时`);
    expect(text).toContain('50 小时');
    await page.screenshot({ path: `${SCREENSHOTS}residence-sheet.png`, fullPage: true });

    // The printable page opens in a tab of its own.
    const [printed] = await Promise.all([
      page.context().waitForEvent('page'),
      page
        .locator('.ant-modal-footer')
        .getByRole('link', { name: /打\s*印/ })
        .click(),
    ]);
    await printed.waitForLoadState();
    const printedText = await printed.locator('main').innerText();
    expect(printedText).toContain('在职党员社区表现反馈表');
    expect(printedText).toContain('魏建华');
    await printed.close();
    await page.keyboard.press('Escape');

    // The unit's workbook: one row per member, the same figures.
    const download = page.waitForEvent('download');
    await page
      .locator('.ant-table-row', { hasText: sheet.unitOrgName })
      .first()
      .getByRole('button', { name: '导出Excel' })
      .click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^在职党员社区表现反馈表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await file.path());
    const ws = book.worksheets[0] as ExcelJS.Worksheet;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const rowOf = (name: string) => {
      for (let i = 2; i <= ws.rowCount; i++) {
        const values = ws.getRow(i).values as unknown[];
        if (values.includes(name)) return values;
      }
      return [];
    };
    const cells = rowOf('魏建华');
    expect(cells[header.indexOf('本季度时长（小时）')]).toBe(sheet.quarterHours);
    expect(cells[header.indexOf('本年时长（小时）')]).toBe(sheet.yearHours);
    expect(cells[header.indexOf('本季度活动（次）')]).toBe(sheet.quarterActivities);
    expect(cells[header.indexOf('年度目标（小时）')]).toBe(50);
    expect(errors).toEqual([]);
  });

  test('the district reads its rules, turns the ranking on, and the ranking and the figures show', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'zuzhibu');
    await openFromMenu(page, '志愿服务', '志愿服务排行');
    await page.waitForURL('**/volunteer-ranking');
    // Off by default (2026 国办: no compulsory points rankings).
    await page.getByText('本地未启用志愿服务排行').first().waitFor();

    await openFromMenu(page, '志愿服务', '志愿服务规则');
    await page.waitForURL('**/volunteer-rules');
    const effective = page.getByTestId('effective-rules');
    await effective.waitFor();
    await expect.poll(() => effective.innerText()).toContain('50 小时');
    expect(await effective.innerText()).toMatch(/志愿服务排行\s*关闭/);
    await page.getByLabel('志愿服务排行').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .getByText('开启', { exact: true })
      .click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    await expect.poll(() => effective.innerText()).toMatch(/志愿服务排行\s*开启/);
    await page.screenshot({ path: `${SCREENSHOTS}volunteer-rules.png`, fullPage: true });

    await openFromMenu(page, '志愿服务', '志愿服务排行');
    await page.getByText(/统计 \d{4}年第\d季度 已确认的志愿服务时长/).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}volunteer-ranking.png`, fullPage: true });

    await openFromMenu(page, '数据', '数据概览');
    await page.getByTestId('volunteer-figures').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}volunteer-figures.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
