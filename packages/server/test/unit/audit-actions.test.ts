import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditActionLabel, PERMISSIONS } from '@gongjian/shared';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;
const PREFIXES = [
  'account',
  'audit',
  'auth',
  'coverage',
  'figures',
  'floating_member',
  'in_service',
  'member',
  'new_organization',
  'org_rules',
  'organization',
  'seed',
  'team_post',
  'terms',
];
const ACTION = new RegExp(`'((?:${PREFIXES.join('|')})(?:\\.[a-z_]+)+)'`, 'g');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('audit action labels', () => {
  it('names in Chinese every action the server writes to the trail', () => {
    const permissions = new Set<string>(PERMISSIONS);
    const actions = new Set<string>();
    for (const file of sources(SRC)) {
      for (const match of readFileSync(file, 'utf8').matchAll(ACTION)) {
        const action = match[1] as string;
        if (!permissions.has(action)) actions.add(action);
      }
    }
    expect(actions.size).toBeGreaterThan(40);
    const unnamed = [...actions].filter((action) => auditActionLabel(action) === action);
    expect(unnamed, 'add these to AUDIT_ACTION_LABELS in packages/shared/src/audit.ts').toEqual([]);
  });
});
