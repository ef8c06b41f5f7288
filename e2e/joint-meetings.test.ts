import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

const journey = useJourney();

type Task = { id: number; text: string; ownerName: string; state: string };

describe('joint meetings', () => {
  test('the community secretary holds a joint meeting and records a task for a unit; the liaison reports it done', async () => {
    // The liaison's unit: the demo's overdue task is its own.
    const liaisonApi = await apiLogin(journey.baseUrl, 'lianluoyuan', DEMO_PASSWORD);
    const demoTasks = await liaisonApi.get<{ items: Task[] }>('/api/joint-meetings/unit-tasks');
    const unitName = demoTasks.items[0]?.ownerName as string;
    expect(unitName).toBeTruthy();

    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'shequ');
    await openFromMenu(page, '共驻共建', '联席会议');
    await page.locator('.ant-table-row', { hasText: '社区大党委第四季度联席会议' }).waitFor();
    await page.getByRole('button', { name: '安排会议' }).click();
    await page.waitForURL('**/joint-meetings/new');
    await page.getByLabel('会议名称').fill('社区大党委临时联席会议');
    await page.getByLabel('开始时间').fill('00:00');
    await page.getByLabel('地点').fill('社区党群服务中心');
    await page.getByLabel('议程（每行一项）').fill('研究冬季安全工作');
    await page.getByLabel('邀请单位').click();
    await page.locator('.ant-select-item-option', { hasText: unitName }).click();
    await page.keyboard.press('Escape');
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    await page.waitForURL(/\/joint-meetings\/\d+$/);
    const meetingId = Number(new URL(page.url()).pathname.split('/').pop());

    // The open tasks of the last meeting open the agenda, the overdue one marked.
    const carried = page.getByTestId('carried');
    await carried.getByText('组织党员志愿者开展冬季楼道照明排查').waitFor();
    await carried.getByText('已逾期').first().waitFor();

    // Attendance is ticked and outcomes typed as agreed, without reloading the page.
    await page.getByLabel(`${unitName}出席人员`).fill('王校长、李书记');
    await page.getByLabel(`${unitName}出席`, { exact: true }).click();
    await page.getByText('出席登记（1/1）').waitFor();
    await page.getByText('决议', { exact: true }).click();
    await page.getByLabel('内容').fill('冬季安全工作由各单位分片负责');
    await page
      .getByRole('button', { name: '添 加' })
      .or(page.getByRole('button', { name: '添加' }))
      .click();
    await page.locator('.ant-table-row', { hasText: '冬季安全工作由各单位分片负责' }).waitFor();
    await page.getByText('任务', { exact: true }).click();
    await page.getByLabel('内容').fill('开放学校操场供居民晨练');
    await page.getByLabel('责任单位').click();
    await page.locator('.ant-select-item-option', { hasText: unitName }).click();
    await page
      .getByRole('button', { name: '添 加' })
      .or(page.getByRole('button', { name: '添加' }))
      .click();
    const taskRow = page.locator('.ant-table-row', { hasText: '开放学校操场供居民晨练' });
    await taskRow.getByText('进行中').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}joint-meeting.png`, fullPage: true });

    // The minutes print with the attendance.
    const minutes = await page.request.get(`/api/joint-meetings/${meetingId}/minutes`);
    expect(minutes.status()).toBe(200);
    const text = await minutes.text();
    expect(text).toContain('王校长、李书记');
    expect(text).toContain('开放学校操场供居民晨练');

    // The liaison logs in, finds the task on its own page and reports it done.
    const unitPage = await journey.page();
    const unitErrors = collectErrors(unitPage);
    await login(unitPage, 'lianluoyuan');
    await openFromMenu(unitPage, '共驻共建', '本单位共建');
    const row = unitPage.getByTestId('unit-tasks').locator('.ant-table-row', { hasText: '开放学校操场供居民晨练' });
    await row.getByRole('button', { name: '报告进展' }).click();
    const dialog = unitPage.getByRole('dialog');
    await dialog.getByLabel('进展情况').fill('操场已于每日6:00—7:30开放');
    await dialog.getByText('已完成').click();
    await dialog
      .getByRole('button', { name: '提 交' })
      .or(dialog.getByRole('button', { name: '提交' }))
      .click();
    await row.getByText('按期完成').waitFor();
    await unitPage.screenshot({ path: `${SCREENSHOTS}joint-meeting-unit-tasks.png`, fullPage: true });

    // The community sees it done on the meeting (read through the API: a reload would race other builds of dist/).
    const after = await page.request.get(`/api/joint-meetings/${meetingId}`);
    const outcomes = ((await after.json()) as { outcomes: { text: string; state: string | null }[] }).outcomes;
    expect(outcomes.find((o) => o.text === '开放学校操场供居民晨练')?.state).toBe('done');
    expect(errors).toEqual([]);
    expect(unitErrors).toEqual([]);
  });

  test('the community confirms a proposed match of the three lists; the project counts', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'shequ');
    await openFromMenu(page, '共驻共建', '三张清单');
    await page.locator('.ant-table-row', { hasText: '老年健身队周末活动场地' }).waitFor();
    await page.getByRole('tab', { name: '建议对接' }).click();
    const match = page.locator('.ant-table-row', { hasText: '老年健身队周末活动场地' });
    await match.getByText('体育馆周末开放').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}co-lists-matches.png`, fullPage: true });
    await match.getByRole('button', { name: '确认对接' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('负责人').fill('王老师');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    // The confirmation's message (the needs tab, hidden now, shows the same words on the need's tag).
    await page.locator('.ant-message').getByText('已立项').waitFor();
    await page.getByRole('tab', { name: '项目清单' }).click();
    await page.locator('.ant-table-row', { hasText: '王老师' }).getByText('实施中').waitFor();
    expect(errors).toEqual([]);
  });
});
