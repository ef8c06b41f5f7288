import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The server package folder, found from this module whether it runs from src/ (tests) or dist/ (bundle). */
export function serverPackageDir(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === '@gongjian/server') return (cached = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the @gongjian/server package folder');
    dir = up;
  }
}
