import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import type { Alias } from 'vite';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/browser/chromium.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/**
 * Aliases shared by every browser-side build: linkedom's worker build (no `canvas` / Node shims)
 * and the one CSSOM file that exports `parse` (linkedom 0.18.14's own import fails to bundle).
 */
const webDependencyAliases: Alias[] = [
  { find: /^linkedom$/, replacement: 'linkedom/worker' },
  { find: /^@acemir\/cssom$/, replacement: fileURLToPath(new URL('./node_modules/@acemir/cssom/lib/index.js', import.meta.url)) },
];

/** package.json's `exports`: the one list of the package's entry points. */
const packageExports = (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { exports: Record<string, ExportTarget> }).exports;
type ExportTarget = string | { [condition: string]: ExportTarget };

/** The `skitter-source` file of an export for `runtime` (the `node` branch first in Node). */
function sourceFile(target: ExportTarget, runtime: 'node' | 'web'): string | undefined {
  if (typeof target === 'string') return undefined;
  const node = runtime === 'node' && target.node !== undefined ? sourceFile(target.node, runtime) : undefined;
  const source = target['skitter-source'];
  return node ?? (typeof source === 'string' ? source : undefined);
}

/**
 * `skitter` and its subpaths resolved to the sources as package.json's export conditions do for
 * `runtime` (its `skitter-source` targets): `skitter` is that runtime's entry, `skitter/worker` its runInWorker.
 */
function skitterAliases(runtime: 'node' | 'web'): Alias[] {
  return Object.entries(packageExports).flatMap(([subpath, target]) => {
    const file = sourceFile(target, runtime);
    if (file === undefined) return [];
    const name = subpath === '.' ? 'skitter' : `skitter/${subpath.slice(2)}`;
    return [{ find: new RegExp(`^${name.replace(/[/.]/g, '\\$&')}$`), replacement: fileURLToPath(new URL(file, import.meta.url)) }];
  });
}

/** Every dependency the sources import in browsers. */
const BROWSER_DEPENDENCIES = [
  'css-select', 'csv-parse/browser/esm/sync', 'csv-stringify/browser/esm/sync', 'dom-serializer', 'domhandler', 'domutils', 'htmlparser2', 'idb', 'idb-keyval',
  'ky', 'linkedom/worker', 'robots-parser', 'tough-cookie', 'xpath',
];

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/**
 * `vite build` builds the browser bundles (`dist/web.js`, `dist/mv3.js`, `dist/index.js`,
 * `dist/worker.js`, with their dependencies bundled and no Node built-ins); `vite build --mode node`
 * builds `dist/node.js` and `dist/worker.node.js` (dependencies and Node built-ins left as
 * imports, worker entries beside them). test/build/exports.test.ts runs both into a temporary folder
 * to check the bundles; the package itself is built by `npm run build` (scripts/build.ts). The
 * tests run from the sources.
 */
export default defineConfig(({ mode }) => {
  const nodeBuild = mode === 'node';
  return {
    resolve: { alias: nodeBuild ? [] : webDependencyAliases },
    // Thread and crawl workers are started with `{ type: 'module' }`.
    worker: { format: 'es' as const },
    build: nodeBuild
      ? {
        outDir: 'dist',
        emptyOutDir: false,
        ssr: true,
        target: 'node22',
        minify: false,
        sourcemap: true,
        rollupOptions: {
          input: {
            node: src('node.ts'),
            'node-thread-entry': src('platform/node-thread-entry.ts'),
            'worker.node': src('worker/run-in-worker.node.ts'),
            'crawl-worker-entry.node': src('worker/crawl-worker-entry.node.ts'),
          },
          // Bare specifiers (dependencies) and Node built-ins stay imports; only skitter's own files are bundled.
          external: (id: string) => nodeBuiltins.has(id) || /^[a-z@][^:]*$/.test(id),
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
        },
      }
      : {
        outDir: 'dist',
        emptyOutDir: true,
        target: 'es2023',
        minify: true,
        sourcemap: true,
        lib: {
          entry: { index: src('index.ts'), web: src('web.ts'), mv3: src('mv3.ts'), worker: src('worker/run-in-worker.ts') },
          formats: ['es'],
          fileName: (_format: string, name: string) => `${name}.js`,
        },
        rollupOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
      },
    test: {
      projects: [
        {
          // One vitest project per runtime (Hono's layout): logic is tested once in Node.
          resolve: { alias: skitterAliases('node') },
          test: {
            name: 'node',
            environment: 'node',
            include: ['test/**/*.test.ts'],
            exclude: ['test/**/*.browser.test.ts', 'test/package/**', 'node_modules/**'],
            setupFiles: ['test/setup/loopback-only.ts'],
            testTimeout: 30_000,
            hookTimeout: 30_000,
          },
        },
        {
          // The packed package, installed in a consumer project outside the repository (no aliases).
          test: {
            name: 'package',
            environment: 'node',
            include: ['test/package/**/*.test.ts'],
            globalSetup: ['test/package/global-setup.ts'],
            setupFiles: ['test/setup/loopback-only.ts'],
            // Whole tool runs (tsc, vite build, a crawl through the CLI) on a shared 2-core machine.
            testTimeout: 300_000,
            hookTimeout: 300_000,
          },
        },
        {
          // Real Chromium: the runtime-specific smoke tests and the conformance suite.
          resolve: { alias: [...skitterAliases('web'), ...webDependencyAliases] },
          // Pre-bundled up front: discovering a dependency mid-run makes vite reload the page.
          optimizeDeps: { include: BROWSER_DEPENDENCIES },
          test: {
            name: 'browser',
            include: ['test/**/*.browser.test.ts'],
            globalSetup: ['test/browser/global-setup.ts'],
            testTimeout: 30_000,
            hookTimeout: 30_000,
            browser: {
              enabled: true,
              headless: true,
              provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] } }),
              instances: [{ browser: 'chromium' }],
              screenshotFailures: false,
            },
          },
        },
      ],
    },
  };
});
