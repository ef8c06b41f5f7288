import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

const journey = useJourney();

/** Picks an option of a form's select by its label, again while the choice does not show (a dropdown animating). */
async function pick(page: Page, dialog: Locator, label: string, option: string) {
  const shown = dialog
    .locator('.ant-form-item', { has: page.getByText(label, { exact: true }) })
    .locator('.ant-select-content', { hasText: option });
  for (let attempt = 0; attempt < 5 && !(await shown.isVisible()); attempt++) {
    await dialog.getByLabel(label).click();
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
    await item.waitFor();
    await page.waitForTimeout(300);
    await item.click();
    await page.waitForTimeout(300);
  }
  await shown.waitFor();
}

type Unit = { id: number; name: string; liaison: { username: string } | null };

describe('co-building: resident units, the big committee, the liaison', () => {
  test('the community registers a unit and names its liaison; the committee shows 10 of 14 part-time', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'shequ');
    await openFromMenu(page, '共驻共建', '驻区单位');
    await page.waitForURL('**/units');
    await page.getByTestId('unit-figures').waitFor();
    await page.locator('.ant-table-row', { hasText: '市第一中学' }).first().waitFor();

    await page.getByRole('button', { name: '登记驻区单位' }).click();
    const dialog = page.getByRole('dialog', { name: '登记驻区单位' });
    await dialog.locator('.ant-tree-select').first().click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: '和平社区大党委' })
      .first()
      .click();
    await dialog.getByLabel('单位名称').fill('市妇幼保健院');
    await dialog.getByLabel('统一社会信用代码').fill('12530100MB1234567'); // 17 characters: refused by the server
    await pick(page, dialog, '类别', '医院');
    await dialog.getByLabel('联系电话').fill('13908715678');
    await pick(page, dialog, '联络员', 'lianluoyuan');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    // The bad code is named beside its field; without it the unit registers.
    await dialog.getByText('应为18位').waitFor();
    await dialog.getByLabel('统一社会信用代码').fill('');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已登记').waitFor();
    await page.locator('.ant-table-row', { hasText: '市妇幼保健院' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}units-registry.png`, fullPage: true });

    const shequ = await apiLogin(journey.baseUrl, 'shequ', DEMO_PASSWORD);
    const list = await shequ.get<{ items: Unit[] }>('/api/units?q=市妇幼保健院');
    expect(list.items[0]?.liaison?.username).toBe('lianluoyuan');

    await openFromMenu(page, '共驻共建', '社区大党委');
    await page.waitForURL('**/units/committee');
    const composition = page.getByTestId('committee-composition');
    await composition.waitFor();
    await page.getByText('委员14名，其中兼职委员10名，来自10个驻区单位').waitFor();
    // The demo's unit whose member left is flagged.
    await page.getByText(/市中医院：孙立华于.*离任/).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}units-committee.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  test('the liaison logs in and sees 本单位共建 with its units', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'lianluoyuan');
    // The menu entry of this page (another module may name a page of its own alike: pick by its path).
    const entry = page.locator('.ant-layout-sider .ant-menu-item[data-menu-id$="/units/mine"]');
    // The menu first (its group may already be open on the landing page): then open the group if it is closed.
    await page.locator('.ant-layout-sider .ant-menu-submenu-title', { hasText: '共驻共建' }).waitFor();
    if (!(await entry.isVisible())) await page.locator('.ant-menu-submenu-title', { hasText: '共驻共建' }).click();
    await entry.click();
    await page.waitForURL('**/units/mine');
    const cards = page.getByTestId('my-unit');
    await cards.first().waitFor();
    await expect.poll(() => page.locator('.ant-layout-content').innerText()).toContain('市第一中学');
    await page.screenshot({ path: `${SCREENSHOTS}units-mine.png`, fullPage: true });
    // The registry itself is not the liaison's to read.
    const liaison = await apiLogin(journey.baseUrl, 'lianluoyuan', DEMO_PASSWORD);
    await expect(liaison.get('/api/units')).rejects.toThrow(/403/);
    expect(errors).toEqual([]);
  });

  test('the street sees its two zones and their coverage', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'jiedao');
    await openFromMenu(page, '共驻共建', '党建协作区');
    await page.waitForURL('**/units/zones');
    await page.getByTestId('zone-coverage').waitFor();
    await page.locator('.ant-table-row', { hasText: '和平路党建协作区' }).waitFor();
    await page.locator('.ant-table-row', { hasText: '医教共建协作区' }).waitFor();
    await expect.poll(() => page.getByTestId('zone-coverage').innerText()).toContain('50%');
    await page.screenshot({ path: `${SCREENSHOTS}units-zones.png`, fullPage: true });
    // 数据概览 shows the same coverage beside the units by kind and relation.
    await openFromMenu(page, '数据', '数据概览');
    const card = page.getByTestId('unit-figures-card');
    await card.waitFor();
    await expect.poll(() => card.innerText()).toContain('50%');
    await card.screenshot({ path: `${SCREENSHOTS}units-figures.png` });
    // And the work done together: the demo's joint meeting held, its tasks, the school gym's bookings.
    const work = page.getByTestId('cobuilding-work-card');
    await work.waitFor();
    await expect.poll(() => work.innerText()).toMatch(/联席会议（已召开）\s*[1-9]/);
    await expect.poll(() => work.innerText()).toMatch(/会议任务按时完成\s*\d+ \/ [1-9]/);
    await work.screenshot({ path: `${SCREENSHOTS}cobuilding-work.png` });
    expect(errors).toEqual([]);
  });
});
