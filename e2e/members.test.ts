import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { idFor, type SheetCell, sampleRoster, xlsxOf } from '../packages/server/test/helpers/rosters';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

type Org = { id: number; name: string; type: string };

let files: string;

const journey = useJourney();

beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'gongjian-rosters-'));
});

/** A branch under the first community of the second demo street: the receiver of the transfer. */
async function receivingBranch(): Promise<Org> {
  const street2 = await apiLogin(journey.baseUrl, 'jiedao2', DEMO_PASSWORD);
  const [street] = (await street2.get<{ items: Org[] }>('/api/organizations')).items;
  const communities = (await street2.get<{ items: Org[] }>(`/api/organizations?parentId=${street?.id}`)).items;
  const community = communities.find((o) => o.type.includes('community')) as Org;
  const branches = (await street2.get<{ items: Org[] }>(`/api/organizations?parentId=${community.id}`)).items;
  return branches.find((o) => o.type === 'branch') as Org;
}

async function uploadAndCheck(page: Page, file: string) {
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: /下一步/ }).click();
  await page.getByText('请确认每一项对应表格中的哪一列').waitFor();
  await page.getByRole('button', { name: /检\s*查/ }).click();
  await page.getByText('数据行').waitFor();
}

describe('member journey', () => {
  test('a community secretary imports a roster with mistakes, fixes it, finds a member by pinyin initials and transfers them; the other street accepts', async () => {
    const withMistakes = join(files, '幸福社区党员花名册.xlsx');
    writeFileSync(withMistakes, await xlsxOf(sampleRoster(), { title: '幸福社区党员花名册' }));
    const fixedRows = sampleRoster();
    (fixedRows[4] as SheetCell[])[5] = '13912340004';
    (fixedRows[5] as SheetCell[])[4] = idFor('1988-02-29', 'female', 5);
    const fixed = join(files, '幸福社区党员花名册（已改正）.xlsx');
    writeFileSync(fixed, await xlsxOf(fixedRows, { title: '幸福社区党员花名册' }));

    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'shequ');

    // Import: pick the community, upload, confirm the guessed columns, read the report.
    await openFromMenu(page, '党员管理', '党员名册');
    await page.getByRole('button', { name: '导入花名册' }).click();
    await page.waitForURL('**/members/import');
    await page.locator('#import-org').click();
    await page.locator('.ant-select-tree-treenode .ant-select-tree-title').first().click();
    await uploadAndCheck(page, withMistakes);
    const problems = page.locator('.ant-table-row');
    await expect.poll(() => problems.count()).toBe(2);
    expect(await problems.nth(0).innerText()).toContain('“1391234”不是11位手机号码');
    expect(await problems.nth(1).innerText()).toContain('公民身份号码');
    expect(await page.getByRole('button', { name: '全部导入' }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}import-report.png`, fullPage: true });

    // Fix the two rows in the sheet and upload it again: everything passes and all eight are imported.
    await page.getByRole('button', { name: '改好后重新上传' }).click();
    await uploadAndCheck(page, fixed);
    await page.getByText('全部检查通过').waitFor();
    await page.getByRole('button', { name: '全部导入' }).click();
    await page.getByText('已导入 8 人').waitFor();

    // Find 王建国 by his initials; the list masks ID numbers and phones.
    await page.getByRole('button', { name: '查看党员列表' }).click();
    await page.waitForURL('**/members');
    await page.getByLabel('查找党员').fill('wjg');
    await page.getByLabel('查找党员').press('Enter');
    const row = page.locator('.ant-table-row', { hasText: '王建国' });
    await row.waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    expect(await row.innerText()).toMatch(/620302\*{8}\d{3}[\dX]/);
    expect(await row.innerText()).toContain('139****0001');

    // Transfer him to a branch of another street.
    const branch = await receivingBranch();
    await row.getByText('王建国').click();
    await page.getByRole('button', { name: '组织关系转接' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('接收组织').fill(branch.name.slice(0, 4));
    await page.locator('.ant-select-item-option').getByText(branch.name, { exact: true }).click();
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('介绍信已开具').waitFor();

    // The audit log has his import, with the ID number masked until revealed (the reveal is on record).
    await openFromMenu(page, '系统', '审计日志');
    await page.waitForURL('**/audit');
    const imported = page.locator('.ant-table-row', { hasText: '导入党员花名册' }).filter({ hasText: '王建国' });
    await imported.locator('.ant-table-row-expand-icon').click();
    const after = page.getByTestId('audit-after').first();
    await after.waitFor();
    expect(await after.innerText()).toMatch(/身份证号：620302\*{8}\d{3}[\dX]/);
    await page.getByRole('button', { name: '查看完整身份证号和电话' }).click();
    await page.getByText('此次查看已记入审计日志').waitFor();
    await expect.poll(() => after.innerText(), { timeout: 10_000 }).toMatch(/身份证号：620302\d{11}[\dX]/);
    await page.context().close();

    // The other street's secretary accepts it in the inbox; 王建国 is now on their roster.
    const other = await journey.page();
    const otherErrors = collectErrors(other);
    await login(other, 'jiedao2');
    await openFromMenu(other, '党员管理', '组织关系转接');
    const letter = other.locator('.ant-table-row', { hasText: '王建国' });
    await letter.waitFor();
    expect(await letter.innerText()).toContain(branch.name);
    await other.screenshot({ path: `${SCREENSHOTS}transfer-inbox.png`, fullPage: true });
    await letter.getByRole('button', { name: /接\s*收/ }).click();
    await other.getByText('已接收，党员已转入').waitFor();
    await expect.poll(() => letter.innerText()).toContain('已接收');
    await openFromMenu(other, '党员管理', '党员名册');
    await other.getByLabel('查找党员').fill('wangjianguo');
    await other.getByLabel('查找党员').press('Enter');
    const moved = other.locator('.ant-table-row', { hasText: '王建国' });
    await moved.waitFor();
    expect(await moved.innerText()).toContain(branch.name);

    expect(errors).toEqual([]);
    expect(otherErrors).toEqual([]);
    await other.context().close();
  });

  test('two people edit the same profile: the later save is refused and neither is lost', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'shequ');
    await openFromMenu(page, '党员管理', '党员名册');
    await page.waitForURL('**/members');
    const first = page.locator('.ant-table-row').first();
    await first.waitFor();
    await first.locator('a').first().click();
    await page.waitForURL(/\/members\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());

    // The secretary opens the form and types a new address…
    await page.getByRole('button', { name: /^修\s*改$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('居住楼院').fill('幸福里3号楼');
    // …while a colleague saves another change to the same profile.
    const colleague = await apiLogin(journey.baseUrl, 'shequ', DEMO_PASSWORD);
    await colleague.patch(`/api/members/${id}`, { employer: '市图书馆' });
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('在您打开编辑后已被他人修改').waitFor();
    // The form stays open with what was typed, and saving it again is still refused (it would undo the colleague's
    // change, which it does not show); behind it the page shows that change.
    expect(await dialog.getByLabel('居住楼院').inputValue()).toBe('幸福里3号楼');
    await expect.poll(() => page.locator('.ant-descriptions').innerText(), { timeout: 10_000 }).toContain('市图书馆');
    const again = page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/members/${id}`),
    );
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    expect((await again).status()).toBe(409);
    await dialog.getByRole('button', { name: /取\s*消|Cancel/ }).click();
    await expect.poll(() => page.locator('.ant-descriptions').innerText(), { timeout: 10_000 }).toContain('市图书馆');

    // Reopened, the form starts from the current profile and the save goes through with both changes.
    await page.getByRole('button', { name: /^修\s*改$/ }).click();
    expect(await dialog.getByLabel('工作单位').inputValue()).toBe('市图书馆');
    await dialog.getByLabel('居住楼院').fill('幸福里3号楼');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已保存').waitFor();
    const saved = await colleague.get<{ residence: string; employer: string }>(`/api/members/${id}`);
    expect(saved).toMatchObject({ residence: '幸福里3号楼', employer: '市图书馆' });
    expect(errors).toEqual([]);
    await page.context().close();
  });
  test('the form checks the profile as the server does, before sending it', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'shequ');
    await openFromMenu(page, '党员管理', '党员名册');
    await page.waitForURL('**/members');
    await page.getByRole('button', { name: '新建党员' }).click();
    const dialog = page.getByRole('dialog');
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/members')) posted++;
    });
    await dialog.getByLabel('姓名').fill('年少者');
    // Born in 2010: too young to have joined in 2024 (the shared rule: 18 at joining).
    await dialog.getByLabel('身份证号').fill(idFor('2010-03-01', 'female'));
    await dialog.getByLabel('入党时间').fill('2024-05-01');
    await dialog.getByLabel('入党时间').press('Enter');
    await dialog.getByLabel('转正时间').fill('2024-01-01');
    await dialog.getByLabel('转正时间').press('Enter');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.getByText('入党时应年满18岁').waitFor();
    await dialog.getByText('不能早于入党时间').waitFor();
    expect(posted).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
