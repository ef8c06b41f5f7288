import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

const journey = useJourney();

type Facility = { id: number; name: string };
type Booking = { id: number; facilityName: string; date: string; from: string; to: string; status: string };

/** A phone: 375×812 CSS pixels, touch. */
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

describe('shared facilities', () => {
  test('a resident books the school gym on a 375 px phone, sees it among her bookings and cancels it', async () => {
    const residentApi = await apiLogin(journey.baseUrl, 'jumin', DEMO_PASSWORD);
    const offered = await residentApi.get<{ items: Facility[] }>('/api/facilities');
    const gym = offered.items.find((f) => f.name === '市第一中学体育馆') as Facility;
    expect(gym).toBeTruthy();

    const page = await newPhonePage();
    const errors = collectErrors(page);
    await page.goto('/m/login');
    await page.getByPlaceholder('用户名').fill('jumin');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.waitForURL((url) => !url.pathname.startsWith('/m/login'));

    await page.goto('/m/facilities');
    await page.getByTestId(`facility-${gym.id}`).getByText('市第一中学体育馆').tap();
    await page.waitForURL(`**/m/facilities/${gym.id}`);
    // Tomorrow (the page's first choice): take its first free hour.
    const firstSlot = page.locator('[data-slot]').first();
    await firstSlot.waitFor();
    const from = (await firstSlot.getAttribute('data-slot')) as string;
    await firstSlot.tap();
    await page.getByRole('textbox', { name: '用途' }).fill('家庭羽毛球活动');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SCREENSHOTS}facility-book-phone.png`, fullPage: true });
    await page.getByRole('button', { name: /^预约/ }).tap();
    await page.getByText('预约成功').waitFor();
    await page.waitForURL('**/m/facilities');

    const mine = await residentApi.get<{ items: Booking[] }>('/api/facility-bookings?pageSize=50');
    const booked = mine.items.find((b) => b.facilityName === gym.name && b.from === from && b.status === 'approved');
    expect(booked, JSON.stringify(mine.items)).toBeTruthy();
    // The slot is no longer offered that day.
    const day = await residentApi.get<{ slots: { from: string }[] }>(
      `/api/facilities/${gym.id}/day?date=${booked?.date}`,
    );
    expect(day.slots.map((s) => s.from)).not.toContain(from);

    await page.getByText('我的预约').tap();
    const item = page.getByTestId(`booking-${booked?.id}`);
    await item.getByText('已预约').waitFor();
    await item.getByRole('button', { name: '取消预约' }).tap();
    await page.locator('.adm-dialog').getByText('确定').tap();
    await item.getByText('已取消').waitFor();
    const after = await residentApi.get<{ slots: { from: string }[] }>(
      `/api/facilities/${gym.id}/day?date=${booked?.date}`,
    );
    expect(after.slots.map((s) => s.from)).toContain(from);

    // 长辈版: no text under 18 px, tap targets of 44 px, nothing wider than the phone.
    await page.evaluate(() => localStorage.setItem('gongjian.mobile.elder', '1'));
    for (const path of ['/m/facilities', `/m/facilities/${gym.id}`]) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const m = await page.evaluate(() => {
        let minFont = 100;
        let smallest = '';
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || !n.textContent?.trim() || el.getClientRects().length === 0) continue;
          const size = parseFloat(getComputedStyle(el).fontSize);
          if (size < minFont) [minFont, smallest] = [size, n.textContent.trim()];
        }
        const small = Array.from(document.querySelectorAll('button, a, input'))
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.width > 0 && (r.height < 44 || r.width < 44));
        return { minFont, smallest, small: small.length, width: document.documentElement.scrollWidth };
      });
      expect(m.minFont, `${path}: ${m.smallest}`).toBeGreaterThanOrEqual(18);
      expect(m.small, path).toBe(0);
      expect(m.width, path).toBeLessThanOrEqual(375);
    }
    await page.screenshot({ path: `${SCREENSHOTS}facility-book-elder.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('the community sees the gym in a week calendar and its bookings', async () => {
    const page = await journey.page();
    const errors = collectErrors(page);
    await page.goto('/login');
    await page.getByPlaceholder('用户名').fill('shequ');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/facilities');
    await page.locator('.ant-table-row', { hasText: '市第一中学体育馆' }).getByText('日历').click();
    await page.getByText('市第一中学体育馆 ·').waitFor();
    await page.locator('.facility-week [data-date]').first().waitFor();
    expect(await page.locator('.facility-week [data-date]').count()).toBe(7);
    await page.getByText('预约记录 · 市第一中学体育馆').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}facility-week.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
