import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { newPage } from './pages';
import { type RunningServer, startServer } from './server';

/** Where journeys leave their screenshots (`${SCREENSHOTS}name.png`). */
export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

export type Journey = {
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly baseUrl: string;
  /** A new browser context at the console's desktop size, on this file's server. */
  page(): Promise<Page>;
};

/**
 * The file's server (a copy of the run's demo city) and browser, started before its tests and stopped after:
 * `const journey = useJourney();` at the top of a journey file.
 */
export function useJourney(): Journey {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useJourney(): used before its beforeAll ran');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    get baseUrl() {
      return started(server).baseUrl;
    },
    page: () => newPage(started(browser), started(server).baseUrl),
  };
}
