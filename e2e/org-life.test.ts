import { addDays, chinaToday, DEFAULT_MEETING_RULES, standingOf } from '@gongjian/shared';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

const journey = useJourney();

/** The demo's first branch holds no 党员大会 this quarter: at risk in a quarter's last month (the demo's December). */
const atRiskToday = standingOf(DEFAULT_MEETING_RULES[0]!, chinaToday(), 0)?.status === 'at_risk';
const BRANCH = '和平社区第一党支部';

async function branchRow(page: Page) {
  const row = page.getByTestId('standings-table').locator('.ant-table-row', { hasText: BRANCH });
  await row.waitFor();
  return row;
}

describe('organisational life', () => {
  test('a branch secretary sees the branch at risk, records a 党员大会 with attendance, and the risk clears', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'zhibu');
    await page.waitForURL('**/workbench');
    const item = page.locator('[data-source="org-life.at-risk"] .ant-table-row', { hasText: BRANCH });
    if (atRiskToday) await item.getByText(/尚未召开：党员大会/).waitFor();

    await openFromMenu(page, '组织生活', '完成情况');
    let row = await branchRow(page);
    if (atRiskToday) await row.getByText('党员大会：临期未开', { exact: false }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}org-life-standings.png`, fullPage: true });

    await openFromMenu(page, '组织生活', '会议记录');
    await page.getByRole('button', { name: '新建会议' }).click();
    await page.waitForURL('**/org-life/meetings/new');
    // The expected attendees are the branch's members, listed to tick.
    await page.getByRole('button', { name: '全部出席' }).waitFor();
    await page.locator('.ant-table-row', { hasText: '田志远' }).waitFor();
    const expected = await page.locator('.ant-table-row').count();
    expect(expected).toBeGreaterThan(3);
    const date = page.getByLabel('会议日期');
    await date.click();
    await date.fill(addDays(chinaToday(), -1));
    await date.press('Enter');
    await page.getByLabel('开始时间').fill('19:00');
    await page.getByLabel('结束时间').fill('20:30');
    await page.getByLabel('地点').fill('社区党群服务中心');
    await page.getByLabel('会议主题').fill('第四季度党员大会：学习全会精神');
    await page.getByRole('button', { name: '全部出席' }).click();
    // One member was absent, with the reason.
    const first = page.locator('.ant-table-row').first();
    await first.getByText('缺席', { exact: true }).click();
    await first.locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '病假' }).click();
    await page.getByLabel('会议记录').fill('传达学习全会精神，讨论年度工作总结。');
    await page.screenshot({ path: `${SCREENSHOTS}org-life-record.png`, fullPage: true });
    await page.getByRole('button', { name: /定\s*稿/ }).click();
    await page.getByText('已定稿', { exact: true }).first().waitFor();
    await page.waitForURL(/\/org-life\/meetings\/\d+$/);
    await page.getByText(`应到${expected}人，实到${expected - 1}人`).waitFor();

    await openFromMenu(page, '组织生活', '完成情况');
    row = await branchRow(page);
    await row.getByText('党员大会：已完成').waitFor();
    expect(await row.getByText('临期未开').count()).toBe(0);
    await openFromMenu(page, '工作台', '工作台');
    await page.locator('[data-source]').first().waitFor();
    await expect.poll(() => item.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('a member on a phone sees the next meeting and says they cannot come', async () => {
    const context = await journey.browser.newContext({
      baseURL: journey.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto('/m/login');
    await page.getByPlaceholder('用户名').fill('dangyuan');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.getByRole('heading', { name: '田志远，您好' }).waitFor();
    await page.getByRole('link', { name: '组织生活' }).tap();
    await page.waitForURL('**/m/org-life');
    const meeting = page.getByTestId('upcoming-meeting').first();
    await meeting.getByText(/党员大会：/).waitFor();
    await meeting.getByRole('button', { name: '我不能参加' }).tap();
    await meeting.getByRole('button', { name: '事假' }).tap();
    await meeting.getByPlaceholder('补充说明（选填）').fill('出差在外');
    await page.screenshot({ path: `${SCREENSHOTS}org-life-phone-leave.png` });
    await meeting.getByRole('button', { name: '告知支部' }).tap();
    await meeting.getByText('已请假（事假）').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SCREENSHOTS}org-life-phone.png`, fullPage: true });

    // 长辈版: the same page in large type, its buttons still 52 px targets, nothing wider than the phone.
    await page.getByRole('button', { name: '切换到长辈版（大字）' }).tap();
    const undo = meeting.getByRole('button', { name: '撤回请假' });
    const box = await undo.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(52);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SCREENSHOTS}org-life-phone-elder.png`, fullPage: true });

    // The secretary sees it on the meeting.
    const zhibu = await apiLogin(journey.baseUrl, 'zhibu', DEMO_PASSWORD);
    const list = await zhibu.get<{ items: { id: number; status: string; leaveCount: number }[] }>(
      '/api/org-life/meetings?status=draft',
    );
    expect(list.items.some((m) => m.leaveCount === 1)).toBe(true);
    expect(errors).toEqual([]);
  });

  test('a street sets its own rule for 党课; the branches under it follow it', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'jiedao');
    await openFromMenu(page, '组织生活', '完成情况');
    await page.getByTestId('edit-rules').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('党课频次').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '每年至少一次' }).click();
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已保存，下级组织沿用').waitFor();
    const rule = page.locator('.ant-table-row', { hasText: '每年至少一次' }).filter({ hasText: '党课' });
    await rule.getByText(/街道党工委/).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}org-life-rules.png`, fullPage: true });
    // Back to the default, as the other journeys expect. The first list is still ':visible' while it fades out:
    // the next pick must not find its options.
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await page.getByTestId('edit-rules').click();
    await dialog.getByLabel('党课频次').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '沿用上级/默认' }).click();
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.locator('.ant-table-row', { hasText: '党课' }).getByText('每季度至少一次').waitFor();
    expect(errors).toEqual([]);
  });
});
