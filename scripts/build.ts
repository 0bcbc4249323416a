/**
 * `npm run build` (and `prepack`): compiles the package into `dist/` for its users.
 *
 * - `tsc -p tsconfig.build.json` emits one ES module per source file (`src/`, the demo site the
 *   CLI serves, the demo spider) with source maps, `.d.ts` declarations and declaration maps,
 *   mirroring the repository layout under `dist/` (`src/node.ts` -> `dist/src/node.js`).
 * - esbuild then rewrites each emitted module with `keepNames` (no bundling, no minifying): class
 *   and function names are set explicitly, so the logs of an app that minifies skitter (a Vite
 *   production build) still say `RetryMiddleware`. Its source maps chain to tsc's, back to `src/`.
 * - Hand-written `.js` + `.d.ts` pairs in `src/` are copied as they are.
 * - `.ts` specifiers tsc leaves alone are rewritten to `.js`: relative imports inside declarations,
 *   and the `new URL('./x.ts', import.meta.url)` worker entries (bundlers need that literal form).
 * - Every `exports` target of package.json must exist afterwards, or the build fails.
 *
 * The entry points are package.json's `exports`: add a subpath there (with its `skitter-source`,
 * `types` and `default` targets) and it is built, type-checked, aliased for the tests and packed.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

/** Relative `.ts` import specifiers in declarations: `from './x.ts'`, `import('./x.ts')`. */
const DECLARATION_TS_SPECIFIER = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g;
/** A worker entry given as `new URL('./entry.ts', import.meta.url)`. */
const WORKER_URL_TS = /(new URL\(\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"]\s*,\s*import\.meta\.url\s*\))/g;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function rewrite(file: string, pattern: RegExp): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(pattern, '$1$2.js$3');
  if (next !== text) writeFileSync(file, next);
}

/** Every file an export target names, over all conditions. */
function exportTargets(target: unknown): string[] {
  if (typeof target === 'string') return [target];
  if (target && typeof target === 'object') return Object.values(target).flatMap(exportTargets);
  return [];
}

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

await Promise.all(filesUnder(dist).filter((file) => file.endsWith('.js')).map(async (file) => {
  const result = await transform(readFileSync(file, 'utf8'), {
    format: 'esm', target: 'es2023', keepNames: true, sourcemap: 'external', sourcefile: basename(file), loader: 'js',
  });
  writeFileSync(`${file}.map`, result.map);
  writeFileSync(file, `${result.code}//# sourceMappingURL=${basename(file)}.map\n`);
}));

for (const file of filesUnder(join(root, 'src'))) {
  if (file.endsWith('.js') || (file.endsWith('.d.ts') && existsSync(file.replace(/\.d\.ts$/, '.js')))) {
    cpSync(file, join(dist, relative(root, file)));
  }
}
for (const file of filesUnder(dist)) {
  if (file.endsWith('.d.ts')) rewrite(file, DECLARATION_TS_SPECIFIER);
  else if (file.endsWith('.js')) rewrite(file, WORKER_URL_TS);
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; bin: Record<string, string> };
const missing = [...exportTargets(pkg.exports), ...Object.values(pkg.bin)].filter((target) => !existsSync(join(root, target)));
if (missing.length > 0) {
  throw new Error(`[skitter] build: package.json names files the build did not produce: ${missing.join(', ')}`);
}
console.log(`skitter: built ${relative(process.cwd(), dist) || 'dist'} (${filesUnder(dist).length} files)`);
