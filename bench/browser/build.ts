/**
 * Builds the browser benchmark's two bundles with the MV3 test harness's vite config
 * (test/extension/harness/vite.config.ts: linkedom's worker build, one ES module with every
 * dependency inlined, the harness `manifest.json` with `host_permissions` for 127.0.0.1), only
 * swapping the entry and the output folder:
 * - `<dir>/web/`: `web-bench.js` (page and dedicated worker, skitter's web entry) and `index.html`;
 * - `<dir>/extension/`: an unpacked MV3 extension whose `service-worker.js` runs skitter's MV3 entry.
 * @module
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const HARNESS_CONFIG = here('../../test/extension/harness/vite.config.ts');

/** Where the built bundles are. */
export interface BrowserBenchBuild {
  /** Static folder with `index.html` and `web-bench.js`. */
  webDir: string;
  /** Unpacked extension folder (`manifest.json`, `service-worker.js`). */
  extensionDir: string;
}

/**
 * Builds both bundles into `dir` (two vite builds, a few seconds). `extension: false` skips the
 * extension; `sourcemap: true` writes `web-bench.js.map` and `service-worker.js.map` (the profiler maps samples back to files).
 */
export async function buildBrowserBench(dir: string, options: { extension?: boolean; sourcemap?: boolean } = {}): Promise<BrowserBenchBuild> {
  const webDir = join(dir, 'web');
  const extensionDir = join(dir, 'extension');
  await build({
    configFile: HARNESS_CONFIG,
    logLevel: 'error',
    build: { outDir: webDir, sourcemap: options.sourcemap ?? false, lib: { entry: here('web-bench.ts'), formats: ['es'], fileName: () => 'web-bench.js' } },
  });
  copyFileSync(here('index.html'), join(webDir, 'index.html'));
  if (options.extension === false) return { webDir, extensionDir };
  await build({
    configFile: HARNESS_CONFIG,
    logLevel: 'error',
    build: { outDir: extensionDir, sourcemap: options.sourcemap ?? false, lib: { entry: here('mv3-service-worker.ts'), formats: ['es'], fileName: () => 'service-worker.js' } },
  });
  return { webDir, extensionDir };
}
