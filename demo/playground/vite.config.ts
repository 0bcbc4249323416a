/**
 * Builds the in-page playground (`demo/playground/`) into one static folder, `demo/playground/dist`:
 * `index.html`, hashed assets (the page, its CodeMirror editor and sucrase, the crawl worker) and
 * `sw.js`, the Service Worker that serves the demo shop inside the page's origin. Every URL in it is
 * relative, so the folder works from any static host, at any path.
 *
 *   npm run playground          # vite dev server on http://127.0.0.1:5173
 *   npm run build:playground    # the static folder (`npm run build` runs it too)
 *   npx skitter playground      # serves the built folder on 127.0.0.1
 *
 * This file is separate from the package's root vite.config.ts on purpose: the playground is an
 * app, not a library bundle.
 */
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** The page registers `./sw.js`; in dev it is the TypeScript source, served as a module worker. */
const SERVICE_WORKER_SOURCE = here('src/shop/service-worker.ts');

/**
 * The same two aliases as the package's browser builds: linkedom's worker build and the one CSSOM
 * file that bundles (linkedom is in the graph through `skitter/web`).
 */
const aliases = [
  { find: /^skitter(\/web)?$/, replacement: here('../../src/web.ts') },
  { find: /^linkedom$/, replacement: 'linkedom/worker' },
  { find: /^@acemir\/cssom$/, replacement: here('../../node_modules/@acemir/cssom/lib/index.js') },
];

/**
 * `sw.js` at the root of the output: a Service Worker only controls pages at or below its own
 * path, so it cannot live in `assets/`. Built as a classic script (module Service Workers are not
 * supported everywhere) after the page; in dev, `/sw.js` is answered with the module source.
 */
function serviceWorker(): Plugin {
  let outDir = '';
  return {
    name: 'skitter-playground-service-worker',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        if (request.url?.split('?')[0] === '/sw.js') request.url = '/src/shop/service-worker.ts';
        next();
      });
    },
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          outDir,
          emptyOutDir: false,
          target: 'es2022',
          minify: true,
          copyPublicDir: false,
          lib: { entry: SERVICE_WORKER_SOURCE, formats: ['iife'], name: 'skitterDemoShop', fileName: () => 'sw.js' },
        },
      });
    },
  };
}

export default defineConfig(({ command }) => ({
  root: here('.'),
  base: './',
  // The dev server prints its URL; builds stay quiet.
  logLevel: command === 'serve' ? 'info' : 'warn',
  resolve: { alias: aliases },
  define: { __PLAYGROUND_SW_TYPE__: JSON.stringify(command === 'serve' ? 'module' : 'classic') },
  worker: { format: 'es' as const },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [here('../..')] } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2023',
    // No source maps: the folder ships in the npm package; the sources are in the repository.
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  plugins: [serviceWorker()],
}));
