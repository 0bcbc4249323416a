/**
 * Builds the MV3 test harness extension (the conformance spiders in a service worker; the starter
 * an author copies is `examples/extension/`): `manifest.json` and one ES module,
 * `service-worker.js`, with every dependency bundled and no dynamic `import()` (MV3 service
 * workers cannot load code at run time). `skitter` resolves to the MV3 entry.
 * `test/extension/mv3-extension.test.ts` builds it into a temporary folder.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  logLevel: 'warn',
  resolve: {
    alias: [
      { find: /^skitter(\/mv3)?$/, replacement: here('../../../src/mv3.ts') },
      // linkedom's worker build and the one CSSOM file that bundles (used only if linkedom is in the graph).
      { find: /^linkedom$/, replacement: 'linkedom/worker' },
      { find: /^@acemir\/cssom$/, replacement: here('../../../node_modules/@acemir/cssom/lib/index.js') },
    ],
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2023',
    minify: false,
    lib: { entry: here('service-worker.ts'), formats: ['es'], fileName: () => 'service-worker.js' },
    rollupOptions: { output: { codeSplitting: false } },
  },
  plugins: [{
    name: 'skitter-example-manifest',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: readFileSync(here('manifest.json'), 'utf8') });
    },
  }],
});
