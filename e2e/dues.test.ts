import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';
import { pickOption } from './support/antd';

const journey = useJourney();

/** Last month in China, as `2026年11月` (the demo's members are paid up to it). */
function lastMonthText(): string {
  const china = new Date(Date.now() + 8 * 3600_000);
  const index = china.getUTCFullYear() * 12 + china.getUTCMonth() - 1;
  return `${Math.floor(index / 12)}年${(index % 12) + 1}月`;
}

async function newPhonePage(): Promise<Page> {
  const context = await journey.browser.newContext({
    baseURL: journey.baseUrl,
    locale: 'zh-CN',
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

describe('party dues', () => {
  test('a branch secretary records a payment for the member behind, and the behind list shrinks', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'zhibu');
    await openFromMenu(page, '组织生活', '党费收缴');
    await page.waitForURL('**/dues');
    await page.getByTestId('dues-totals').waitFor();
    await page.getByRole('checkbox', { name: '仅看欠缴' }).check();
    const behind = page.locator('.ant-table-tbody .ant-table-row', { hasText: '3个月' });
    await behind.waitFor();
    const rowsBefore = await page.locator('.ant-table-tbody .ant-table-row').count();
    const name = (await behind.locator('td').nth(1).innerText()).trim();
    expect(name).not.toBe('');
    await page.screenshot({ path: `${SCREENSHOTS}dues-behind.png`, fullPage: true });

    await behind.getByRole('checkbox').check();
    await page.getByRole('button', { name: '为所选1人登记缴费' }).click();
    const dialog = page.getByRole('dialog', { name: '登记党费' });
    await dialog.getByText(name).waitFor();
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已登记1笔党费').waitFor();
    await expect.poll(() => page.locator('.ant-table-tbody .ant-table-row', { hasText: name }).count()).toBe(0);
    expect(await page.locator('.ant-table-tbody .ant-table-row').count()).toBe(rowsBefore - 1);

    // Recorded twice is refused with the reason: the member is paid up now.
    await page.getByRole('checkbox', { name: '仅看欠缴' }).uncheck();
    const row = page.locator('.ant-table-tbody .ant-table-row', { hasText: name });
    await row.getByRole('button', { name: '登记缴费' }).click();
    await page
      .getByRole('dialog', { name: '登记党费' })
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page
      .getByText(/不能重复缴纳/)
      .first()
      .waitFor();
    await page
      .getByRole('dialog', { name: '登记党费' })
      .getByRole('button', { name: /取\s*消|Cancel/ })
      .click();

    // Last year's appraisal of the branch is on record, the ⅓ cap kept.
    await openFromMenu(page, '组织生活', '民主评议');
    await page.waitForURL('**/appraisal');
    await page.locator('.ant-table-row', { hasText: '已完成' }).getByRole('link').click();
    await page
      .getByTestId('excellent-cap')
      .getByText(/优秀 \d+ 人，上限 \d+ 人/)
      .waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}appraisal.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("the branch grades this year's appraisal with the ⅓ cap shown live; the community sees the lapsed list", async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'zhibu');
    await openFromMenu(page, '组织生活', '民主评议');
    await page.waitForURL('**/appraisal');
    await page.getByRole('button', { name: '建立评议' }).click();
    const dialog = page.getByRole('dialog', { name: '建立年度民主评议' });
    await dialog.locator('.ant-tree-select').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: '和平社区第一党支部' })
      .first()
      .click();
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.waitForURL(/\/appraisal\/\d+$/);
    await page.getByText('优秀 0 人，上限').waitFor();
    await page.getByRole('button', { name: '结束自评互评，进入支部评定' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText('已进入下一阶段').waitFor();
    const cap = Number((await page.getByTestId('excellent-cap').innerText()).match(/上限 (\d+) 人/)?.[1]);
    expect(cap).toBeGreaterThan(0);
    const grades = page.getByRole('combobox', { name: /等次$/ });
    for (let i = 0; i < cap; i++) {
      await pickOption(page, grades.nth(i), /^优秀$/);
      await page.getByText(`优秀 ${i + 1} 人，上限 ${cap} 人`).waitFor();
    }
    // The cap reached: 优秀 is no longer offered to the others.
    await grades.nth(cap).click();
    const excellent = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '优秀' }).first();
    await expect.poll(() => excellent.getAttribute('aria-disabled')).toBe('true');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^不合格$/ }).click();
    await page.getByText('评为不合格的，请选择处理措施').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}appraisal-grading.png`, fullPage: true });
    expect(errors).toEqual([]);

    // The community's secretary sees the member of branch0_1 five months behind on dues.
    const community = await journey.page();
    await login(community, 'shequ');
    await openFromMenu(community, '组织生活', '组织关系预警');
    await community.waitForURL('**/dues/lapsed');
    await community.locator('.ant-table-row', { hasText: '连续未交党费' }).getByText('满4个月').waitFor();
    await community.screenshot({ path: `${SCREENSHOTS}lapsed.png`, fullPage: true });
    await page.context().close();
    await community.context().close();
  });

  test('a member on the phone sees what their dues are paid up to', async () => {
    const page = await newPhonePage();
    const errors = collectErrors(page);
    await page.goto('/m/login');
    await page.getByPlaceholder('用户名').fill('dangyuan');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.getByRole('heading', { name: '田志远，您好' }).waitFor();
    await page.getByRole('link', { name: '我的党费' }).tap();
    await page.waitForURL('**/m/dues');
    await expect.poll(() => page.getByTestId('dues-paid-to').innerText()).toBe(lastMonthText());
    await page.getByText('已按期交纳').waitFor();
    await page.getByText('缴费记录').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SCREENSHOTS}mobile-dues.png`, fullPage: true });
    // 长辈版: the same page in large text, nothing under 18 px, still within the phone's width.
    await page.getByRole('button', { name: '切换到长辈版（大字）' }).tap();
    await page.getByRole('button', { name: '切换到标准版' }).waitFor();
    const fontPx = (testId: string) =>
      page.getByTestId(testId).evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(await fontPx('dues-paid-to')).toBeGreaterThanOrEqual(18);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SCREENSHOTS}mobile-dues-elder.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
