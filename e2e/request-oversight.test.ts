import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

const journey = useJourney();

/** The demo's request left ten days unresolved (the requests module's demo): its text starts with this. */
const LATE = '【久拖未决】';

describe('three-level linkage (三级联动)', () => {
  test("a request left past its deadline reaches the street's queue; the street sends it back with instructions; the community sees them", async () => {
    // The job runs through the jobs page (it also ran at the server's start: the request moves once).
    const admin = await journey.page();
    const adminErrors = collectErrors(admin);
    await login(admin, 'admin');
    await openFromMenu(admin, '系统', '定时任务');
    const row = admin.locator('tr.ant-table-row[data-row-key="request-oversight.escalate"]');
    await row.getByText('诉求超时未办结自动上报街道').waitFor();
    expect(await row.innerText()).toContain('每5分钟');
    await row.getByRole('button', { name: '立即运行' }).click();
    await admin
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await admin
      .locator('.ant-message')
      .getByText(/运行成功/)
      .waitFor();
    expect(adminErrors).toEqual([]);

    // The street (jiedao) finds it in 督办队列 with the reason; its workbench counts the queue.
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'jiedao');
    await page.waitForURL('**/workbench');
    await page.locator('[data-source="request-oversight.escalated"] .ant-table-row').first().waitFor();
    await openFromMenu(page, '服务群众', '督办队列');
    await page.waitForURL('**/request-oversight/queue');
    // The queue's row, not the workbench's item the page showed a moment before (上报督办：…).
    const late = page.locator('.ant-table-row', { hasText: LATE, hasNotText: '上报督办：' });
    await late.waitFor();
    expect(await late.innerText()).toContain('自动上报');
    expect(await late.innerText()).toContain('未接办');
    await page.screenshot({ path: `${SCREENSHOTS}request-oversight-queue.png`, fullPage: true });

    // Sending back needs instructions: the form says so before anything is sent.
    await late.getByRole('button', { name: /退\s*回/ }).click();
    const dialog = page.locator('.ant-modal', { hasText: '退回下级办理' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await dialog.getByText('请填写办理意见').waitFor();
    await dialog.getByLabel('办理意见').fill('请社区两天内联系物业上门维修，并回访居民');
    await dialog.locator('input[id="days"]').fill('2');
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await page.locator('.ant-message').getByText('已退回').waitFor();
    await expect.poll(() => page.locator('.ant-layout-content').innerText()).not.toContain(LATE);
    expect(errors).toEqual([]);

    // The community (shequ) sees it under 上级退回 with the instructions and the new deadline.
    const shequ = await journey.page();
    const shequErrors = collectErrors(shequ);
    await login(shequ, 'shequ');
    await openFromMenu(shequ, '服务群众', '上级退回');
    await shequ.waitForURL('**/request-oversight/returned');
    // The returned list's row with the street's instructions (not the workbench's item shown a moment before).
    const back = shequ
      .locator('.ant-table-row', { hasText: LATE })
      .filter({ hasText: '请社区两天内联系物业上门维修，并回访居民' });
    await back.waitFor();
    expect(await back.innerText()).toMatch(/剩(1|2)天|剩\d+小时/);
    await shequ.screenshot({ path: `${SCREENSHOTS}request-oversight-returned.png`, fullPage: true });
    // Nothing of the street's queue is the community's to act on.
    const api = await apiLogin(journey.baseUrl, 'shequ', DEMO_PASSWORD);
    const queue = await api.get<{ items: unknown[] }>('/api/request-oversight/queue');
    expect(queue.items).toEqual([]);
    expect(shequErrors).toEqual([]);
  });

  test('the rates of a street for a quarter, its communities, and the export', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'jiedao');
    await openFromMenu(page, '服务群众', '诉求“三率”');
    await page.waitForURL('**/request-oversight/rates');
    const rates = page.getByTestId('request-rates');
    await rates.waitFor();
    for (const label of ['响应率', '解决率', '满意率', '按时办结率']) expect(await rates.innerText()).toContain(label);
    // The demo city's requests make the rates more than nothing.
    await expect.poll(() => rates.innerText()).toMatch(/\d+\.\d%/);
    await page.locator('.ant-table-row').first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出Excel/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await page.screenshot({ path: `${SCREENSHOTS}request-oversight-rates.png`, fullPage: true });

    // 办理时限: the district's override shows as set by the district, for the street too.
    await openFromMenu(page, '服务群众', '办理时限');
    const repair = page.locator('.ant-table-row', { hasText: '维修' });
    await repair.waitFor();
    expect(await repair.innerText()).toContain('12小时');
    expect(errors).toEqual([]);
  });
});
