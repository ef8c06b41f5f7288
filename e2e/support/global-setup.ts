import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from './server';

/**
 * Starts the built server once on a fresh folder (initdb, migrations, the demo city), stops it, and hands the
 * folder to the journeys: each file copies it and starts its own server there, seconds sooner than seeding its
 * own city, with the same data and no state shared between files.
 */
export default async function setup(project: TestProject) {
  if (process.env.E2E_BASE_URL) return;
  const dir = mkdtempSync(join(tmpdir(), 'gongjian-e2e-template-'));
  const server = await startServer({ dataDir: dir, keepDataDir: true });
  await server.stop();
  project.provide('e2eTemplateDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
