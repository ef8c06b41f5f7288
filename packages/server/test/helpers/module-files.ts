import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/**
 * The default exports of every `src/<module>/<module><suffix>` (test code kept beside its module: `.probes.ts`,
 * `.audit-cases.ts`), in folder order. Each must be a declaration naming its module (`define…(module, …)`).
 */
export async function loadBesideModules<T extends { module: string }>(suffix: string, define: string): Promise<T[]> {
  const files = readdirSync(SRC, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  const loaded: T[] = [];
  for (const file of files) {
    const { default: declared } = (await import(pathToFileURL(file).href)) as { default?: T };
    if (!declared?.module) throw new Error(`${file}: export default ${define}(...)`);
    loaded.push(declared);
  }
  return loaded;
}
