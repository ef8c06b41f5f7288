import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Picks an option of an antd Select and waits until its list is gone. A closing list fades out for a moment and
 * still matches `.ant-select-dropdown:visible` meanwhile, so the next pick (another select, or this one again)
 * would find the old list's options and click into nothing. `select` is the select's accessible label (page-wide)
 * or a locator of it (scoped to a dialog or a table row).
 *
 * On a loaded machine a click can land while the list is still opening and leave it open with nothing picked:
 * then the list is closed (Escape) and the pick made once more, until the select shows the option.
 */
export async function pickOption(page: Page, select: string | Locator, option: string | RegExp): Promise<void> {
  const trigger = typeof select === 'string' ? page.getByLabel(select, { exact: true }) : select;
  const lists = page.locator('.ant-select-dropdown:visible');
  const field = page.locator('.ant-select', { has: trigger }).last();
  const picked = async () => {
    const text = await field.innerText().catch(() => '');
    return typeof option === 'string' ? text.includes(option) : option.test(text);
  };
  for (let attempt = 1; ; attempt++) {
    await trigger.click();
    await lists.locator('.ant-select-item-option', { hasText: option }).first().click();
    try {
      await expect.poll(() => lists.count(), { timeout: 8_000 }).toBe(0);
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      await expect.poll(() => lists.count(), { timeout: 5_000 }).toBe(0);
      if (await picked()) return;
      if (attempt >= 2) throw error;
    }
  }
}
