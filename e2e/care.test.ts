import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { SCREENSHOTS, useJourney } from './support/journey';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';

const journey = useJourney();

async function desktop(username: string): Promise<{ page: Page; errors: string[] }> {
  const page = await journey.page();
  const errors = collectErrors(page);
  await login(page, username);
  return { page, errors };
}

async function phoneLogin(username: string): Promise<Page> {
  const context = await journey.browser.newContext({
    baseURL: journey.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto('/m/login');
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).tap();
  await page.waitForURL((url) => url.pathname === '/m/' || url.pathname === '/m');
  return page;
}

/** The workbench card's "共 N 项，已超期 M 项" of the care source. */
async function careCounts(page: Page): Promise<{ total: number; overdue: number }> {
  await page.goto('/workbench');
  const card = page.locator('[data-source="care.visits"]');
  await card.waitFor();
  const text = await card.locator('.ant-card-extra').innerText();
  const [, total, overdue] = /共 (\d+) 项(?:，已超期 (\d+) 项)?/.exec(text) ?? [];
  return { total: Number(total), overdue: Number(overdue ?? 0) };
}

describe('grids and vulnerable residents', () => {
  test('the community adds buildings, draws a grid (one grid per building) and assigns a member', async () => {
    const { page, errors } = await desktop('shequ');
    await openFromMenu(page, '服务群众', '网格管理');
    await page.waitForURL('**/grids');
    // The demo's two grids, with their responsible members.
    await page.getByText('第一网格').waitFor();
    await page.getByText('田志远', { exact: false }).first().waitFor();

    // 13–15号楼 in one go.
    await page.getByRole('tab', { name: '楼栋' }).click();
    await page.getByRole('button', { name: '批量新增' }).click();
    const bulk = page.getByRole('dialog', { name: '批量新增楼栋' });
    await bulk.getByLabel('起始楼号').fill('13');
    await bulk.getByLabel('结束楼号').fill('15');
    await bulk.getByLabel('每栋户数（可稍后逐栋修改）').fill('120');
    await bulk.getByText('将新增 13号楼 至 15号楼，共3栋').waitFor();
    await bulk.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('新增3栋').waitFor();
    await page.locator('.ant-table-row', { hasText: '15号楼' }).waitFor();

    // A new grid of the three: 360 households, under the 300–500 guideline's upper bound.
    await page.getByRole('tab', { name: '网格', exact: true }).click();
    await page.getByRole('button', { name: '新建网格' }).click();
    const form = page.getByRole('dialog', { name: '新建网格' });
    await form.getByLabel('网格名称').fill('第三网格');
    const buildings = form.getByLabel('楼栋（一栋楼只能属于一个网格）');
    for (const name of ['13号楼', '14号楼', '15号楼']) {
      // Typed, since the list shows only its first options.
      await buildings.fill(name);
      await page.locator('.ant-select-item-option', { hasText: name }).click();
    }
    await form.getByText('合计360户').waitFor();
    await form.getByLabel('网格名称').click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/grids$/.test(r.url())),
      form.getByRole('button', { name: /确\s*定/ }).click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    const card = page.locator('.ant-card', { has: page.getByText('第三网格', { exact: true }) }).last();
    await card.getByText('360户').waitFor();

    // 1号楼 is 第一网格's: adding it to 第三网格 is refused in Chinese.
    await card.getByRole('button', { name: /编\s*辑/ }).click();
    const edit = page.getByRole('dialog', { name: '编辑网格' });
    await edit.getByLabel('楼栋（一栋楼只能属于一个网格）').fill('1号楼');
    await page.locator('.ant-select-item-option', { hasText: '1号楼（已在第一网格）' }).click();
    await edit.getByLabel('网格名称').click();
    await edit.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('1号楼已划入网格「第一网格」，一栋楼只能属于一个网格').waitFor();
    await edit.getByRole('button', { name: /取\s*消/ }).click();

    // A responsible member (党员责任区).
    await card.getByRole('combobox').click();
    await card.getByRole('combobox').fill('田志远');
    await page.locator('.ant-select-item-option', { hasText: '田志远' }).click();
    await card.getByRole('button', { name: /添\s*加/ }).click();
    await page.getByText('已指定').waitFor();
    await card.getByText(/田志远（/).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}grids.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  test('the community records a visit to an overdue elderly resident and the workbench count drops; the street sees names masked', async () => {
    const { page, errors } = await desktop('shequ');
    const before = await careCounts(page);
    expect(before.overdue).toBeGreaterThanOrEqual(1);
    await page.locator('[data-source="care.visits"] .ant-table-row', { hasText: '李秀英' }).waitFor();

    await openFromMenu(page, '服务群众', '困难群体');
    await page.waitForURL('**/care');
    const row = page.locator('.ant-table-row', { hasText: '李秀英' });
    await row.getByText('走访逾期').waitFor();
    await row.getByRole('link', { name: '李秀英' }).click();
    await page.waitForURL(/\/care\/\d+$/);
    await page.getByText('每次查看均记入审计日志', { exact: false }).waitFor();
    await page.getByText('13900001201').waitFor();
    await page.getByRole('button', { name: '登记走访' }).click();
    const dialog = page.getByRole('dialog', { name: '登记走访' });
    await dialog.getByLabel('走访内容').fill('上门送餐，检查燃气和水电，老人身体状况良好');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && /\/visits$/.test(r.url())),
      dialog.getByRole('button', { name: /确\s*定/ }).click(),
    ]);
    expect(saved.status(), await saved.text()).toBe(201);
    await page.getByText('已登记走访').waitFor();
    await page.locator('.ant-table-row', { hasText: '上门送餐' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}care-detail.png`, fullPage: true });

    const after = await careCounts(page);
    expect(after.overdue).toBe(before.overdue - 1);
    expect(after.total).toBe(before.total - 1);
    expect(errors).toEqual([]);

    // The street's committee sees the register masked, with no address.
    const street = await desktop('jiedao');
    await street.page.goto('/care');
    await street.page.locator('.ant-table-row', { hasText: '李**' }).waitFor();
    expect(await street.page.locator('.ant-layout-content').innerText()).not.toContain('李秀英');
  });

  test('the carer (dangyuan) sees their grid and their people on a 375 px phone, and records a visit', async () => {
    const page = await phoneLogin('dangyuan');
    const errors = collectErrors(page);
    await page
      .getByRole('link', { name: /网格与帮扶/ })
      .first()
      .tap();
    await page.waitForURL('**/m/care');
    await page.getByText('第一网格（', { exact: false }).waitFor();
    const people = page.getByTestId('my-people');
    await people.getByText('张桂兰').waitFor();
    await people.getByText('王小明').waitFor();
    expect(await people.innerText()).not.toContain('李秀英');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SCREENSHOTS}care-phone.png`, fullPage: true });

    await people.getByText('张桂兰').tap();
    await page.waitForURL(/\/m\/care\/\d+$/);
    await page.getByText('13900001203').waitFor();
    await page.getByLabel('走访内容').fill('陪老人聊天，修好了厨房水龙头');
    await page.getByRole('button', { name: '提交' }).tap();
    await page.getByText('已登记走访').waitFor();
    await page.locator('.adm-list-item', { hasText: '修好了厨房水龙头' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(errors).toEqual([]);
  });
});
