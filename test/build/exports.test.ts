/**
 * The package's export map and its builds: every `exports` target exists, `skitter` resolves to
 * the Node entry in Node, the browser bundles (`dist/web.js`, `dist/mv3.js`, `dist/index.js` and
 * their chunks) import no Node built-in, and the Node bundle loads and installs the Node platform.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

type ExportTarget = string | { [condition: string]: ExportTarget };

function targets(target: ExportTarget): string[] {
  return typeof target === 'string' ? [target] : Object.values(target).flatMap(targets);
}

const builtins = builtinModules.filter((name) => !name.startsWith('_')).map((name) => name.replace(/[/]/g, '\\/'));
/** A static or dynamic import, or a require, of a Node built-in (`node:x` or a bare built-in name). */
const NODE_BUILTIN_IMPORT = new RegExp(
  `(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*|\\brequire\\s*\\(\\s*)["'](?:node:[\\w/]+|(?:${builtins.join('|')})(?:/[\\w/]+)?)["']`,
);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.js')).map((e) => join(e.parentPath, e.name));
}

describe('package.json exports', () => {
  it('maps every condition and subpath to an existing file', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { exports: Record<string, ExportTarget> };
    expect(Object.keys(pkg.exports)).toEqual(['.', './node', './web', './mv3', './worker', './redis', './package.json']);
    expect(pkg.exports['.']).toEqual({
      node: { 'skitter-source': './src/node.ts', types: './dist/src/node.d.ts', default: './dist/src/node.js' },
      'skitter-source': './src/web.ts',
      types: './dist/src/web.d.ts',
      default: './dist/src/web.js',
    });
    // The built targets are checked by `npm run build` itself and by test/package/; the sources here.
    const sources = Object.values(pkg.exports).flatMap(targets).filter((file) => !file.startsWith('./dist/'));
    for (const file of sources) expect(existsSync(join(root, file)), file).toBe(true);
  });

  it('resolves `skitter` to the Node entry\'s sources under the skitter-source condition, without a build step', async () => {
    const script = "const m = await import('skitter'); const w = await import('skitter/worker');"
      + " console.log(import.meta.resolve('skitter'), m.installedPlatform().name, typeof w.runInWorker);";
    const { stdout } = await run(process.execPath, ['--conditions=skitter-source', '--input-type=module', '-e', script], { cwd: root });
    expect(stdout.trim()).toBe(`${pathToFileURL(join(root, 'src/node.ts')).href} node function`);
  });
});

describe('the library build', () => {
  let outDir: string;

  beforeAll(async () => {
    // Inside the repository so the Node bundle's bare imports resolve from node_modules.
    outDir = await mkdtemp(join(root, 'node_modules', '.skitter-build-test-'));
    const configFile = join(root, 'vite.config.ts');
    await build({ configFile, logLevel: 'warn', build: { outDir: join(outDir, 'web') } });
    await build({ configFile, logLevel: 'warn', mode: 'node', build: { outDir: join(outDir, 'node') } });
  }, 120_000);

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('emits the web, mv3 and neutral entries with no Node built-in anywhere in their files', async () => {
    const files = await filesUnder(join(outDir, 'web'));
    const names = files.map((file) => file.slice(join(outDir, 'web').length + 1));
    expect(names).toEqual(expect.arrayContaining(['web.js', 'mv3.js', 'index.js']));
    for (const file of files) expect(await readFile(file, 'utf8'), file).not.toMatch(NODE_BUILTIN_IMPORT);
    // The guard itself catches what it must.
    expect('import { readFile } from "node:fs/promises"').toMatch(NODE_BUILTIN_IMPORT);
    expect('const p = require("path")').toMatch(NODE_BUILTIN_IMPORT);
  });

  it('emits a Node bundle that keeps dependencies and built-ins as imports, and loads', async () => {
    const dir = join(outDir, 'node');
    for (const name of ['node.js', 'node-thread-entry.js', 'crawl-worker-entry.node.js']) expect(existsSync(join(dir, name)), name).toBe(true);
    const code = (await Promise.all((await filesUnder(dir)).map((file) => readFile(file, 'utf8')))).join('\n');
    expect(code).toMatch(/from "node:worker_threads"/);
    expect(code).toMatch(/from "ky"/);
    const script = `const m = await import(${JSON.stringify(pathToFileURL(join(dir, 'node.js')).href)});`
      + ' console.log(m.installedPlatform().name, typeof m.Crawler, typeof m.NodeLoopAdapter);';
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
    expect(stdout.trim()).toBe('node function function');
  });
});
