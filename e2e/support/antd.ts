import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Picks an option of an antd Select and waits until its list is gone. A closing list fades out for a moment and
 * still matches `.ant-select-dropdown:visible` meanwhile, so the next pick (another select, or this one again)
 * would find the old list's options and click into nothing. `select` is the select's accessible label (page-wide)
 * or a locator of it (scoped to a dialog or a table row).
 */
export async function pickOption(page: Page, select: string | Locator, option: string | RegExp): Promise<void> {
  const trigger = typeof select === 'string' ? page.getByLabel(select, { exact: true }) : select;
  await trigger.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 5_000 }).toBe(0);
}
