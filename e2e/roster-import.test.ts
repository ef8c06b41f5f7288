import * as XLSX from '@e965/xlsx';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { idFor, type SheetCell, xlsOf } from '../packages/server/test/helpers/rosters';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

// Rosters as community offices really write them (issue 22): 所在支部 without the community's name and with remarks
// in brackets, saved by Excel 97–2003 (.xls); then the same roster corrected and imported again to update.

let files: string;
const journey = useJourney();

beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'gongjian-roster-import-'));
});

const header = ['序号', '姓名', '身份证号', '联系电话', '学历', '入党时间', '转正时间', '所在支部'];
const people = [
  { name: '简志刚', id: idFor('1972-03-04', 'male', 301), phone: '13600000001', branch: '第一党支部' },
  { name: '简秀兰', id: idFor('1975-05-06', 'female', 302), phone: '13600000002', branch: '第二党支部（楼院）' },
  { name: '简国华', id: idFor('1958-07-08', 'male', 303), phone: '13600000003', branch: '离退休支部' },
];
const rosterRows = (changes: Partial<Record<string, Partial<(typeof people)[number]>>> = {}): SheetCell[][] => [
  header,
  ...people.map((p, i) => {
    const row = { ...p, ...changes[p.name] };
    return [i + 1, row.name, row.id, row.phone, '大专', '1998-07-01', '1999-07-01', row.branch];
  }),
];

/** The import page with the demo community (和平社区, the account's own) chosen and a file picked. */
async function startImport(page: Page, file: string, update = false) {
  await openFromMenu(page, '党员管理', '党员名册');
  await page.getByRole('button', { name: '导入花名册' }).click();
  await page.waitForURL('**/members/import');
  await page.locator('#import-org').click();
  await page.locator('.ant-select-tree-treenode .ant-select-tree-title').first().click();
  await page.locator('input[type=file]').setInputFiles(file);
  if (update) await page.getByRole('checkbox', { name: '更新名册中已有的党员' }).check();
  await page.getByRole('button', { name: /下一步/ }).click();
  await page.getByText('请确认每一项对应表格中的哪一列').waitFor();
  await page.getByRole('button', { name: /检\s*查/ }).click();
  await page.getByText('“所在支部”列中的每个名称对应到哪个组织').waitFor();
}

/** The row of the 所在支部 step for a value as the roster writes it. */
const branchRow = (page: Page, value: string) =>
  page.locator('.ant-table-row').filter({ has: page.locator('td').first().getByText(value, { exact: true }) });

