import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { SCREENSHOTS, useJourney } from './support/journey';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';

const journey = useJourney();

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

async function phoneLogin(username: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await newPhonePage();
  await page.goto('/m/login');
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).tap();
  await page.waitForURL((url) => url.pathname === '/m/' || url.pathname === '/m');
  return page;
}

/** The page does not scroll sideways at 375 px. */
async function fitsPhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(376);
}

describe('serving residents: a request from order to rating', () => {
  test('a resident submits on the phone, the community accepts and dispatches, the member finishes, the resident rates', async () => {
    const text = `楼道的声控灯坏了，晚上很黑 ${Date.now().toString(36)}`;

    // 1. The resident (王秀兰, demo login jumin) on the phone, in 长辈版.
    const resident = await phoneLogin('jumin');
    const residentErrors = collectErrors(resident);
    await expect.poll(() => resident.getByText('王秀兰，您好').isVisible(), { timeout: 15_000 }).toBe(true);
    await resident
      .getByRole('button', { name: /长辈版|标准版/ })
      .first()
      .tap()
      .catch(() => undefined);
    await resident.getByRole('link', { name: '我要办事' }).first().tap();
    await resident.waitForURL(/\/m\/requests\/new/);
    await resident.getByText('维修', { exact: true }).tap();
    const box = resident.getByPlaceholder('请说明需要什么帮助（5—500字）');
    await box.fill(text);
    await fitsPhone(resident);
    const fontSize = await box.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(16);
    await resident.getByRole('button', { name: '提交' }).tap();
    await resident.waitForURL(/\/m\/requests\/mine\/\d+/);
    const id = Number(new URL(resident.url()).pathname.split('/').pop());
    await expect.poll(() => resident.getByText('待受理').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await resident.screenshot({ path: `${SCREENSHOTS}requests-resident-submitted.png` });

    // 2. The community (shequ) on the console: the queue, the request, accept, dispatch to the grid's member.
    const console = await journey.page();
    const consoleErrors = collectErrors(console);
    await login(console, 'shequ');
    await openFromMenu(console, '服务群众', '群众诉求');
    const row = console.getByRole('link', { name: String(id), exact: true });
    await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    await row.click();
    await console.waitForURL(new RegExp(`/requests/${id}$`));
    await console
      .getByRole('button', { name: '受 理' })
      .or(console.getByRole('button', { name: '受理' }))
      .first()
      .click();
    await expect.poll(() => console.getByText('已受理').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await console
      .getByRole('button', { name: /派\s*单/ })
      .first()
      .click();
    const dialog = console.getByRole('dialog');
    await dialog
      .locator('.ant-radio-wrapper')
      .filter({ hasText: /^党员$/ })
      .click();
    await dialog.getByPlaceholder('输入特长，如：水电维修').waitFor();
    await dialog.locator('.ant-select').first().click();
    await console.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '田志远' }).first().click();
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => console.getByText('已派单').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await console.screenshot({ path: `${SCREENSHOTS}requests-console-dispatched.png`, fullPage: true });

    // 3. The member (田志远, dangyuan) on the phone: what was dispatched to them, progress, done.
    const member = await phoneLogin('dangyuan');
    const memberErrors = collectErrors(member);
    await member.goto(`/m/serve/${id}`);
    await expect.poll(() => member.getByText(text).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => member.getByText('王秀兰').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await fitsPhone(member);
    await member.getByPlaceholder('说明').fill('已联系物业，今天换好灯泡');
    await member.getByRole('button', { name: '办结' }).tap();
    await expect.poll(() => member.getByText('已办结').first().isVisible(), { timeout: 15_000 }).toBe(true);

    // 4. The resident sees the timeline and rates.
    await resident.reload();
    await expect.poll(() => resident.getByText('已办结').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await expect
      .poll(() => resident.getByText('已联系物业，今天换好灯泡').first().isVisible(), { timeout: 15_000 })
      .toBe(true);
    await resident.getByText('满意', { exact: true }).tap();
    await resident.getByRole('button', { name: '提交评价' }).tap();
    await expect.poll(() => resident.getByText('您的评价：满意').isVisible(), { timeout: 15_000 }).toBe(true);
    await fitsPhone(resident);
    await resident.screenshot({ path: `${SCREENSHOTS}requests-resident-rated.png`, fullPage: true });

    const shequ = await apiLogin(journey.baseUrl, 'shequ', DEMO_PASSWORD);
    const detail = await shequ.get<{ status: string; rating: string; events: { kind: string }[] }>(
      `/api/requests/${id}`,
    );
    expect(detail).toMatchObject({ status: 'done', rating: 'satisfied' });
    expect(detail.events.map((e) => e.kind)).toEqual(['submitted', 'accepted', 'dispatched', 'done', 'rated']);
    expect([...residentErrors, ...consoleErrors, ...memberErrors]).toEqual([]);
  });

  test('a micro-wish shows members the surname only until claimed', async () => {
    const member = await phoneLogin('dangyuan');
    await member.goto('/m/serve?tab=wishes');
    await expect
      .poll(() => member.getByText('孙女今年上一年级，想要一个新书包').isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect
      .poll(() =>
        member
          .getByText(/王\*\*/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    expect(await member.getByText('王秀兰').count()).toBe(0);
  });

  test('a resident account is sent from the console to the phone', async () => {
    const page = await journey.page();
    await login(page, 'jumin');
    await page.waitForURL((url) => url.pathname.startsWith('/m'));
  });
});
