/**
 * Global setup of the package project: packs skitter once per run (`npm pack`, whose `prepack`
 * builds dist/) and installs the tarball, with the tools a user would add (Node 22 through the
 * `node` package, TypeScript, Vite, @types/node), into one fresh consumer project outside the
 * repository: a copy of test/package/consumer/. The test files share that install
 * (`inject('skitterPackage')`); it is removed at the end.
 * @module
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

/** What the package tests get. */
export interface SkitterPackage {
  /** The packed tarball. */
  tarball: string;
  /** The consumer project with the tarball installed. */
  consumer: string;
  /** The Node 22 binary installed in the consumer (`npx` puts it first on PATH there). */
  node22: string;
  tarballBytes: number;
  /** Bytes on disk of skitter and its dependencies in the consumer's node_modules. */
  installedBytes: number;
}

declare module 'vitest' {
  interface ProvidedContext {
    skitterPackage: SkitterPackage;
  }
}

/** The environment for npm in the consumer: none of the outer `npm test`'s npm_* variables (its prefix would win). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  return { ...env, NO_COLOR: '1', ...extra };
}

function bytesUnder(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0);
}

export default async function setup(project: TestProject): Promise<() => void> {
  const work = mkdtempSync(join(tmpdir(), 'skitter-package-'));
  const env = cleanEnv();
  const npm = (args: string[], cwd: string) => run('npm', args, { cwd, env, maxBuffer: 64 << 20 });
  const install = ['install', '--no-audit', '--no-fund', '--prefer-offline'];

  const consumer = join(work, 'consumer');
  cpSync(fileURLToPath(new URL('./consumer/', import.meta.url)), consumer, { recursive: true });
  const dev = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;
  writeFileSync(join(consumer, 'package.json'), `${JSON.stringify({
    name: 'skitter-consumer',
    private: true,
    type: 'module',
    // The same tool versions as the repository (npm's cache has them), and Node 22.
    devDependencies: { node: '22', typescript: dev.typescript, vite: dev.vite, '@types/node': dev['@types/node'] },
  }, null, 2)}\n`);
  // The user's tools install while the package is packed (and built); then the tarball goes in.
  const started = performance.now();
  await Promise.all([npm(['pack', '--pack-destination', work], root), npm(install, consumer)]);
  const packed = performance.now();
  const tarball = join(work, readdirSync(work).find((name) => name.endsWith('.tgz'))!);
  await npm([...install, tarball], consumer);
  const seconds = (ms: number) => (ms / 1000).toFixed(0);
  console.info(`skitter package setup: pack + the consumer's tools ${seconds(packed - started)} s, the tarball's install ${seconds(performance.now() - packed)} s`);
  // What `npm i skitter` installs: the packages of the lock file that are not dev-only.
  const lock = JSON.parse(readFileSync(join(consumer, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const installedBytes = Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev !== true)
    .reduce((sum, [path]) => sum + bytesUnder(join(consumer, path)), 0);

  project.provide('skitterPackage', {
    tarball,
    consumer,
    node22: join(consumer, 'node_modules', 'node', 'bin', 'node'),
    tarballBytes: statSync(tarball).size,
    installedBytes,
  });
  return () => rmSync(work, { recursive: true, force: true });
}
