import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD, openFromMenu, submitLogin } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

type Org = { id: number; name: string; type: string; childCount: number };

const journey = useJourney();

/** Finds the first street committee below the admin's city, walking the tree the way the UI does. */
async function findStreet(api: Awaited<ReturnType<typeof apiLogin>>): Promise<Org> {
  const queue = (await api.get<{ items: Org[] }>('/api/organizations')).items;
  while (queue.length > 0) {
    const org = queue.shift() as Org;
    if (org.type === 'street_committee') return org;
    if (org.childCount > 0)
      queue.push(...(await api.get<{ items: Org[] }>(`/api/organizations?parentId=${org.id}`)).items);
  }
  throw new Error('the demo city has no street committee');
}

const okButton = (page: Page) => page.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ });

async function pickOption(page: Page, label: string, option: string) {
  await page.getByRole('dialog').getByLabel(label).click();
  await page.locator('.ant-select-item-option').getByText(option, { exact: true }).click();
}

describe('foundation journey', () => {
  test('a street secretary changes the first password, edits the tree and finds the change in the audit log', async () => {
    const suffix = Date.now().toString(36);
    const username = `e2e_${suffix}`;
    const initialPassword = 'Start#2026a';
    const newPassword = 'Street#2026b';

    // The system administrator creates the street account through the API.
    const admin = await apiLogin(journey.baseUrl, 'admin', DEMO_PASSWORD);
    const street = await findStreet(admin);
    await admin.post('/api/accounts', {
      username,
      displayName: '测试街道书记',
      role: 'street_committee',
      orgId: street.id,
      password: initialPassword,
    });

    const page = await journey.page();
    const errors = collectErrors(page);

    // Not signed in: any page leads to the login form.
    await page.goto('/orgs');
    await page.waitForURL('**/login');
    await submitLogin(page, username, initialPassword);

    // First login: the password must be changed before anything else.
    await page.waitForURL('**/change-password');
    await page.goto('/orgs');
    await page.waitForURL('**/change-password');
    await page.getByLabel('当前密码').fill(initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill('weak');
    await page.getByLabel('确认新密码').fill('weak');
    await page.getByRole('button', { name: '确认修改' }).click();
    await expect.poll(() => page.getByText('密码至少8位').isVisible()).toBe(true);
    await page.getByLabel('新密码', { exact: true }).fill(newPassword);
    await page.getByLabel('确认新密码').fill(newPassword);
    await page.getByRole('button', { name: '确认修改' }).click();
    // Those who run organisations land on the workbench.
    await page.waitForURL('**/workbench');

    // The header names the account, its organisation and role.
    const header = page.locator('.ant-layout-header');
    await expect.poll(() => header.innerText()).toContain('测试街道书记');
    expect(await header.innerText()).toContain(street.name);
    expect(await header.innerText()).toContain('街道党工委');
    // A street secretary may not manage accounts: no menu item, and the page itself says 403.
    expect(await page.locator('.ant-layout-sider').innerText()).not.toContain('账号管理');
    await openFromMenu(page, '组织体系', '党组织');
    await page.waitForURL('**/orgs');

    // The tree starts at the street and loads the next level on expansion.
    const tree = page.locator('.ant-tree');
    const streetNode = tree.locator('.ant-tree-treenode', { hasText: street.name });
    await streetNode.waitFor();
    await streetNode.locator('.ant-tree-switcher').click();
    const community = tree.locator('.ant-tree-treenode', { hasText: '社区' }).first();
    await community.waitFor();
    const communityName = (await community.locator('.ant-tree-title span').first().innerText()).trim();

    // Edit the community's name.
    await community.locator('.ant-tree-title').click();
    const detail = page.locator('.ant-card', { hasText: '组织详情' });
    await detail.getByRole('button', { name: /编\s*辑/ }).click();
    const renamed = `${communityName}（更名${suffix}）`;
    await page.getByRole('dialog').getByLabel('组织名称').fill(renamed);
    await okButton(page).click();
    await tree.locator('.ant-tree-treenode', { hasText: renamed }).waitFor();
    await expect.poll(() => detail.innerText()).toContain(renamed);

    // Create a branch under it.
    const branchName = `测试党支部${suffix}`;
    await detail.getByRole('button', { name: '新建下级组织' }).click();
    await page.getByRole('dialog').getByLabel('组织名称').fill(branchName);
    await pickOption(page, '组织类型', '党支部');
    await okButton(page).click();
    await tree.locator('.ant-tree-treenode', { hasText: branchName }).waitFor();
    await expect.poll(() => detail.innerText()).toContain(branchName);
    await page.screenshot({ path: `${SCREENSHOTS}orgs.png`, fullPage: true });

    // The register of the renamed community's subtree, to hand in: the new branch is in it, indented under it.
    await tree.locator('.ant-tree-treenode', { hasText: renamed }).first().locator('.ant-tree-title').first().click();
    await expect.poll(() => detail.innerText()).toContain(renamed);
    const registry = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出名册' }).click();
    const registryFile = await registry;
    expect(registryFile.suggestedFilename()).toMatch(/^党组织名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const registryBook = new ExcelJS.Workbook();
    await registryBook.xlsx.readFile(await registryFile.path());
    const registryNames = (registryBook.worksheets[0]?.getColumn(1).values ?? []).map(String);
    expect(registryNames).toEqual(expect.arrayContaining([renamed, `\u3000${branchName}`]));

    // The audit log shows the rename, with the new name in the "after" side.
    await openFromMenu(page, '系统', '审计日志');
    await page.waitForURL('**/audit');
    const renameRow = page.locator('.ant-table-row', { hasText: '修改党组织' }).first();
    await renameRow.waitFor();
    expect(await renameRow.innerText()).toContain(username);
    await renameRow.locator('.ant-table-row-expand-icon').click();
    const after = page.getByTestId('audit-after').first();
    await after.waitFor();
    expect(await after.locator('[data-changed]').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining(renamed)]),
    );
    expect(await page.locator('.ant-table-row', { hasText: '新建党组织' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}audit.png`, fullPage: true });

    // The trail exports as a workbook to hand in; the rename is in it.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await file.path());
    const cells = JSON.stringify(book.worksheets[0]?.getSheetValues());
    expect(cells).toContain('修改党组织');
    expect(cells).toContain(renamed);

    // Only the creations, by the action filter.
    await page.getByLabel('操作', { exact: true }).click();
    await page.getByLabel('操作', { exact: true }).fill('新建党');
    await page.locator('.ant-select-item-option').getByText('新建党组织', { exact: true }).click();
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect
      .poll(async () => [...new Set(await page.locator('.ant-table-row td:nth-child(4)').allInnerTexts())])
      .toEqual(['新建党组织']);

    // Routes outside the account's permissions answer 403.
    await page.goto('/accounts');
    await page.getByText('您没有访问此页面的权限').waitFor();

    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('the administrator creates an account, resets its forgotten password, disables it and is told why an organisation cannot be deleted', async () => {
    const suffix = Date.now().toString(36);
    const page = await journey.page();
    const errors = collectErrors(page);
    await submitLogin(page, 'admin', 'wrong-password');
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('用户名或密码错误');
    await submitLogin(page, 'admin', DEMO_PASSWORD);
    await page.waitForURL('**/workbench');

    // A new account from the UI: the organisation is picked from the lazily loaded tree.
    await openFromMenu(page, '系统', '账号管理');
    await page.getByRole('button', { name: '新建账号' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill(`ui_${suffix}`);
    await dialog.getByLabel('姓名').fill(`界面新建${suffix}`);
    await dialog.getByLabel('所属组织').click();
    const picker = page.locator('.ant-select-tree');
    await picker
      .locator('.ant-select-tree-treenode', { hasText: '市委员会' })
      .locator('.ant-select-tree-switcher')
      .click();
    await picker
      .locator('.ant-select-tree-treenode', { hasText: '区委员会' })
      .first()
      .locator('.ant-select-tree-title')
      .click();
    await pickOption(page, '角色', '组织部');
    await dialog.getByLabel('初始密码').fill('Start#2026a');
    await okButton(page).click();
    const row = page.locator('.ant-table-row', { hasText: `ui_${suffix}` });
    await row.getByText('待改密').waitFor();

    // The user forgot the password: the administrator sets a temporary one, which must be changed at login.
    await row.getByRole('button', { name: '重置密码' }).click();
    await dialog.getByLabel('临时密码', { exact: true }).fill('Reset#2026b');
    await dialog.getByLabel('再次输入临时密码').fill('Reset#2026c');
    await okButton(page).click();
    await dialog.getByText('两次输入的密码不一致').waitFor();
    await dialog.getByLabel('再次输入临时密码').fill('Reset#2026b');
    await okButton(page).click();
    await page.getByText(`已重置「界面新建${suffix}」的密码`).waitFor();
    const user = await journey.page();
    await submitLogin(user, `ui_${suffix}`, 'Reset#2026b');
    await user.waitForURL('**/change-password');
    await user.context().close();

    // The list exports as searched.
    await page.getByPlaceholder('搜索用户名或姓名').fill(`ui_${suffix}`);
    await page.getByPlaceholder('搜索用户名或姓名').press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    const accountsFile = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出Excel' }).click();
    const accountsBook = new ExcelJS.Workbook();
    await accountsBook.xlsx.readFile(await (await accountsFile).path());
    expect(accountsBook.worksheets[0]?.getColumn(1).values.slice(1)).toEqual(['用户名', `ui_${suffix}`]);

    await row.getByRole('button', { name: /停\s*用/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await row.getByText('已停用').waitFor();

    // Deleting an organisation that still has children is refused with the server's reason.
    await openFromMenu(page, '组织体系', '党组织');
    const tree = page.locator('.ant-tree');
    await tree.locator('.ant-tree-treenode', { hasText: '市委员会' }).locator('.ant-tree-switcher').click();
    await tree.locator('.ant-tree-treenode', { hasText: '区委员会' }).first().locator('.ant-tree-title').click();
    await page.getByRole('button', { name: /删\s*除/ }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /删\s*除/ })
      .click();
    await page.locator('.ant-message').getByText('下级组织').waitFor();

    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a party member lands on the phone pages and is shown no management pages in the console', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await submitLogin(page, 'dangyuan', DEMO_PASSWORD);
    await page.waitForURL('**/m/');
    await page.goto('/orgs');
    const menu = page.locator('.ant-layout-sider');
    await menu.getByText('党组织').waitFor();
    for (const hidden of ['数据概览', '组织设置检查', '换届提醒', '两新组织覆盖', '党员名册', '工作台']) {
      expect(await menu.innerText()).not.toContain(hidden);
    }
    await page.goto('/figures');
    await page.getByText('您没有访问此页面的权限').waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