describe('roster import', () => {
  test('a community roster with short branch names, saved as .xls, imports after the secretary confirms the matches; the corrected roster is previewed and updates', async () => {
    const first = join(files, '和平社区党员花名册.xls');
    writeFileSync(first, xlsOf(rosterRows(), { title: '和平社区党员花名册' }));

    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'shequ');
    await startImport(page, first);

    // Each value with the organisation it was matched to: two by their short names, one not found.
    expect(await branchRow(page, '第一党支部').innerText()).toContain('和平社区第一党支部');
    expect(await branchRow(page, '第一党支部').innerText()).toContain('按简称匹配');
    expect(await branchRow(page, '第二党支部（楼院）').innerText()).toContain('和平社区第二党支部');
    expect(await branchRow(page, '离退休支部').innerText()).toContain('未找到，请选择');
    await page.getByText('还有 1 个名称没有对应的组织').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}import-branches.png`, fullPage: true });

    // The secretary picks it from the community's tree, searching by pinyin initials.
    const select = branchRow(page, '离退休支部').locator('.ant-select');
    await select.click();
    await select.locator('input').fill('lt');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-tree-title')
      .filter({ hasText: /^和平社区离退休党支部$/ })
      .click();
    await expect.poll(() => branchRow(page, '离退休支部').innerText()).toContain('已选择');
    expect(await page.getByText('还有 1 个名称没有对应的组织').count()).toBe(0);

    await page.getByRole('button', { name: /检\s*查/ }).click();
    await page.getByText('全部检查通过').waitFor();
    await page.getByRole('button', { name: '全部导入' }).click();
    await page.getByText('已导入 3 人').waitFor();

    const shequ = await apiLogin(journey.baseUrl, 'shequ', DEMO_PASSWORD);
    type Found = { items: { name: string; orgName: string; phone: string | null }[] };
    const placed = async (name: string) => (await shequ.get<Found>(`/api/members?q=${encodeURIComponent(name)}`)).items;
    expect((await placed('简志刚'))[0]?.orgName).toBe('和平社区第一党支部');
    expect((await placed('简秀兰'))[0]?.orgName).toBe('和平社区第二党支部');
    expect((await placed('简国华'))[0]?.orgName).toBe('和平社区离退休党支部');

    // The corrected roster: a new phone for one, another branch for another; imported again with updating on.
    const corrected = join(files, '和平社区党员花名册（已改正）.xls');
    writeFileSync(
      corrected,
      xlsOf(
        rosterRows({
          简志刚: { phone: '13700000011' },
          简秀兰: { branch: '第三党支部' },
          简国华: { branch: '和平社区离退休党支部' },
        }),
        { title: '和平社区党员花名册' },
      ),
    );
    await page.getByRole('button', { name: '继续导入' }).click();
    await startImport(page, corrected, true);
    expect(await branchRow(page, '第三党支部').innerText()).toContain('和平社区第三党支部');
    await page.getByRole('button', { name: /检\s*查/ }).click();

    // Nothing is written before the preview: each changed field, old → new, and the unchanged member said so.
    await page.getByText('导入前预览：2 名已在册党员的档案将更新').waitFor();
    const preview = page.locator('.ant-table-row', { hasText: '简志刚' });
    expect(await preview.innerText()).toContain('联系电话：136****0001 → 137****0011');
    expect(await page.locator('.ant-table-row', { hasText: '简秀兰' }).innerText()).toContain(
      '所在支部：和平社区第二党支部 → 和平社区第三党支部',
    );
    expect(await page.locator('.ant-statistic', { hasText: '已在册·无变化' }).innerText()).toContain('1');
    expect((await placed('简秀兰'))[0]?.orgName).toBe('和平社区第二党支部');
    await page.screenshot({ path: `${SCREENSHOTS}import-update-preview.png`, fullPage: true });

    await page.getByRole('button', { name: '导入并更新' }).click();
    await page.getByText('已导入 0 人，更新 2 人，跳过 1 行').waitFor();
    expect((await placed('简秀兰'))[0]?.orgName).toBe('和平社区第三党支部');
    expect((await placed('简志刚'))[0]?.phone).toBe('137****0011');

    // The updates are on record as the import's.
    await openFromMenu(page, '系统', '审计日志');
    await page.waitForURL('**/audit');
    await page.locator('.ant-table-row', { hasText: '导入党员花名册' }).filter({ hasText: '简志刚' }).first().waitFor();

    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a Word file named .xls is refused with a message, and the page stays usable', async () => {
    const container = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(container, 'WordDocument', Buffer.from('不是表格'));
    const word = join(files, '党员名单.xls');
    writeFileSync(word, XLSX.CFB.write(container, { type: 'buffer' }) as Buffer);

    const page = await journey.page();
    await login(page, 'shequ');
    await openFromMenu(page, '党员管理', '党员名册');
    await page.getByRole('button', { name: '导入花名册' }).click();
    await page.locator('#import-org').click();
    await page.locator('.ant-select-tree-treenode .ant-select-tree-title').first().click();
    await page.locator('input[type=file]').setInputFiles(word);
    await page.getByRole('button', { name: /下一步/ }).click();
    await page.getByText('只支持 .xlsx、.xls 和 .csv 文件（该文件不是电子表格）').waitFor();
    expect(await page.getByRole('button', { name: /下一步/ }).isEnabled()).toBe(true);
    await page.context().close();
  });
});
