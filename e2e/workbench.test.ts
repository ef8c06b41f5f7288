import { describe, expect, test } from 'vitest';
import { collectErrors, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

const journey = useJourney();

/** Every due source of the modules that exist (server src/<module>/<module>.module.ts `dueSources`). */
const SOURCES = [
  'org-checks.terms',
  'members.probation',
  'transfers.incoming',
  'transfers.receipts',
  'floating.transfer',
  'floating.unreported',
];

describe('the workbench and messages', () => {
  test('a street secretary lands on the workbench, acts on an item through its link, and the item leaves', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'jiedao');
    await page.waitForURL('**/workbench');
    for (const source of SOURCES) {
      await page.locator(`[data-source="${source}"] .ant-table-row`).first().waitFor();
    }
    await page.screenshot({ path: `${SCREENSHOTS}workbench.png`, fullPage: true });

    // A letter arrived for the street's branch: the bell says so, and 站内消息 links to the inbox.
    const bell = page.getByRole('button', { name: /站内消息/ });
    await expect.poll(async () => Number(await bell.getAttribute('data-unread'))).toBeGreaterThan(0);
    const unreadBefore = Number(await bell.getAttribute('data-unread'));
    await bell.click();
    await page.waitForURL('**/notifications');
    const message = page.locator('.ant-table-row', { hasText: '收到组织关系介绍信：乔立群' });
    await message.waitFor();
    await page.locator('.ant-radio-wrapper-checked', { hasText: '即时' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}notifications.png` });
    await message.getByRole('button', { name: '查看' }).click();
    await page.waitForURL('**/transfers');
    await expect.poll(async () => Number(await bell.getAttribute('data-unread'))).toBe(unreadBefore - 1);

    // Back on the workbench, the letter's item leads to the inbox; accepting it takes it off the workbench.
    await openFromMenu(page, '工作台', '工作台');
    const incoming = page.locator('[data-source="transfers.incoming"]');
    await incoming.locator('.ant-table-row', { hasText: '乔立群' }).getByRole('link', { name: '去处理' }).click();
    await page.waitForURL('**/transfers');
    const letter = page.locator('.ant-table-row', { hasText: '乔立群' });
    await letter.getByRole('button', { name: /接\s*收/ }).click();
    await page.getByText('已接收，党员已转入').waitFor();
    await openFromMenu(page, '工作台', '工作台');
    await page.locator('[data-source="org-checks.terms"] .ant-table-row').first().waitFor();
    // The page may first show what it had, then what the server says now.
    await expect.poll(() => page.locator('.ant-layout-content').innerText()).not.toContain('乔立群');
    expect(errors).toEqual([]);
  });
});
