import type { Browser, Page } from 'playwright-core';

/** Every demo account's password (packages/server/src/seed/demo-city.ts). */
export const DEMO_PASSWORD = 'Demo@2026';

/** A desktop-sized page of a fresh browser context (its own cookies) on the app. */
export async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  return context.newPage();
}

/**
 * Uncaught errors and console errors of a page, but the failed loads of HTTP errors the journeys provoke on
 * purpose (401, 403, 409).
 */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  return errors;
}

/** Fills and sends the login form, as a user would; does not wait for the answer (a refusal stays on the page). */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Logs in through the login page, as a user would, and waits to leave it. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await submitLogin(page, username, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Opens a console page from the side menu: its group's submenu first when closed (a group of one page is that page
 * itself, with no submenu), then the page.
 */
export async function openFromMenu(page: Page, group: string, label: string): Promise<void> {
  const menu = page.locator('.ant-layout-sider .ant-menu-root');
  await menu.waitFor();
  const title = menu.locator('.ant-menu-submenu-title').filter({ hasText: new RegExp(`^${group}$`) });
  const item = menu.locator('.ant-menu-item').filter({ hasText: new RegExp(`^${label}$`) });
  // The group opens (and the others close) by itself when the URL enters it, with an animation: opened by the page
  // after we looked, a click would close it again, and an item of a group closing still shows for a moment. So
  // look again until the group says it is open and its item shows, opening it only while it says it is closed.
  for (let attempt = 0; (await title.count()) > 0 && attempt < 10; attempt++) {
    const open = (await title.getAttribute('aria-expanded')) === 'true';
    if (open && (await item.isVisible())) break;
    if (!open) await title.click();
    await page.waitForTimeout(300);
  }
  await item.click();
}
