import { addDays, chinaToday, DEFAULT_MEETING_RULES, standingOf } from '@gongjian/shared';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { SMALL_JPEG } from '../packages/server/test/helpers/images';
import { pickOption } from './support/antd';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

const journey = useJourney();

/** The demo's first branch holds no 党员大会 this quarter: at risk in a quarter's last month (the demo's December). */
const atRiskToday = standingOf(DEFAULT_MEETING_RULES[0]!, chinaToday(), 0)?.status === 'at_risk';
const BRANCH = '和平社区第一党支部';

async function branchRow(page: Page) {
  const row = page.getByTestId('standings-table').locator('.ant-table-row', { hasText: BRANCH });
  await row.waitFor();
  return row;
}

describe('organisational life', () => {
  test('a branch secretary sees the branch at risk, records a 党员大会 with attendance, and the risk clears', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'zhibu');
    await page.waitForURL('**/workbench');
    const item = page.locator('[data-source="org-life.at-risk"] .ant-table-row', { hasText: BRANCH });
    if (atRiskToday) await item.getByText(/尚未召开：党员大会/).waitFor();

    await openFromMenu(page, '组织生活', '完成情况');
    let row = await branchRow(page);
    if (atRiskToday) await row.getByText('党员大会：临期未开', { exact: false }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}org-life-standings.png`, fullPage: true });

    await openFromMenu(page, '组织生活', '会议记录');
    await page.getByRole('button', { name: '新建会议' }).click();
    await page.waitForURL('**/org-life/meetings/new');
    // The expected attendees are the branch's members, listed to tick.
    await page.getByRole('button', { name: '全部出席' }).waitFor();
    await page.locator('.ant-table-row', { hasText: '田志远' }).waitFor();
    const expected = await page.locator('.ant-table-row').count();
    expect(expected).toBeGreaterThan(3);
    const date = page.getByLabel('会议日期');
    await date.click();
    await date.fill(addDays(chinaToday(), -1));
    await date.press('Enter');
    await page.getByLabel('开始时间').fill('19:00');
    await page.getByLabel('结束时间').fill('20:30');
    await page.getByLabel('地点').fill('社区党群服务中心');
    await page.getByLabel('会议主题').fill('第四季度党员大会：学习全会精神');
    await page.getByRole('button', { name: '全部出席' }).click();
    // One member was absent, with the reason.
    const first = page.locator('.ant-table-row').first();
    await first.getByText('缺席', { exact: true }).click();
    await pickOption(page, first.locator('.ant-select'), '病假');
    await page.getByLabel('会议记录').fill('传达学习全会精神，讨论年度工作总结。');
    await page.screenshot({ path: `${SCREENSHOTS}org-life-record.png`, fullPage: true });
    await page.getByRole('button', { name: /定\s*稿/ }).click();
    await page.getByText('已定稿', { exact: true }).first().waitFor();
    await page.waitForURL(/\/org-life\/meetings\/\d+$/);
    await page.getByText(`应到${expected}人，实到${expected - 1}人`).waitFor();

    await openFromMenu(page, '组织生活', '完成情况');
    row = await branchRow(page);
    await row.getByText('党员大会：已完成').waitFor();
    expect(await row.getByText('临期未开').count()).toBe(0);
    await openFromMenu(page, '工作台', '工作台');
    await page.locator('[data-source]').first().waitFor();
    await expect.poll(() => item.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('a member on a phone sees the next meeting and says they cannot come', async () => {
    const context = await journey.browser.newContext({
      baseURL: journey.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto('/m/login');
    await page.getByPlaceholder('用户名').fill('dangyuan');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.getByRole('heading', { name: '田志远，您好' }).waitFor();
    await page.getByRole('link', { name: '组织生活' }).tap();
    await page.waitForURL('**/m/org-life');
    const meeting = page.getByTestId('upcoming-meeting').first();
    await meeting.getByText(/党员大会：/).waitFor();
    await meeting.getByRole('button', { name: '我不能参加' }).tap();
    await meeting.getByRole('button', { name: '事假' }).tap();
    await meeting.getByPlaceholder('补充说明（选填）').fill('出差在外');
    await page.screenshot({ path: `${SCREENSHOTS}org-life-phone-leave.png` });
    await meeting.getByRole('button', { name: '告知支部' }).tap();
    await meeting.getByText('已请假（事假）').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SCREENSHOTS}org-life-phone.png`, fullPage: true });

    // 长辈版: the same page in large type, its buttons still 52 px targets, nothing wider than the phone.
    await page.getByRole('button', { name: '切换到长辈版（大字）' }).tap();
    const undo = meeting.getByRole('button', { name: '撤回请假' });
    const box = await undo.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(52);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SCREENSHOTS}org-life-phone-elder.png`, fullPage: true });

    // The secretary sees it on the meeting.
    const zhibu = await apiLogin(journey.baseUrl, 'zhibu', DEMO_PASSWORD);
    const list = await zhibu.get<{ items: { id: number; status: string; leaveCount: number }[] }>(
      '/api/org-life/meetings?status=draft',
    );
    expect(list.items.some((m) => m.leaveCount === 1)).toBe(true);
    expect(errors).toEqual([]);
  });

  test('a secretary keeps the sign-in sheet photo with a record, without its location', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'zhibu');
    await openFromMenu(page, '组织生活', '会议记录');
    await page.getByRole('button', { name: '新建会议' }).click();
    await page.waitForURL('**/org-life/meetings/new');
    await page.getByText('保存草稿后可上传签到表照片、课件等附件（选填）。').waitFor();
    await pickOption(page, '会议类型', '党课');
    await page.getByLabel('开始时间').fill('09:00');
    await page.getByLabel('地点').fill('社区党群服务中心');
    await page.getByLabel('会议主题').fill('党课：学习党章');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/org-life\/meetings\/\d+$/);
    const meetingId = Number(page.url().split('/').pop());
    const area = page.getByTestId('meeting-attachments');

    // A text file named like a photo is refused by its content.
    await area.locator('input[type=file]').setInputFiles({
      name: '签到表.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('张三 李四 王五'),
    });
    await page.getByText('只能上传图片（JPEG、PNG、WebP）或 PDF 文件').waitFor();
    // A phone photo with its GPS position: kept, the position gone.
    const exif = Buffer.from('Exif\0\0MM\0*\0\0\0\x08\0\0\0\0\0\0GPSLatitude 39,54N', 'latin1');
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, exif.length + 2]), exif]);
    const photo = Buffer.concat([SMALL_JPEG.subarray(0, 2), app1, SMALL_JPEG.subarray(2)]);
    await area.locator('input[type=file]').setInputFiles({ name: '签到表.jpg', mimeType: 'image/jpeg', buffer: photo });
    const link = area.getByRole('link', { name: '签到表.jpg' });
    await link.waitFor();
    await area.getByRole('cell', { name: '签到表', exact: true }).waitFor();
    // Slides as a PDF.
    await pickOption(page, area.getByLabel('附件类别'), '课件');
    await area.locator('input[type=file]').setInputFiles({
      name: '党章学习课件.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
    });
    await area.getByRole('link', { name: '党章学习课件.pdf' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}org-life-attachments.png`, fullPage: true });

    // The browser decodes what is served, as a JPEG, without the Exif segment.
    const href = (await link.getAttribute('href')) as string;
    const served = await page.evaluate(async (url) => {
      const res = await fetch(url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
      return {
        type: res.headers.get('content-type'),
        size: bytes.length,
        exif: new TextDecoder('latin1').decode(bytes).includes('GPSLatitude'),
        width: bitmap.width,
        height: bitmap.height,
      };
    }, href);
    expect(served).toEqual({ type: 'image/jpeg', size: SMALL_JPEG.length, exif: false, width: 8, height: 4 });

    // A draft's attachment may go; the record then lists only the slides.
    await area.getByRole('button', { name: '删除签到表.jpg' }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('附件已删除').waitFor();
    await expect.poll(() => area.getByRole('link').count()).toBe(1);
    // Another street's account does not get the file.
    const other = await apiLogin(journey.baseUrl, 'jiedao2', DEMO_PASSWORD);
    await expect(other.get(`/api/org-life/meetings/${meetingId}/attachments`)).rejects.toThrow(/404/);
    await page.getByRole('button', { name: '删除草稿' }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.waitForURL('**/org-life/meetings');
    expect(errors).toEqual([]);
  });

  test('a street sets its own rule for 党课; the branches under it follow it', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'jiedao');
    await openFromMenu(page, '组织生活', '完成情况');
    await page.getByTestId('edit-rules').click();
    const dialog = page.getByRole('dialog');
    await pickOption(page, dialog.getByLabel('党课频次'), '每年至少一次');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已保存，下级组织沿用').waitFor();
    const rule = page.locator('.ant-table-row', { hasText: '每年至少一次' }).filter({ hasText: '党课' });
    await rule.getByText(/街道党工委/).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}org-life-rules.png`, fullPage: true });
    // Back to the default, as the other journeys expect (pickOption waited for the first list to fade out).
    await page.getByTestId('edit-rules').click();
    await pickOption(page, dialog.getByLabel('党课频次'), '沿用上级/默认');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.locator('.ant-table-row', { hasText: '党课' }).getByText('每季度至少一次').waitFor();
    expect(errors).toEqual([]);
  });
});
