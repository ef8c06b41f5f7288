import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

const journey = useJourney();

const jobRow = (page: Page, name: string) => page.locator(`tr.ant-table-row[data-row-key="${name}"]`);

/** The row's 运行次数 / 失败次数 as numbers. */
async function counts(page: Page, name: string): Promise<[number, number]> {
  const text = await jobRow(page, name).getByTestId('job-counts').innerText();
  const [runs, failures] = text.split('/').map((n) => Number(n.trim()));
  return [runs ?? NaN, failures ?? NaN];
}

describe('scheduled jobs', () => {
  test('the platform administrator sees both jobs, runs the session cleanup now and finds the run in its record', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'admin');

    await openFromMenu(page, '系统', '定时任务');
    await page.waitForURL('**/jobs');
    const sessions = jobRow(page, 'sessions.cleanup');
    const figures = jobRow(page, 'figures.verify');
    await sessions.getByText('清理已过期的登录会话').waitFor();
    await figures.getByText('核对数据概览的计数').waitFor();
    expect(await sessions.innerText()).toContain('每15分钟');
    expect(await figures.innerText()).toContain('每天 03:30（北京时间）');
    // The nightly check has not run on a fresh server; the next run is a Beijing time of 03:30.
    expect(await figures.innerText()).toContain('尚未运行');
    expect(await figures.innerText()).toMatch(/\d{4}-\d{2}-\d{2} 03:30:00/);

    // The cleanup ran once at start; running it now adds a run, reported with what it did.
    const [runsBefore, failuresBefore] = await counts(page, 'sessions.cleanup');
    await sessions.getByRole('button', { name: '立即运行' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.locator('.ant-message').getByText('「清理已过期的登录会话（闲置超过30分钟）」运行成功').waitFor();
    await expect.poll(() => counts(page, 'sessions.cleanup')).toEqual([runsBefore + 1, failuresBefore]);
    await sessions.locator('.ant-tag', { hasText: '成功' }).waitFor();
    expect(await sessions.getByTestId('job-last-result').innerText()).toMatch(/^删除会话：\d+$/);

    // Its record of runs, newest first: every run so far, each a success.
    await sessions.locator('.ant-table-row-expand-icon').click();
    const runs = page.getByTestId('job-runs-sessions.cleanup');
    await expect.poll(() => runs.locator('.ant-table-row').count()).toBe(runsBefore + 1);
    const newest = runs.locator('.ant-table-row').first();
    expect(await newest.innerText()).toContain('成功');
    expect(await newest.innerText()).toMatch(/删除会话：\d+/);
    // The runs table fades in from its loading state: shoot it as it ends.
    await page.screenshot({ path: `${SCREENSHOTS}jobs.png`, fullPage: true, animations: 'disabled' });

    // The nightly check, run now, finds the kept figures equal to a recount.
    await figures.getByRole('button', { name: '立即运行' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.locator('.ant-message').getByText('不一致的计数：0，已重算：否').waitFor();
    await expect.poll(() => counts(page, 'figures.verify')).toEqual([1, 0]);

    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a street account has no 定时任务 in its menu and is refused the page', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'jiedao');
    const menu = page.locator('.ant-layout-sider');
    await menu.getByText('组织体系').waitFor();
    expect(await menu.innerText()).not.toContain('定时任务');
    await page.goto('/jobs');
    await page.getByText('您没有访问此页面的权限').waitFor();
    expect(await page.locator('.ant-table').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a system administrator of a street holds the permission but is shown the server’s refusal, not the jobs', async () => {
    const suffix = Date.now().toString(36);
    const username = `e2e_sys_${suffix}`;
    const street = await (
      await apiLogin(journey.baseUrl, 'jiedao', DEMO_PASSWORD)
    ).get<{ org: { id: number } }>('/api/me');
    const admin = await apiLogin(journey.baseUrl, 'admin', DEMO_PASSWORD);
    await admin.post('/api/accounts', {
      username,
      displayName: '街道系统管理员',
      role: 'sysadmin',
      orgId: street.org.id,
      password: 'Start#2026a',
    });
    // The first password is changed through the API: this journey is about the jobs page.
    const user = await apiLogin(journey.baseUrl, username, 'Start#2026a');
    await user.post('/api/auth/password', { currentPassword: 'Start#2026a', newPassword: 'Street#2026b' });

    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, username, 'Street#2026b');
    await openFromMenu(page, '系统', '定时任务');
    await page.waitForURL('**/jobs');
    await page.getByText('只有平台（最上级党组织）的系统管理员可以查看和运行定时任务').waitFor();
    expect(await page.locator('.ant-table').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
