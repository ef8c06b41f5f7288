import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

type Org = { id: number; name: string; type: string; childCount: number };

const journey = useJourney();

async function findOrg(api: Awaited<ReturnType<typeof apiLogin>>, type: string): Promise<Org> {
  const queue = (await api.get<{ items: Org[] }>('/api/organizations')).items;
  while (queue.length > 0) {
    const org = queue.shift() as Org;
    if (org.type === type) return org;
    if (org.childCount > 0)
      queue.push(...(await api.get<{ items: Org[] }>(`/api/organizations?parentId=${org.id}`)).items);
  }
  throw new Error(`the demo city has no ${type}`);
}

const okButton = (page: Page) => page.getByRole('dialog').getByRole('button', { name: /保\s*存/ });

describe('accounts and the audit trail', () => {
  test('the administrator edits an account in place and reads the change by labels in the audit log', async () => {
    const suffix = Date.now().toString(36);
    const username = `edit_${suffix}`;
    const admin = await apiLogin(journey.baseUrl, 'admin', DEMO_PASSWORD);
    const street = await findOrg(admin, 'street_committee');
    await admin.post('/api/accounts', {
      username,
      displayName: '调岗前',
      role: 'street_committee',
      orgId: street.id,
      password: 'Start#2026a',
    });

    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'admin');
    await openFromMenu(page, '系统', '账号管理');
    await page.getByPlaceholder('搜索用户名或姓名').fill(username);
    await page.getByPlaceholder('搜索用户名或姓名').press('Enter');
    const row = page.locator('.ant-table-row', { hasText: username });
    await row.waitFor();
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('姓名').inputValue()).toBe('调岗前');

    // A role the street cannot hold: the server's refusal sits beside the role field.
    await dialog.getByLabel('角色').click();
    await page.locator('.ant-select-item-option').getByText('社区党委', { exact: true }).click();
    await okButton(page).click();
    const roleError = dialog.locator('.ant-form-item-explain-error', { hasText: '社区党委账号不能设在街道党工委' });
    await roleError.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}account-edit-error.png` });

    // Back to a role that fits, with a new name: saved in place.
    await dialog.getByLabel('角色').click();
    await page.locator('.ant-select-item-option').getByText('组织部', { exact: true }).click();
    await dialog.getByLabel('角色').click();
    await page.locator('.ant-select-item-option').getByText('街道党工委', { exact: true }).click();
    await dialog.getByLabel('姓名').fill('调岗后');
    await okButton(page).click();
    await row.getByText('调岗后').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}accounts-edited.png` });

    // The audit log names the fields and values as the console does, and leaves logins out.
    await openFromMenu(page, '系统', '审计日志');
    await page.waitForURL('**/audit');
    const editRow = page.locator('.ant-table-row', { hasText: '修改账号' }).first();
    await editRow.waitFor();
    expect(await page.locator('.ant-table-row td:nth-child(4)').allInnerTexts()).not.toContain('登录');
    await editRow.locator('.ant-table-row-expand-icon').click();
    const after = page.getByTestId('audit-after').first();
    await after.waitFor();
    const text = await after.innerText();
    expect(text).toContain('姓名：');
    expect(text).toContain('角色：街道党工委');
    expect(text).toContain(`所属组织：${street.name}（#${street.id}）`);
    expect(text).not.toContain('display_name');
    expect(await after.locator('[data-changed]').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('调岗后')]),
    );
    await page.screenshot({ path: `${SCREENSHOTS}audit-labels.png`, fullPage: true });

    // Logins come back with the switch.
    await page.getByRole('switch').click();
    await expect
      .poll(async () => (await page.locator('.ant-table-row td:nth-child(4)').allInnerTexts()).includes('登录'))
      .toBe(true);

    expect(errors).toEqual([]);
    await page.context().close();
  });
});
