// npx tsx bench/mobile-paint.ts [--runs N]   (after `npm run build`)
// The phone pages' first load over a throttled network: starts the built server (demo mode, a fresh DATA_DIR: its
// embedded PostgreSQL, as the browser tests do), logs in as the demo 党员 (dangyuan), then loads /m/ N times in
// headless Chromium on a 375×812 phone viewport with DevTools' "Fast 3G" profile (CDP
// Network.emulateNetworkConditions: 562.5 ms latency, 1.44 Mbps down, 675 kbps up) and the cache disabled.
// Reports the median first-contentful-paint and the time the home's content (the member's name and the upcoming
// items) is on screen, the bytes and requests of the load, and the bundles' sizes: the phone's and the console's
// (raw and gzip, from packages/web/dist). Exits 1 when the phone pages load any of the console's files.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { CDPSession } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.js';
import { DEMO_PASSWORD } from '../e2e/support/pages.js';
import { startServer } from '../e2e/support/server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'packages/web/dist');
const argv = process.argv.slice(2);
const RUNS = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 7;

/** DevTools' "Fast 3G" preset (its numbers: 1.6 Mbps × 0.9 down, 750 kbps × 0.9 up, 150 ms × 3.75). */
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };

/** The files an HTML entry loads before its app runs: its scripts, module preloads and stylesheets. */
function initialFiles(html: string): string[] {
  const text = readFileSync(path.join(DIST, html), 'utf8');
  return [...text.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1] as string);
}

function sizes(files: string[]) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const data = readFileSync(path.join(DIST, file));
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { files: files.length, raw, gzip };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/**
 * Records in the page when the home's content is first on screen: the frame after the member's name and the
 * upcoming items entered the DOM. A string, not a function: tsx's transform puts helpers into functions that the
 * page does not have.
 */
const WATCH_HOME = `
  const observer = new MutationObserver(() => {
    if (!document.querySelector('.m-hero-name') || !document.querySelector('[data-upcoming-ready]')) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.homeVisibleAt = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
`;

async function main() {
  for (const html of ['m.html', 'index.html']) statSync(path.join(DIST, html));
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const login = await context.request.post('/api/auth/login', {
      data: { username: 'dangyuan', password: DEMO_PASSWORD },
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()} ${await login.text()}`);
    await context.addInitScript(WATCH_HOME);

    const runs: { fcp: number; home: number; bytes: number; requests: number; encoding: string }[] = [];
    const consoleFiles = new Set([...initialFiles('index.html')]);
    const loadedByPhone = new Set<string>();
    for (let run = 0; run < RUNS; run++) {
      const page = await context.newPage();
      const cdp: CDPSession = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      let bytes = 0;
      let requests = 0;
      const encodings = new Set<string>();
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
      cdp.on('Network.responseReceived', (e: { response: { url: string; headers: Record<string, string> } }) => {
        requests += 1;
        const url = new URL(e.response.url);
        if (url.pathname.startsWith('/assets/')) {
          loadedByPhone.add(url.pathname.slice(1));
          encodings.add(e.response.headers['content-encoding'] ?? 'identity');
        }
      });
      await page.goto('/m/', { waitUntil: 'commit' });
      await page.waitForFunction(
        () => (globalThis as { homeVisibleAt?: number }).homeVisibleAt !== undefined,
        undefined,
        { timeout: 60_000 },
      );
      const timings = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        home: (globalThis as unknown as { homeVisibleAt: number }).homeVisibleAt,
      }));
      runs.push({ ...timings, bytes, requests, encoding: [...encodings].join('/') });
      console.log(
        `run ${run + 1}: first contentful paint ${Math.round(timings.fcp)} ms, home visible ${Math.round(timings.home)} ms, ` +
          `${requests} requests, ${kb(bytes)} transferred (${[...encodings].join('/')})`,
      );
      await page.close();
    }

    const phone = sizes(initialFiles('m.html'));
    const consoleApp = sizes(initialFiles('index.html'));
    const leaked = [...loadedByPhone].filter((f) => consoleFiles.has(f) && !initialFiles('m.html').includes(f));
    const antd = [...loadedByPhone].filter((f) => /\/(antd~|console-)/.test(f));
    const fcp = median(runs.map((r) => r.fcp));
    const home = median(runs.map((r) => r.home));
    console.log(`
Mobile pages (/m/, demo 党员 dangyuan, 375×812, DevTools Fast 3G: 562.5 ms, 1.44 Mbps down, 675 kbps up, cache disabled), median of ${RUNS}:
- first contentful paint: ${Math.round(fcp)} ms (target ≤ 2500)
- home's content visible (name, branch, upcoming items): ${Math.round(home)} ms
- per load: ${median(runs.map((r) => r.requests))} requests, ${kb(median(runs.map((r) => r.bytes)))} transferred (${runs[0]?.encoding})
- phone bundle (m.html's files): ${phone.files} files, ${kb(phone.raw)} raw, ${kb(phone.gzip)} gzip
- console bundle (index.html's files): ${consoleApp.files} files, ${kb(consoleApp.raw)} raw, ${kb(consoleApp.gzip)} gzip
- console files loaded by the phone pages: ${leaked.length + antd.length === 0 ? 'none' : [...leaked, ...antd].join(', ')}`);
    if (leaked.length + antd.length > 0) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
