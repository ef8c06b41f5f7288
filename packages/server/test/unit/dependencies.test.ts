import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The server's folders depend on each other one way: db ← http, scheduler ← module.ts ← the modules ← modules.ts,
 * app.ts. A cycle between two folders (type imports included: they are how one folder learns the other's
 * shape) means one of them holds something that belongs lower down.
 */
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
const IMPORT = /^import\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gms;

/** `members/members.service.ts` → `members`; a file at the top (app.ts) is its own unit. */
const unitOf = (file: string) => file.split(path.sep)[0] ?? file;

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter(
    // Probes and audit cases are test code beside their module (test/helpers/scope-probes.ts, audit-cases.ts).
    (f) => f.endsWith('.ts') && !f.endsWith('.probes.ts') && !f.endsWith('.audit-cases.ts'),
  );
  for (const file of files) {
    const text = readFileSync(path.join(SRC, file), 'utf8');
    for (const [, typeOnly, specifier = ''] of text.matchAll(IMPORT)) {
      const target = path.relative(SRC, path.resolve(SRC, path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      // The registry's action union is named by the audit helper: a type at the top, read by the bottom.
      if (typeOnly && target === 'modules.ts') continue;
      const [from, to] = [unitOf(file), unitOf(target)];
      if (from === to) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)?.add(to);
    }
  }
  return graph;
}

/** Every cycle through `start`, as the folders along it. */
function cyclesThrough(graph: Map<string, Set<string>>, start: string): string[][] {
  const found: string[][] = [];
  const walk = (at: string, trail: string[]) => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) found.push([...trail, start]);
      else if (!trail.includes(next) && next > start) walk(next, [...trail, next]);
    }
  };
  walk(start, [start]);
  return found;
}

describe('server dependencies', () => {
  it('form no cycle between folders', () => {
    const graph = folderGraph();
    expect(graph.size).toBeGreaterThan(10);
    const cycles = [...graph.keys()].flatMap((start) => cyclesThrough(graph, start)).map((c) => c.join(' → '));
    expect(cycles).toEqual([]);
  });

  it('keep the platform below the modules', () => {
    const graph = folderGraph();
    // The platform, and the configuration it reads (leaf files).
    const below = ['db', 'http', 'storage', 'scheduler', 'config.ts', 'paths.ts'];
    const upward = below.flatMap((low) =>
      [...(graph.get(low) ?? [])].filter((to) => !below.includes(to)).map((to) => `${low} → ${to}`),
    );
    expect(graph.get('http')).toContain('db');
    expect(upward).toEqual([]);
  });
});
