import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, type Alias } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/** Chromium used by the browser project; CI and the README install Debian's `chromium`. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags that keep headless Chromium quiet on a sandboxed CI machine: without the background
 * networking ones it keeps trying to reach the internet.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/**
 * Aliases shared by every browser-side build: linkedom's worker build (no `canvas` / Node shims)
 * and the one CSSOM file that exports `parse` (linkedom 0.18.14's own import fails to bundle).
 */
const webDependencyAliases: Alias[] = [
  { find: /^linkedom$/, replacement: 'linkedom/worker' },
  { find: /^@acemir\/cssom$/, replacement: fileURLToPath(new URL('./node_modules/@acemir/cssom/lib/index.js', import.meta.url)) },
];

/** `skitter` and its subpaths, resolved to the sources, with `skitter` itself meaning `entry`. */
function skitterAliases(entry: string): Alias[] {
  return [
    { find: /^skitter$/, replacement: src(entry) },
    { find: /^skitter\/(node|web|mv3)$/, replacement: `${root}src/$1.ts` },
  ];
}

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/**
 * `vite build` builds the browser bundles (`dist/web.js`, `dist/mv3.js`, `dist/index.js`, with
 * their dependencies bundled and no Node built-ins); `vite build --mode node` builds `dist/node.js`
 * (dependencies and Node built-ins left as imports). `npm run build` runs both.
 */
export default defineConfig(({ mode }) => {
  const nodeBuild = mode === 'node';
  return {
    resolve: { alias: nodeBuild ? [] : webDependencyAliases },
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
          entry: { index: src('index.ts'), web: src('web.ts'), mv3: src('mv3.ts') },
          formats: ['es'],
          fileName: (_format: string, name: string) => `${name}.js`,
        },
        rollupOptions: { output: { chunkFileNames: '[name]-[hash].js' } },
      },
    test: {
      projects: [
        {
          // One vitest project per runtime (Hono's layout): logic is tested once in Node.
          resolve: { alias: skitterAliases('node.ts') },
          test: {
            name: 'node',
            environment: 'node',
            include: ['test/**/*.test.ts'],
            exclude: ['test/**/*.browser.test.ts', 'node_modules/**'],
            testTimeout: 30_000,
            hookTimeout: 30_000,
          },
        },
        {
          // Real Chromium: the runtime-specific smoke tests and the conformance suite.
          resolve: { alias: [...skitterAliases('web.ts'), ...webDependencyAliases] },
          test: {
            name: 'browser',
            include: ['test/**/*.browser.test.ts'],
            globalSetup: ['test/browser/global-setup.ts'],
            testTimeout: 30_000,
            hookTimeout: 30_000,
            browser: {
              enabled: true,
              headless: true,
              provider: playwright({ launchOptions: { executablePath: chromiumPath, args: CHROMIUM_ARGS } }),
              instances: [{ browser: 'chromium' }],
              screenshotFailures: false,
            },
          },
        },
      ],
    },
  };
});
