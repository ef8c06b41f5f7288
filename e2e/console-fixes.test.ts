import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

// Issue 22, items 4, 8 and 9: one fact entered once, and the console's rough edges.
const journey = useJourney();

const dialogOk = (page: Page) => page.getByRole('dialog').getByRole('button', { name: /确\s*定|保\s*存|OK/ });

describe('the console, as a street secretary finds it', () => {
  test('流向未登记 leads to the outflow form; its error sits beside the field; the category follows', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'jiedao');
    // No stray frame: the page starts at the window's edge.
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');

    await openFromMenu(page, '党员管理', '流动党员');
    await page.getByText('流向未登记', { exact: true }).click();
    const row = page.locator('.ant-table-row').first();
    await row.waitFor();
    const name = (await row.locator('td').first().innerText()).trim();
    await row.getByRole('button', { name: '登记流向' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.innerText()).toContain(name);
    await dialog.getByLabel('流动地点').fill('江苏省苏州市工业园区');

    // A date the server refuses: its message beside 外出（流入）时间, without the field's code name, and no toast.
    const since = dialog.getByLabel('外出（流入）时间');
    await since.click();
    await since.fill('2099-01-01');
    await since.press('Enter');
    await dialogOk(page).click();
    const sinceError = dialog.locator('.ant-form-item-explain-error', { hasText: '不能晚于今天' });
    await sinceError.waitFor();
    expect(
      await page
        .locator('.ant-message')
        .innerText()
        .catch(() => ''),
    ).not.toContain('不能晚于今天');
    expect(await page.locator('body').innerText()).not.toMatch(/\(since\)/);
    await page.screenshot({ path: `${SCREENSHOTS}console-fixes-field-error.png` });

    const today = await page.evaluate(() => {
      const d = new Date(Date.now() + 8 * 3600_000);
      return d.toISOString().slice(0, 10);
    });
    await since.click();
    await since.fill(today);
    await since.press('Enter');
    await dialogOk(page).click();
    await dialog.waitFor({ state: 'hidden' });
    // Registered: no longer 流向未登记, and on the outflow list.
    await expect
      .poll(async () => page.locator('.ant-table-row', { hasText: name }).count(), { timeout: 10_000 })
      .toBe(0);
    const api = await apiLogin(journey.baseUrl, 'jiedao', DEMO_PASSWORD);
    const outflows = await api.get<{ items: { name: string; place: string }[] }>(
      '/api/floating-members?direction=out&pageSize=200',
    );
    expect(outflows.items).toContainEqual(expect.objectContaining({ name, place: '江苏省苏州市工业园区' }));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a busy button spins alone, and the outflow table keeps its columns readable', async () => {
    // A second member away, so that the list has buttons of the same kind on two rows.
    const api = await apiLogin(journey.baseUrl, 'jiedao', DEMO_PASSWORD);
    const unregistered = await api.get<{ items: { memberId: number }[] }>('/api/floating-members/unregistered');
    const memberId = (unregistered.items.at(-1) as { memberId: number }).memberId;
    await api.post('/api/floating-members', {
      direction: 'out',
      memberId,
      place: '上海市浦东新区',
      since: '2026-03-01',
    });
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'jiedao');
    await openFromMenu(page, '党员管理', '流动党员');
    const rows = page.locator('.ant-table-row');
    await rows.first().waitFor();
    // Names on one line (not one character per line).
    // Each name's text is one line high (a name squeezed to one character per line is several).
    const lineCounts = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('.ant-table-row'), (tr) => {
          const cell = (tr as HTMLTableRowElement).cells[0] as HTMLElement;
          const range = document.createRange();
          range.selectNodeContents(cell);
          const style = getComputedStyle(cell);
          const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.6;
          return Math.round(range.getBoundingClientRect().height / line);
        }),
      );
    await expect.poll(async () => (await lineCounts()).length).toBeGreaterThan(1);
    expect(new Set(await lineCounts())).toEqual(new Set([1]));

    // Hold the report's answer: only the button clicked spins meanwhile.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/floating-members/*/report', async (route) => {
      await held;
      await route.continue();
    });
    await rows.first().getByRole('button', { name: '登记报告' }).click();
    await expect.poll(() => page.locator('.ant-table-row .ant-btn-loading').count()).toBe(1);
    expect(await rows.first().locator('.ant-btn-loading').count()).toBe(1);
    release();
    await expect.poll(() => page.locator('.ant-table-row .ant-btn-loading').count(), { timeout: 15_000 }).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('the organisation picker finds a branch by name or pinyin initials, and tree labels are whole', async () => {
    const api = await apiLogin(journey.baseUrl, 'jiedao', DEMO_PASSWORD);
    type Found = { items: { id: number; name: string; type: string; ancestors: { id: number }[] }[] };
    const branch = (await api.get<Found>(`/api/organizations/search?q=${encodeURIComponent('党支部')}`)).items.find(
      (o) => o.ancestors.length >= 2,
    );
    expect(branch, 'a branch two levels below the street').toBeDefined();
    const { name } = branch as Found['items'][number];

    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'jiedao');
    await openFromMenu(page, '党员管理', '党员名册');
    // The one tree select of the page: the organisation filter (its placeholder goes once a value is picked).
    const picker = page.locator('.ant-tree-select').first();
    await picker.click();
    await page.keyboard.type(name.slice(-6));
    const option = page.locator('.ant-select-tree-treenode', { hasText: name }).first();
    await option.waitFor();
    await option.click();
    await expect.poll(() => picker.innerText()).toContain(name);
    await expect
      .poll(async () => {
        const orgs = await page.locator('.ant-table-row td').allInnerTexts();
        return orgs.some((t) => t.includes(name));
      })
      .toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}console-fixes-org-picker.png` });

    // By pinyin initials (党支部 → dzb), found on the server through the whole scope.
    await picker.click();
    await page.keyboard.type('dzb');
    await page.locator('.ant-select-tree-treenode', { hasText: '党支部' }).first().waitFor();
    await page.keyboard.press('Escape');

    // Tree labels are never clipped: each shows its whole text.
    await openFromMenu(page, '组织体系', '党组织');
    const titles = page.locator('.ant-tree-title');
    await titles.first().waitFor();
    const clipped = await titles.evaluateAll((els) =>
      els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent),
    );
    expect(clipped).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
