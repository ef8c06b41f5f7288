import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

type ModuleGraph = {
  getModuleInfo(id: string): { importedIds: readonly string[]; dynamicallyImportedIds: readonly string[] } | null;
};
type Load = 'console' | 'mobile' | 'mobile-lazy';

const CONSOLE_HTML = fileURLToPath(new URL('index.html', import.meta.url));
const MOBILE_HTML = fileURLToPath(new URL('m.html', import.meta.url));
const ANTD = /node_modules[\\/](antd|@ant-design|@rc-component|@emotion|dayjs)[\\/]/;
/** Libraries and the code both apps may share: the API client and wrappers, the query client, the shared package. */
const LIBRARY = /node_modules[\\/]|packages[\\/]shared[\\/]|packages[\\/]web[\\/]src[\\/](api[\\/]|query-client)/;

/**
 * Which loads need each module: the console's first load, the phone's first load (m.html), or only a phone page
 * loaded when opened (a dynamic import). Walked once from the two HTML entries through the module graph.
 */
function loadsOfModules(graph: ModuleGraph): Map<string, Set<Load>> {
  const loads = new Map<string, Set<Load>>();
  const walk = (id: string, load: Load) => {
    const seen = loads.get(id) ?? new Set<Load>();
    if (seen.has(load)) return;
    loads.set(id, seen.add(load));
    const info = graph.getModuleInfo(id);
    for (const next of info?.importedIds ?? []) walk(next, load);
    for (const next of info?.dynamicallyImportedIds ?? []) walk(next, load === 'console' ? load : 'mobile-lazy');
  };
  walk(CONSOLE_HTML, 'console');
  walk(MOBILE_HTML, 'mobile');
  return loads;
}

let moduleLoads = new Map<string, Set<Load>>();

/** Reads which loads need each module once the module graph is complete, before the chunks are made. */
function moduleLoadsPlugin(): Plugin {
  return {
    name: 'gongjian:module-loads',
    apply: 'build',
    buildEnd() {
      moduleLoads = loadsOfModules(this);
    },
  };
}

/**
 * A group of library modules by the loads that need them. Groups are taken in order of priority, and a group
 * takes its modules' dependencies along, which are never needed by fewer loads: so the chunk both apps share
 * comes first, and the phone's form pages' libraries last.
 */
function group(name: string, priority: number, wanted: (loads: Set<Load>, id: string) => boolean) {
  return {
    name,
    priority,
    test: (id: string) => LIBRARY.test(id) && wanted(moduleLoads.get(id) ?? new Set<Load>(), id),
  };
}

const phone = (loads: Set<Load>) => loads.has('mobile') || loads.has('mobile-lazy');

/** Both apps' first loads (react, the router, the query client, the API client), then each app's own. */
const CHUNKS = [
  group('shared', 5, (loads) => loads.has('console') && phone(loads)),
  group('antd', 4, (loads, id) => loads.has('console') && ANTD.test(id)),
  group('vendor', 3, (loads) => loads.has('console')),
  group('mobile-vendor', 2, (loads) => loads.has('mobile')),
  // What only the phone's form pages need (antd-mobile's Form, Toast's animations): loaded with the first of them.
  group('mobile-forms', 1, (loads) => loads.has('mobile-lazy')),
];

const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

/**
 * Writes a .br and a .gz beside every text file of the build, once, at build time: the server sends them as
 * they are (@fastify/static `preCompressed`), so a phone on a slow network gets ~30% of the bytes and the server
 * compresses nothing per request.
 */
function precompress(): Plugin {
  return {
    name: 'gongjian:precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      for (const fileName of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(fileName)) continue;
        const path = join(dir, fileName);
        const raw = readFileSync(path);
        if (raw.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(raw, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
          }),
        );
      }
    },
  };
}

// The server serves dist/ at / with an SPA fallback (the phone pages: m.html at /m/); in development vite
// proxies the API to it.
export default defineConfig({
  plugins: [react(), moduleLoadsPlugin(), precompress()],
  // One React for every package, also should an install again put a second copy beside the app's (antd-mobile's
  // @react-spring peer range did: see the root package.json's overrides); two copies fail on the first hook.
  resolve: { dedupe: ['react', 'react-dom'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Ant Design alone is ~1 MB minified; vendors get their own chunks so a release only re-downloads app code.
    chunkSizeWarningLimit: 1200,
    // Browsers without <link rel=modulepreload> load the same files a moment later; the polyfill was a chunk of
    // its own, one more request on a slow network.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // Two apps: the console (index.html, antd) and the phone pages (m.html, antd-mobile), which must never
      // load the console's antd.
      input: {
        console: CONSOLE_HTML,
        mobile: MOBILE_HTML,
      },
      output: {
        codeSplitting: {
          // Few files per first load (each request costs a round trip on a slow network), and the phone pages
          // never load a chunk with antd or echarts in it.
          groups: CHUNKS,
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
