import { defineConfig } from 'vitest/config';

// Four projects: pure rules, the benchmark harness's smoke run, API against a real engine, browser journeys against the built app.
// scripts/test.mjs runs them in order (and the API project a second time on PostgreSQL).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/shared/test/**/*.test.ts', 'packages/server/test/unit/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        // The benchmark harness end to end on tiny data (~35 s): not part of `npm test -- --quick`.
        test: { name: 'bench', include: ['bench/**/*.test.ts'] },
      },
      {
        test: {
          name: 'api',
          include: ['packages/server/test/api/**/*.test.ts'],
          // One PostgreSQL server (embedded, or TEST_DATABASE_URL) and a migrated template for the whole run.
          globalSetup: ['packages/server/test/global-setup.ts'],
          // Files share their worker's module cache (each still gets its own database and app): importing the app
          // once per file was a third of the pass. No test may leave module state behind (fake timers, mocks).
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['e2e/**/*.test.ts'],
          // One demo city seeded for the run; each file's server starts on a copy (e2e/support/global-setup.ts).
          globalSetup: ['e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
