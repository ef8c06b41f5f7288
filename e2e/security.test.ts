import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { launchBrowser } from './support/browser';
import { DEMO_PASSWORD, login } from './support/pages';
import { type RunningServer, startServer } from './support/server';

let server: RunningServer;
let browser: Browser;
let attacker: Server;

/**
 * A page of the same site that is not the app: another port of the same host (in a deployment, any sibling
 * subdomain). The session cookie is SameSite=Lax, so Chromium sends it along with this page's requests.
 */
function attackerPage(app: string, accountId: number, orgId: number): string {
  return `<!doctype html><meta charset="utf-8"><title>抽奖活动</title>
<iframe name="sink" style="display:none"></iframe>
<form id="f" method="POST" enctype="multipart/form-data" target="sink" action="${app}/api/accounts/${accountId}/disable">
  <input name="x" value="1">
</form>
<script>
  const roster = new Blob(['姓名,身份证号,转正时间\\n跨站导入,11010519491231002X,1975-07-01\\n'], { type: 'text/csv' });
  const form = new FormData();
  form.append('orgId', '${orgId}');
  form.append('mode', 'valid');
  form.append('file', roster, 'r.csv');
  Promise.allSettled([
    fetch('${app}/api/member-imports', { method: 'POST', mode: 'no-cors', credentials: 'include', body: form }),
    fetch('${app}/api/accounts/${accountId}/disable', {
      method: 'POST', mode: 'no-cors', credentials: 'include',
      headers: { 'content-type': 'text/plain' }, body: '{}',
    }),
  ]).then(() => {
    document.getElementById('f').submit();
    setTimeout(() => (document.title = 'done'), 1500);
  });
</script>`;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((done) => (attacker ? attacker.close(done) : done(undefined)));
});

describe('cross-site request forgery', () => {
  test('a page on another port of the same host cannot act with the logged-in user’s session', async () => {
    const admin = await apiLogin(server.baseUrl, 'admin', DEMO_PASSWORD);
    const accounts = await admin.get<{ items: { id: number; username: string; disabled: boolean }[] }>(
      '/api/accounts?q=jiedao2',
    );
    const target = accounts.items.find((a) => a.username === 'jiedao2');
    expect(target?.disabled).toBe(false);
    const orgs = await admin.get<{ items: { id: number }[] }>('/api/organizations');
    const orgId = orgs.items[0]?.id as number;

    attacker = createServer((_, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(attackerPage(server.baseUrl, target?.id as number, orgId));
    });
    await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
    const attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;

    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN' });
    const page = await context.newPage();
    await login(page, 'admin');
    const answers: { url: string; status: number }[] = [];
    // A no-cors fetch's answer is withheld from the page (Cross-Origin-Resource-Policy): it did reach the server.
    const withheld: string[] = [];
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText.startsWith('net::ERR_BLOCKED_BY_RESPONSE')) withheld.push(request.url());
    });
    page.on('response', (response) => {
      if (response.url().startsWith(`${server.baseUrl}/api/`))
        answers.push({ url: response.url(), status: response.status() });
    });
    await page.goto(attackerUrl);
    await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 15_000 });

    // The browser did send the three requests, with the cookie: the form's was refused (403, and not shown in the
    // frame), the fetches' answers came back and were withheld from the page. Nothing happened on the server (the API tests check their 403s).
    expect(answers.map((a) => a.status)).toEqual([403]);
    const disableUrl = `${server.baseUrl}/api/accounts/${target?.id}/disable`;
    expect(withheld.sort()).toEqual([disableUrl, disableUrl, `${server.baseUrl}/api/member-imports`].sort());
    const after = await admin.get<{ items: { username: string; disabled: boolean }[] }>('/api/accounts?q=jiedao2');
    expect(after.items.find((a) => a.username === 'jiedao2')?.disabled).toBe(false);
    const members = await admin.get<{ total: number }>(`/api/members?q=${encodeURIComponent('跨站导入')}`);
    expect(members.total).toBe(0);

    // The app's own pages still change data: the same user disables and enables the account in 账号管理.
    await page.goto('/accounts');
    await page.getByPlaceholder(/搜索/).fill('jiedao2');
    const row = page.getByRole('row', { name: /jiedao2/ });
    await row.getByRole('button', { name: /停\s*用/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect
      .poll(
        async () => (await admin.get<{ items: { disabled: boolean }[] }>('/api/accounts?q=jiedao2')).items[0]?.disabled,
      )
      .toBe(true);
    await admin.post(`/api/accounts/${target?.id}/enable`);
    await context.close();
  });
});
