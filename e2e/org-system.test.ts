import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { collectErrors, DEMO_PASSWORD, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

const journey = useJourney();

const statistic = (page: Page, title: string) =>
  page
    .locator('.ant-statistic', { has: page.locator('.ant-statistic-header', { hasText: title }) })
    .locator('.ant-statistic-content');

describe('organisation system journey', () => {
  test('a street secretary finds a blank spot, creates the proposed joint branch and sees the coverage rate rise', async () => {
    const context = await journey.browser.newContext({
      baseURL: journey.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 1400, height: 1000 },
    });
    const page = await context.newPage();
    const errors = collectErrors(page);

    await page.goto('/login');
    await page.getByPlaceholder('用户名').fill('jiedao');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL('**/workbench');

    // The workbench lists what falls due in the street, overdue first, each with a link to act on it.
    const terms = page.locator('[data-source="org-checks.terms"]');
    await terms.locator('.ant-table-row', { hasText: '任期已届满' }).first().waitFor();
    await page.locator('[data-source="members.probation"] .ant-table-row').first().waitFor();
    expect(await page.locator('.ant-layout-content').innerText()).not.toContain('白沙');
    // An item put aside, with a reason, leaves the list until the day chosen.
    const probation = page.locator('[data-source="members.probation"]');
    const firstRow = probation.locator('.ant-table-row').first();
    const title = (await firstRow.locator('td').nth(1).innerText()).trim();
    await firstRow.getByText('暂缓').click();
    const snooze = page.getByRole('dialog');
    await snooze.getByRole('button', { name: /确\s*定|OK/ }).click();
    await snooze.getByText('请写明暂缓的理由').waitFor();
    await snooze.getByLabel('理由').fill('支部大会定于下周讨论');
    await snooze.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已暂缓，到期后重新出现').waitFor();
    await expect.poll(() => probation.innerText()).not.toContain(title);
    expect(await probation.innerText()).toContain('已暂缓 1 项');

    await terms.getByRole('link', { name: '去处理' }).first().click();
    await page.waitForURL('**/terms');

    // The street's rule violations and ending terms, nothing of another street.
    await openFromMenu(page, '组织体系', '组织设置检查');
    await page.locator('.ant-table-row', { hasText: '书记空缺' }).first().waitFor();
    expect(await page.locator('.ant-card').innerText()).not.toContain('白沙');
    await openFromMenu(page, '组织体系', '换届提醒');
    await page.locator('.ant-table-row', { hasText: '已到期未换届' }).first().waitFor();
    await page.locator('.ant-table-row', { hasText: '6个月内到期' }).first().waitFor();

    // Coverage of new organisations: figures, chart, blank spots with their remedies.
    await openFromMenu(page, '组织体系', '两新组织覆盖');
    await page.waitForURL('**/new-orgs');
    const rate = statistic(page, '党的组织覆盖率');
    await rate.waitFor();
    await page.getByTestId('coverage-chart').locator('canvas').waitFor();
    const before = parseFloat(await rate.innerText());
    const blanks = page.locator('.ant-card', { hasText: '空白点与建议' });
    await blanks.getByText('单独建立党支部').first().waitFor();
    await blanks.getByText('选派党建指导员').first().waitFor();
    // The partners of a proposed joint branch are named in each of their rows: match on the name cell.
    const blankRowOf = (name: string) =>
      blanks.locator('.ant-table-row').filter({ has: page.locator('td:first-child', { hasText: name }) });
    const blankRow = blankRowOf('好味道餐饮有限公司');
    expect(await blankRow.innerText()).toContain('与相邻同行业单位建立联合党支部');
    await page.screenshot({ path: `${SCREENSHOTS}coverage-before.png`, fullPage: true });

    // One click shows the proposed joint branch with its units and their members on the roster, then creates it.
    await blankRow.getByRole('button', { name: '一键组建联合党支部' }).click();
    const proposal = page.getByRole('dialog', { name: '一键组建联合党支部' });
    await proposal.getByText('好味道餐饮有限公司', { exact: false }).first().waitFor();
    await proposal.getByText('老街面馆', { exact: false }).first().waitFor();
    await proposal.getByText('转入支部的党员').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}joint-branch-preview.png` });
    await proposal.getByRole('button', { name: '确认组建' }).click();
    await page.locator('.ant-message').getByText('联合党支部').waitFor();
    await expect.poll(async () => parseFloat(await rate.innerText())).toBeGreaterThan(before);
    expect(await blankRowOf('好味道餐饮有限公司').count()).toBe(0);
    expect(await blankRowOf('老街面馆').count()).toBe(0);
    const registry = page.locator('.ant-card', { hasText: '两新组织名录' });
    await registry.locator('.ant-table-row', { hasText: '好味道餐饮有限公司' }).getByText('联合党支部覆盖').waitFor();
    // Another blank spot gets the instructor the rules suggest, from the registry.
    const instructorOnly = statistic(page, '仅派党建指导员');
    const instructorsBefore = parseInt(await instructorOnly.innerText(), 10);
    await registry.locator('.ant-table-row', { hasText: '快达物流有限公司' }).getByText('编辑').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('党建指导员').fill('孙指导员');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(async () => parseInt(await instructorOnly.innerText(), 10)).toBe(instructorsBefore + 1);
    expect(await blankRowOf('快达物流有限公司').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}coverage-after.png`, fullPage: true });
    const rateAfter = parseFloat(await rate.innerText());

    // The street's live figures agree with the coverage just changed, and drill down into a community.
    await openFromMenu(page, '数据', '数据概览');
    await page.waitForURL('**/figures');
    const figureRate = statistic(page, '组织覆盖率');
    await expect.poll(async () => parseFloat(await figureRate.innerText())).toBe(rateAfter);
    const total = parseInt((await statistic(page, '党员总数').innerText()).replace(/,/g, ''), 10);
    expect(total).toBeGreaterThan(0);
    await page.getByTestId('category-chart').locator('canvas').waitFor();
    const children = page.locator('.ant-card', { hasText: '下级组织' }).locator('.ant-table-row');
    await children.first().waitFor();
    const childTotals = await children.evaluateAll((rows) =>
      rows.map((r) => parseInt((r.querySelectorAll('td')[1] as HTMLElement).innerText, 10)),
    );
    expect(childTotals.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(total);
    await page.screenshot({ path: `${SCREENSHOTS}figures.png`, fullPage: true });
    await children.filter({ hasText: '和平社区大党委' }).getByRole('button', { name: '和平社区大党委' }).click();
    await page.locator('.ant-card-body strong', { hasText: '和平社区大党委' }).waitFor();
    // Its branches register no new organisations: no coverage rate, rather than 0 %.
    const branchFigures = children.filter({ hasText: '和平社区第一党支部' });
    await branchFigures.waitFor();
    expect(await branchFigures.innerText()).not.toContain('%');
    // The table exports with the community's total as its last row.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出Excel' }).click();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await (await download).path());
    const exported = (book.worksheets[0]?.getColumn(1).values ?? []).map(String);
    expect(exported).toEqual(expect.arrayContaining(['和平社区第一党支部', '合计（和平社区大党委）']));

    // The big community committee's team: part-time members and the 一肩挑 secretary.
    await openFromMenu(page, '组织体系', '党组织');
    const tree = page.locator('.ant-tree');
    await tree.locator('.ant-tree-treenode', { hasText: '青石街道党工委' }).locator('.ant-tree-switcher').click();
    await tree.locator('.ant-tree-treenode', { hasText: '和平社区大党委' }).locator('.ant-tree-title').click();
    await page.getByRole('tab', { name: '领导班子' }).click();
    await page.getByText('兼职委员10人').waitFor();
    await page.getByText('一肩挑').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}team.png`, fullPage: true });
    await page.getByRole('tab', { name: '规则提醒' }).click();
    await page.getByRole('tab', { name: '概况', exact: true }).click();
    await page.getByText('6个月内到期').waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
