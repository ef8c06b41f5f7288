import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

const journey = useJourney();

/** Every page the phone app's modules declare (`path: '…'` in mobile/pages/<module>/module.tsx), found in the source. */
const PHONE_PAGES: string[] = (() => {
  const root = fileURLToPath(new URL('../packages/web/src/mobile/pages/', import.meta.url));
  return readdirSync(root).flatMap((folder) => {
    let text = '';
    try {
      text = readFileSync(`${root}${folder}/module.tsx`, 'utf8');
    } catch {
      return []; // a folder of pages without a module (home, login)
    }
    return [...text.matchAll(/path: '([^':]+)'/g)].map((m) => m[1] as string);
  });
})();

/** The home: /m/, or /m after the app's own navigation there. */
const atHome = (url: URL) => url.pathname === '/m/' || url.pathname === '/m';

/** A phone: 375×812 CSS pixels, touch, as a mid-range Android or an iPhone X shows the pages. */
async function newPhonePage(): Promise<Page> {
  const context = await journey.browser.newContext({
    baseURL: journey.baseUrl,
    locale: 'zh-CN',
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

type Measured = {
  /** The smallest font size of any visible text, in CSS pixels, and where. */
  minFont: { px: number; text: string };
  /** The smallest line height over font size of any visible text. */
  minLineHeight: { ratio: number; text: string };
  /** The lowest contrast of visible text against the background it is drawn on (WCAG 2 formula). */
  minContrast: { ratio: number; text: string };
  /** Visible things to tap smaller than 44×44 CSS pixels. */
  smallTargets: string[];
  /** The font size of the page's running text (the body's). */
  bodyFont: number;
};

/**
 * Measures the page as the 工信部 2021 rules for elder-friendly apps count: text size, line height, contrast and
 * tap targets, from the computed styles and boxes of what is on screen. Badges are left out: a count in a dot,
 * hidden from assistive technology, that repeats the words beside it.
 */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const backgroundOf = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c[3] ?? 0) > 0.5) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.opacity !== '0';
    };
    const label = (el: Element) => (el.textContent ?? '').trim().slice(0, 20) || el.outerHTML.slice(0, 60);
    const texts = Array.from(document.querySelectorAll('#root *')).filter(
      (el) =>
        Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()) &&
        visible(el) &&
        !el.closest('.adm-badge'),
    );
    let minFont = { px: Infinity, text: '' };
    let minLineHeight = { ratio: Infinity, text: '' };
    let minContrast = { ratio: Infinity, text: '' };
    for (const el of texts) {
      const s = getComputedStyle(el);
      const px = parseFloat(s.fontSize);
      if (px < minFont.px) minFont = { px, text: label(el) };
      const lh = s.lineHeight === 'normal' ? 1.2 : parseFloat(s.lineHeight) / px;
      if (lh < minLineHeight.ratio) minLineHeight = { ratio: lh, text: label(el) };
      const [fg, bg] = [luminance(rgb(s.color)), luminance(backgroundOf(el))];
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < minContrast.ratio) minContrast = { ratio, text: label(el) };
    }
    const targets = Array.from(
      document.querySelectorAll('#root a, #root button, #root input, #root textarea, #root [role=button]'),
    ).filter(visible);
    const smallTargets = targets
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width < 44 || r.height < 44;
      })
      .map((el) => {
        const r = el.getBoundingClientRect();
        return `${label(el)} ${Math.round(r.width)}×${Math.round(r.height)}`;
      });
    return {
      minFont,
      minLineHeight,
      minContrast,
      smallTargets,
      bodyFont: parseFloat(getComputedStyle(document.body).fontSize),
    };
  });
}

/** The 工信部 2021 numbers for 长辈版. */
function expectElderFriendly(m: Measured) {
  expect(m.minFont.px, m.minFont.text).toBeGreaterThanOrEqual(18);
  expect(m.minLineHeight.ratio, m.minLineHeight.text).toBeGreaterThanOrEqual(1.3);
  expect(m.minContrast.ratio, m.minContrast.text).toBeGreaterThanOrEqual(4.5);
  expect(m.smallTargets).toEqual([]);
}

