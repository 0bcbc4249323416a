/**
 * Builds the starter extension into `dist/`: `manifest.json`, `popup.html` + `popup.js`, and the
 * module service worker `service-worker.js`, sharing chunks under `chunks/` (static imports only:
 * MV3 service workers cannot load code at run time, so nothing is split with dynamic `import()`).
 *
 *   npx vite build --config vite.config.ts     (in the skitter repository: npm run build:extension)
 *
 * then load `dist/` as an unpacked extension (chrome://extensions, Developer mode, Load unpacked).
 *
 * Self-contained: copied into a project that depends on the `skitter` package, `skitter/mv3`
 * resolves from node_modules. Inside the skitter repository it resolves to the sources.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Alias } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** `skitter/*` -> the repository's sources, only when this folder is the repository's example. */
function repositoryAliases(): Alias[] {
  const repoPackage = here('../../package.json');
  if (!existsSync(repoPackage) || !existsSync(here('../../src/mv3.ts'))) return [];
  if ((JSON.parse(readFileSync(repoPackage, 'utf8')) as { name?: string }).name !== 'skitter') return [];
  return [{ find: /^skitter\/(mv3|web)$/, replacement: here('../../src/$1.ts') }];
}

export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  resolve: { alias: repositoryAliases() },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2023',
    minify: false,
    // Extension pages forbid inline scripts; the preload polyfill is not needed in Chrome.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { popup: here('popup.html'), 'service-worker': here('src/service-worker.ts') },
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
    },
  },
  plugins: [{
    name: 'skitter-starter-manifest',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: readFileSync(here('manifest.json'), 'utf8') });
    },
  }],
});
