import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiLogin, type ApiSession } from './support/api';
import { SCREENSHOTS, useJourney } from './support/journey';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';

const journey = useJourney();

/** `YYYY-MM-DD HH:mm` in China, `days` from today at `time`. */
function chinaAt(days: number, time: string): string {
  const china = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000);
  return `${china.toISOString().slice(0, 10)} ${time}`;
}
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function newPhonePage(): Promise<Page> {
  const context = await journey.browser.newContext({
    baseURL: journey.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

async function phoneLogin(username: string, password: string): Promise<Page> {
  const page = await newPhonePage();
  await page.goto('/m/login');
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).tap();
  await page.waitForURL((url) => url.pathname === '/m/' || url.pathname === '/m');
  return page;
}

/** A second member of the community with a login of their own (the demo has one, 田志远). */
async function secondMember(shequ: ApiSession): Promise<{ username: string; password: string; name: string }> {
  const { items } = await shequ.get<{ items: { id: number; name: string; orgId: number }[] }>(
    '/api/members?pageSize=50',
  );
  const member = items.find((m) => m.name !== '田志远');
  if (!member) throw new Error('community0 has no second member');
  const admin = await apiLogin(journey.baseUrl, 'admin', DEMO_PASSWORD);
  const username = `vol_${Date.now().toString(36)}`;
  await admin.post('/api/accounts', {
    username,
    displayName: member.name,
    role: 'member',
    orgId: member.orgId,
    memberId: member.id,
    password: 'Start#2026a',
  });
  const self = await apiLogin(journey.baseUrl, username, 'Start#2026a');
  await self.post('/api/auth/password', { currentPassword: 'Start#2026a', newPassword: 'Member#2026b' });
  return { username, password: 'Member#2026b', name: member.name };
}

/** On the phone: the activity's item in 志愿服务's list of those open to me. */
async function openActivity(page: Page, title: string) {
  await page
    .getByRole('link', { name: /志愿服务/ })
    .first()
    .tap();
  await page.waitForURL('**/m/volunteers');
  const item = page.locator('.adm-list-item', { hasText: title });
  await item.waitFor();
  return item;
}

describe('volunteer service', () => {
  test('a community secretary publishes an activity, two members sign up on the phone, one cancels, the hours are confirmed and the certificate shows them', async () => {
    const title = `E2E义诊${Date.now().toString(36)}`;
    const shequ = await apiLogin(journey.baseUrl, 'shequ', DEMO_PASSWORD);
    const other = await secondMember(shequ);

    // The community secretary publishes the activity from the console's form.
    const context = await journey.browser.newContext({
      baseURL: journey.baseUrl,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await login(page, 'shequ');
    await openFromMenu(page, '志愿服务', '志愿服务活动');
    await page.waitForURL('**/volunteers/activities');
    await page.getByRole('button', { name: '发布活动' }).click();
    const dialog = page.getByRole('dialog', { name: '发布志愿服务活动' });
    await dialog.getByRole('combobox', { name: '组织', exact: true }).click();
    await page.locator('.ant-select-tree-node-content-wrapper').first().click();
    await dialog.getByLabel('活动名称').fill(title);
    await dialog.getByLabel('活动类型').click();
    await page.locator('.ant-select-item-option').getByText('义诊', { exact: true }).click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await dialog.getByLabel('名额（不填则不限）').fill('5');
    await dialog.getByPlaceholder('开始时间').click();
    await dialog.getByPlaceholder('开始时间').fill(chinaAt(2, '09:00'));
    await dialog.getByPlaceholder('开始时间').press('Enter');
    await dialog.getByPlaceholder('结束时间').fill(chinaAt(2, '11:00'));
    await dialog.getByPlaceholder('结束时间').press('Enter');
    await dialog.getByPlaceholder('报名截止时间').click();
    await dialog.getByPlaceholder('报名截止时间').fill(chinaAt(1, '18:00'));
    await dialog.getByPlaceholder('报名截止时间').press('Enter');
    await dialog.getByLabel('地点').fill('社区服务站');
    // The answer is checked, so that a refusal fails here with the server's words rather than as a missing page.
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/volunteers\/activities$/.test(r.url())),
      dialog.getByRole('button', { name: '保存并发布' }).click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    await page.waitForURL(/\/volunteers\/activities\/\d+$/);
    const activityId = Number(page.url().split('/').pop());
    await page.getByText('报名中').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}volunteers-activity.png`, fullPage: true });

    // 田志远 (dangyuan) and a second member sign up on the phone; the second cancels before the deadline.
    const tian = await phoneLogin('dangyuan', DEMO_PASSWORD);
    const phoneErrors = collectErrors(tian);
    let item = await openActivity(tian, title);
    await item.getByRole('button', { name: '报名', exact: true }).tap();
    await tian.getByText('报名成功').waitFor();
    await item.getByText('已报名', { exact: true }).waitFor();
    await tian.screenshot({ path: `${SCREENSHOTS}volunteers-phone.png`, fullPage: true });

    const second = await phoneLogin(other.username, other.password);
    item = await openActivity(second, title);
    await item.getByRole('button', { name: '报名', exact: true }).tap();
    await item.getByText('已报名', { exact: true }).waitFor();
    await item.getByText('已报名 2/5 人', { exact: false }).waitFor();
    await item.getByRole('button', { name: '取消报名' }).tap();
    await second.getByText('已取消报名').waitFor();
    await item.getByText('已报名 1/5 人', { exact: false }).waitFor();

    // The activity takes place (its times moved into the past), then the organiser confirms the hours.
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await shequ.patch(`/api/volunteers/activities/${activityId}`, {
      signupDeadline: hoursAgo(30),
      startsAt: hoursAgo(26),
      endsAt: hoursAgo(24),
    });
    await page.reload();
    await page.getByText('勾选实际到场的人员').waitFor();
    const row = page.locator('.ant-table-row', { hasText: '田志远' });
    await expect.poll(() => row.getByRole('spinbutton').inputValue()).toBe('2.0');
    expect(await page.locator('.ant-table-row', { hasText: other.name }).count()).toBe(0);
    await page.getByRole('button', { name: '确认 1 人的时长' }).click();
    await page.getByText('时长已确认').first().waitFor();
    await page.locator('.ant-table-row', { hasText: '田志远' }).getByText('已确认').waitFor();

    // The member sees the hours on the phone, and the certificate shows them.
    await tian.goto('/m/volunteers/hours');
    await tian.getByText(title).waitFor();
    const total = Number(await tian.getByTestId('hours-total').innerText());
    expect(total).toBeGreaterThanOrEqual(2);
    await tian.goto(`/api/volunteers/me/certificate?from=${chinaToday().slice(0, 4)}-01-01&to=${chinaToday()}`);
    await tian.getByRole('heading', { name: '志愿服务记录证明' }).waitFor();
    const certificate = await tian.locator('main').innerText();
    expect(certificate).toContain('田志远');
    expect(certificate).toMatch(new RegExp(`${title}\\s+2\\s`));
    await tian.screenshot({ path: `${SCREENSHOTS}volunteers-certificate.png`, fullPage: true });

    // Service done outside any activity, reported on the phone: it waits for the branch's confirmation.
    await tian.goto('/m/volunteers/report');
    await tian.getByLabel('时长（小时）').fill('1.5');
    await tian.getByLabel('做了什么').fill('为邻居老人代购药品');
    await tian.getByLabel('证明人（谁可以证实）').fill('2号楼楼长');
    await tian.getByRole('button', { name: '提交，等待确认' }).tap();
    await tian.waitForURL('**/m/volunteers/hours');
    await tian
      .locator('.adm-list-item', { hasText: '为邻居老人代购药品' })
      .getByText(/待确认/)
      .waitFor();
    expect(Number(await tian.getByTestId('hours-total').innerText())).toBe(total);

    // The console's file of the member links the certificate too.
    await page.locator('.ant-table-row', { hasText: '田志远' }).getByRole('link', { name: '田志远' }).click();
    await page.waitForURL(/\/volunteers\/members\/\d+$/);
    await page.getByText('志愿服务记录证明').waitFor();
    await page.getByRole('link', { name: '打印证明' }).waitFor();
    expect(errors).toEqual([]);
    expect(phoneErrors).toEqual([]);
    await context.close();
  });

  test('the demo shows the flow at once: teams, a coming activity, a pending report on the workbench', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'shequ');
    await openFromMenu(page, '志愿服务', '服务队');
    await page.getByText('治安巡逻员队').waitFor();
    await openFromMenu(page, '志愿服务', '服务确认');
    await page.getByText('为小区3名中学生义务辅导数学').waitFor();
    await page
      .locator('.ant-table-row', { hasText: '为小区3名中学生义务辅导数学' })
      .getByRole('button', { name: /^确\s*认$/ })
      .click();
    await page.getByText('已处理').waitFor();
    await openFromMenu(page, '志愿服务', '志愿服务活动');
    await page.getByRole('tab', { name: '月历' }).click();
    await page.locator('.ant-picker-calendar').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}volunteers-calendar.png`, fullPage: true });

    // The in-service member of unit0 registered with community0 served there lately; their unit reads it.
    const unit = await apiLogin(journey.baseUrl, 'lianluoyuan', DEMO_PASSWORD);
    const [wei] = (await unit.get<{ items: { id: number }[] }>(`/api/members?q=${encodeURIComponent('魏建华')}`)).items;
    if (!wei) throw new Error('the demo has no 魏建华');
    const file = await unit.get<{ activitiesThisYear: number; records: { servedOn: string; status: string }[] }>(
      `/api/volunteers/members/${wei.id}/file`,
    );
    // The demo's activities are dated from the seeding day: four in the last 30 days (this quarter's, but early in one).
    const monthAgo = new Date(Date.now() + 8 * 3600_000 - 30 * 86_400_000).toISOString().slice(0, 10);
    expect(
      file.records.filter((r) => r.status === 'confirmed' && r.servedOn >= monthAgo).length,
    ).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });

  test('the attendance of 200 people: all ticked with the length, one untick, one more hours with a reason, one confirm', async () => {
    const organiser = await apiLogin(journey.baseUrl, 'admin', DEMO_PASSWORD);
    const me = await organiser.get<{ org: { id: number } }>('/api/me');
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const activity = await organiser.post<{ id: number }>('/api/volunteers/activities', {
      orgId: me.org.id,
      title: `E2E大型活动${Date.now().toString(36)}`,
      type: 'environment',
      place: '市民广场',
      startsAt: hoursAgo(5),
      endsAt: hoursAgo(3),
      signupDeadline: hoursAgo(6),
      capacity: 300,
      publish: true,
    });
    const people: { id: number; name: string }[] = [];
    for (let page = 1; people.length < 200; page++) {
      const { items } = await organiser.get<{ items: { id: number; name: string }[] }>(
        `/api/members?pageSize=200&page=${page}`,
      );
      if (items.length === 0) break;
      people.push(...items);
    }
    const crowd = people.slice(0, 200);
    expect(crowd).toHaveLength(200);
    for (let i = 0; i < crowd.length; i += 20) {
      await Promise.all(
        crowd
          .slice(i, i + 20)
          .map((m) => organiser.post(`/api/volunteers/activities/${activity.id}/signups`, { memberId: m.id })),
      );
    }
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'admin');
    const started = Date.now();
    await page.goto(`/volunteers/activities/${activity.id}`);
    const confirm = page.getByRole('button', { name: '确认 200 人的时长' });
    await confirm.waitFor();
    expect(Date.now() - started).toBeLessThan(10_000);
    // Untick the first, give the second 3 hours with a reason.
    const rows = page.locator('.ant-table-tbody .ant-table-row');
    await rows.nth(0).getByRole('checkbox').uncheck();
    await page.getByRole('button', { name: '确认 199 人的时长' }).waitFor();
    await rows.nth(1).getByRole('spinbutton').fill('3');
    await rows.nth(1).getByRole('spinbutton').blur();
    await rows.nth(1).getByRole('textbox').fill('会后清理场地');
    await page.getByRole('button', { name: '确认 199 人的时长' }).click();
    await page.getByText('时长已确认').first().waitFor();
    const detail = await organiser.get<{ records: { hours: number; reason: string | null }[] }>(
      `/api/volunteers/activities/${activity.id}`,
    );
    expect(detail.records).toHaveLength(199);
    expect(detail.records.filter((r) => r.hours === 3 && r.reason === '会后清理场地')).toHaveLength(1);
    expect(detail.records.filter((r) => r.hours === 2)).toHaveLength(198);
    expect(errors).toEqual([]);
  });
});