describe('phone pages (/m/)', () => {
  test("the morning's reminder reaches the member's phone: 消息 in the bar, the list, read on opening", async () => {
    // The reminder job, run now as its page would (it runs daily at 07:00): the member's 双报到 is due.
    const admin = await apiLogin(journey.baseUrl, 'admin', DEMO_PASSWORD);
    const run = await admin.post<{ status: string; result: { messages: number } }>(
      '/api/jobs/notifications.reminders/run',
    );
    expect(run.status).toBe('ok');

    const page = await newPhonePage();
    const errors = collectErrors(page);
    await page.goto('/m/login');
    await page.getByPlaceholder('用户名').fill('dangyuan');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.waitForURL(atHome);
    const messages = page.getByRole('link', { name: '消息，1 条未读' });
    await messages.waitFor();
    await page.getByText('1 条未读消息').waitFor();
    await messages.tap();
    await page.waitForURL('**/m/messages');
    // One message for the morning, whatever else falls due for them (a care visit as 帮扶党员, a meeting).
    const reminder = page.locator('[data-unread="true"]', { hasText: /工作台提醒：\d+项将在7天内到期/ });
    await reminder.getByText(/在职党员请到居住地社区报到/).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}mobile-messages.png`, fullPage: true });
    // Opening it marks it read and goes where it is acted on: the home, with its upcoming item.
    await reminder.tap();
    await page.waitForURL(atHome);
    // The bar's 消息 counts none unread now.
    await page.locator('a.m-messages-link[data-unread="0"]').waitFor();
    expect(await page.getByText('1 条未读消息').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a member logs in on the phone, sees their home, registers with their community, changes their phone, and reads it all in 长辈版', async () => {
    const page = await newPhonePage();
    const errors = collectErrors(page);

    // Not logged in: the phone's own login page, then the home.
    await page.goto('/m/');
    await page.waitForURL('**/m/login');
    await page.getByPlaceholder('用户名').fill('dangyuan');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.waitForURL(atHome);

    // Who and where they are, and what is coming up: the 双报到 they have not done yet.
    await page.getByRole('heading', { name: '田志远，您好' }).waitFor();
    await page.getByText('所在支部：和平社区第一党支部').waitFor();
    await page.getByText('上级党组织：和平社区大党委').waitFor();
    const upcoming = page.getByText('在职党员请到居住地社区报到（双报到）');
    await upcoming.waitFor();
    await page.getByText('尚未到居住地社区报到').waitFor();
    await page.getByRole('link', { name: '我的信息' }).waitFor();

    // 长辈版: off, the standard sizes; on, the 工信部 numbers, remembered across a reload.
    const standard = await measure(page);
    expect(standard.bodyFont).toBe(16);
    await page.screenshot({ path: `${SCREENSHOTS}mobile-home.png`, fullPage: true });
    await page.getByRole('button', { name: '切换到长辈版（大字）' }).tap();
    await page.getByRole('button', { name: '切换到标准版' }).waitFor();
    const elder = await measure(page);
    expect(elder.bodyFont).toBeGreaterThan(standard.bodyFont);
    expect(elder.minFont.px).toBeGreaterThan(standard.minFont.px);
    expectElderFriendly(elder);
    await page.screenshot({ path: `${SCREENSHOTS}mobile-home-elder.png`, fullPage: true });
    await page.reload();
    await page.getByRole('heading', { name: '田志远，您好' }).waitFor();
    expect((await measure(page)).bodyFont).toBe(elder.bodyFont);

    // 双报到, from the upcoming item: find the community by part of its name, choose it, register.
    await upcoming.tap();
    await page.waitForURL('**/m/register');
    expectElderFriendly(await measure(page));
    await page.getByPlaceholder('输入社区名称查找').fill('幸福');
    await page.getByText('幸福社区党委').tap();
    await page.getByText('已选择：幸福社区党委').waitFor();
    await page.getByPlaceholder('如：3号楼2单元501').fill('8号楼1单元302');
    await page.getByRole('button', { name: '报到', exact: true }).tap();
    await page.waitForURL(atHome);
    await page.getByText(/已于 \d{4}-\d{2}-\d{2} 在幸福社区党委报到/).waitFor();
    // The 双报到 item has left the upcoming list (what else they look after stays).
    await upcoming.waitFor({ state: 'detached' });
    expect(await upcoming.count()).toBe(0);

    // The profile: a bad phone is refused with the reason, a good one is saved, shown, and the branch is told.
    await page.getByRole('link', { name: '我的信息' }).tap();
    await page.waitForURL('**/m/profile');
    const phone = page.getByPlaceholder('11位手机号码');
    await phone.waitFor();
    expectElderFriendly(await measure(page));
    await phone.fill('1391234');
    await page.getByRole('button', { name: '保存' }).tap();
    await page.getByText('应为11位手机号码').waitFor();
    await phone.fill('13912345678');
    await page.getByPlaceholder('如：书法 医疗').fill('摄影，书法');
    await page.getByRole('button', { name: '保存' }).tap();
    await page.getByText('已保存，已告知所在支部').waitFor();
    await page.reload();
    await page.getByPlaceholder('11位手机号码').waitFor();
    expect(await page.getByPlaceholder('11位手机号码').inputValue()).toBe('13912345678');
    expect(await page.getByPlaceholder('如：书法 医疗').inputValue()).toBe('摄影 书法');

    const secretary = await apiLogin(journey.baseUrl, 'zhibu', DEMO_PASSWORD);
    const inbox = await secretary.get<{ items: { kind: string; title: string; body: string }[] }>(
      '/api/notifications?unread=true',
    );
    expect(inbox.items.find((m) => m.kind === 'member.self_update')).toMatchObject({
      title: '党员田志远更新了本人信息',
      body: expect.stringContaining('联系电话、特长兴趣'),
    });

    // Back to the home with the bar's back button; 长辈版 off again.
    await page.getByText('返回').tap();
    await page.waitForURL(atHome);
    await page.getByRole('button', { name: '切换到标准版' }).tap();
    expect((await measure(page)).bodyFont).toBe(standard.bodyFont);

    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('every page of the phone app, in 长辈版 at 375 px, meets the 工信部 numbers and fits the screen', async () => {
    expect(PHONE_PAGES).toEqual(expect.arrayContaining(['register', 'profile', 'messages', 'volunteers', 'dues']));
    const page = await newPhonePage();
    const errors = collectErrors(page);
    await page.addInitScript(() => localStorage.setItem('gongjian.mobile.elder', '1'));
    await page.goto('/m/login');
    await page.getByPlaceholder('用户名').fill('dangyuan');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.waitForURL(atHome);
    for (const path of ['', ...PHONE_PAGES]) {
      await page.goto(`/m/${path}`);
      await page.waitForLoadState('networkidle');
      // Whatever the page loads first (a skeleton, a spinner) is gone: its content or its empty state shows.
      await expect.poll(() => page.locator('.adm-skeleton, .adm-spin-loading, .adm-dot-loading').count()).toBe(0);
      const m = await measure(page);
      expect(m.bodyFont, path).toBeGreaterThanOrEqual(20);
      expect(m.minFont.px, `${path}: ${m.minFont.text}`).toBeGreaterThanOrEqual(18);
      expect(m.minLineHeight.ratio, `${path}: ${m.minLineHeight.text}`).toBeGreaterThanOrEqual(1.3);
      expect(m.minContrast.ratio, `${path}: ${m.minContrast.text}`).toBeGreaterThanOrEqual(4.5);
      expect(m.smallTargets, path).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(overflow, `${path} is wider than the phone`).toBeLessThanOrEqual(375);
      await page.screenshot({ path: `${SCREENSHOTS}elder-${path.replaceAll('/', '-') || 'home'}.png`, fullPage: true });
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("a member's first login on the phone changes the initial password there, then lands on their home", async () => {
    const admin = await apiLogin(journey.baseUrl, 'admin', DEMO_PASSWORD);
    const found = await admin.get<{ items: { id: number; orgId: number }[] }>(
      `/api/members?q=${encodeURIComponent('张三丰')}`,
    );
    const member = found.items[0] as { id: number; orgId: number };
    await admin.post('/api/accounts', {
      username: 'zhangsanfeng',
      password: 'Chu@2026shi',
      orgId: member.orgId,
      role: 'member',
      memberId: member.id,
    });
    const page = await newPhonePage();
    const errors = collectErrors(page);
    await page.goto('/m/');
    await page.waitForURL('**/m/login');
    await page.getByPlaceholder('用户名').fill('zhangsanfeng');
    await page.getByPlaceholder('密码').fill('Chu@2026shi');
    await page.getByRole('button', { name: '登录' }).tap();
    await page.waitForURL('**/m/password');
    await page.getByText('首次登录须先修改初始密码').waitFor();
    // The home cannot be opened before the change.
    await page.goto('/m/');
    await page.waitForURL('**/m/password');
    const passwords = page.locator('input[type=password]');
    const [current, next, confirm] = [passwords.nth(0), passwords.nth(1), passwords.nth(2)];
    await current.fill('Chu@2026shi');
    await next.fill('short');
    await page.getByRole('button', { name: '修改密码' }).tap();
    await page.getByText('密码至少').waitFor();
    await next.fill('Xin@2026mima');
    await confirm.fill('Xin@2026mima');
    await page.getByRole('button', { name: '修改密码' }).tap();
    await page.waitForURL(atHome);
    await page.getByRole('heading', { name: '张三丰，您好' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a staff login on the phone is pointed to the console; a lost session goes to the phone login', async () => {
    const page = await newPhonePage();
    const errors = collectErrors(page);
    await page.goto('/m/profile');
    await page.waitForURL('**/m/login');
    await page.getByRole('button', { name: '登录' }).tap();
    await page.getByText('请输入用户名').waitFor();
    await page.getByPlaceholder('用户名').fill('zhibu');
    await page.getByPlaceholder('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).tap();
    await page.getByRole('alert').filter({ hasText: /密码/ }).waitFor();
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.getByText('本账号未关联党员档案').waitFor();
    await page.getByRole('button', { name: '打开管理后台' }).tap();
    await page.waitForURL((url) => !url.pathname.startsWith('/m'));
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
