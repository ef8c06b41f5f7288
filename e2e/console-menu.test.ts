import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

/** The domains whose modules do not exist yet: their groups take no room in anybody's menu. */
const NOT_YET = ['考核评比'];

const journey = useJourney();

/** A check of what the page shows after a navigation: React may take a moment on a busy machine. */
const soon = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

const menuOf = (page: Page) => page.locator('.ant-layout-sider .ant-menu-root');

/** The menu's first level, top to bottom: the groups' titles, and the pages shown without a group. */
async function topLevel(page: Page): Promise<string[]> {
  const entries = menuOf(page).locator(':scope > .ant-menu-submenu > .ant-menu-submenu-title, :scope > .ant-menu-item');
  await entries.first().waitFor();
  return (await entries.allInnerTexts()).map((text) => text.trim());
}

const groupsOf = async (page: Page) =>
  (await menuOf(page).locator(':scope > .ant-menu-submenu > .ant-menu-submenu-title').allInnerTexts()).map((t) =>
    t.trim(),
  );
const openGroups = async (page: Page) =>
  (await menuOf(page).locator(':scope > .ant-menu-submenu-open > .ant-menu-submenu-title').allInnerTexts()).map((t) =>
    t.trim(),
  );
const selected = async (page: Page) => (await menuOf(page).locator('.ant-menu-item-selected').innerText()).trim();
const breadcrumb = async (page: Page) =>
  (await page.locator('.ant-layout-content .ant-breadcrumb').innerText()).replace(/\s+/g, '');

describe('the console menu, grouped by domain', () => {
  test('a street secretary sees the groups of the pages they may open, in order, and nothing of domains to come', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'jiedao');
    await page.waitForURL('**/workbench');

    const entries = await topLevel(page);
    // 工作台 first; a group of one page shows as that page (数据 → 数据概览, 系统 → 审计日志 for a street).
    expect(entries[0]).toBe('工作台');
    expect(entries.filter((e) => ['组织体系', '党员管理', '数据概览', '审计日志'].includes(e))).toEqual([
      '组织体系',
      '党员管理',
      '数据概览',
      '审计日志',
    ]);
    // The domains' groups in the one order of modules/menu-groups.tsx.
    expect(
      (await groupsOf(page)).filter((g) =>
        ['组织体系', '党员管理', '志愿服务', '服务群众', '共驻共建', '组织生活'].includes(g),
      ),
    ).toEqual(['组织体系', '党员管理', '志愿服务', '服务群众', '共驻共建', '组织生活']);
    for (const absent of [...NOT_YET, '系统', '账号管理', '定时任务']) expect(entries).not.toContain(absent);
    expect(await menuOf(page).innerText()).not.toMatch(new RegExp(NOT_YET.join('|')));
    // Landing: the workbench selected, its breadcrumb just the page (the group would repeat it).
    await soon(() => selected(page)).toBe('工作台');
    await soon(() => breadcrumb(page)).toBe('工作台');

    // A group opens on a click; going to one of its pages keeps it open and reads group / page.
    await openFromMenu(page, '组织体系', '换届提醒');
    await page.waitForURL('**/terms');
    await soon(() => openGroups(page)).toContain('组织体系');
    await soon(() => selected(page)).toBe('换届提醒');
    await soon(() => breadcrumb(page)).toBe('组织体系/换届提醒');
    await page.screenshot({ path: `${SCREENSHOTS}console-menu.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a deep link to a record selects its page, opens its group and reads group / page / 详情', async () => {
    const street = await apiLogin(journey.baseUrl, 'jiedao', DEMO_PASSWORD);
    const [member] = (await street.get<{ items: { id: number; name: string }[] }>('/api/members?pageSize=1')).items;
    if (!member) throw new Error('the demo street has no member');

    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'jiedao');
    await page.goto(`/members/${member.id}`);
    await page.getByText(member.name).first().waitFor();
    await soon(() => selected(page)).toBe('党员名册');
    await soon(() => openGroups(page)).toEqual(['党员管理']);
    await soon(() => breadcrumb(page)).toBe('党员管理/党员名册/详情');

    // A page with its own menu entry under the same path is itself, not a record: /members/due.
    await page.goto('/members/due');
    await soon(() => breadcrumb(page)).toBe('党员管理/转正提醒');
    await soon(() => selected(page)).toBe('转正提醒');

    // The parent page in the breadcrumb is a link; another group's page closes this group.
    await page.goto(`/members/${member.id}`);
    await page.locator('.ant-breadcrumb').getByRole('link', { name: '党员名册' }).click();
    await page.waitForURL((url) => url.pathname === '/members');
    await soon(() => breadcrumb(page)).toBe('党员管理/党员名册');
    await openFromMenu(page, '组织体系', '党组织');
    await page.waitForURL('**/orgs');
    await soon(() => openGroups(page)).toEqual(['组织体系']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('the administrator finds 系统 with its three pages; a 党员 is sent to the phone pages and sees no management', async () => {
    const admin = await journey.page();
    await login(admin, 'admin');
    await admin.waitForURL('**/workbench');
    expect(await topLevel(admin)).toEqual(expect.arrayContaining(['工作台', '组织体系', '党员管理', '系统']));
    for (const absent of NOT_YET) expect(await topLevel(admin)).not.toContain(absent);
    await openFromMenu(admin, '系统', '定时任务');
    await admin.waitForURL('**/jobs');
    const system = menuOf(admin).locator('.ant-menu-submenu-open .ant-menu-item');
    await soon(async () => (await system.allInnerTexts()).map((t) => t.trim())).toEqual([
      '账号管理',
      '审计日志',
      '定时任务',
    ]);
    await soon(() => breadcrumb(admin)).toBe('系统/定时任务');
    await admin.context().close();

    const member = await journey.page();
    await login(member, 'dangyuan');
    await member.waitForURL((url) => url.pathname === '/m/');
    // Their branch in the console: 组织体系's only page for them, shown as that page.
    await member.goto('/orgs');
    const entries = await topLevel(member);
    expect(entries).toContain('党组织');
    for (const absent of [
      ...NOT_YET,
      '服务群众',
      '共驻共建',
      '组织体系',
      '党员名册',
      '转正提醒',
      '数据概览',
      '审计日志',
      '系统',
    ])
      expect(entries).not.toContain(absent);
    await soon(() => breadcrumb(member)).toBe('组织体系/党组织');
    await member.context().close();
  });
});
