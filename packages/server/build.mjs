// Bundles the server (with the shared domain package, which ships as TypeScript) into dist/.
// Third-party packages stay external: PGlite, argon2 and friends load their own assets from node_modules.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
  (name) => !name.startsWith('@gongjian/'),
);

await build({
  // The roster reader's worker thread (members/import/sheet.ts starts dist/sheet-worker.js beside main.js).
  entryPoints: {
    main: 'src/main.ts',
    admin: 'src/admin.ts',
    'sheet-worker': 'src/members/import/sheet-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  logLevel: 'warning',
});
