#!/usr/bin/env node
// The `skitter` command. Plain JavaScript so that it can check the Node version before anything
// else is loaded. Installed (under node_modules) it runs the build in dist/; in the repository
// checkout it runs the sources through Node's type stripping, so the tests need no build.
import { existsSync } from 'node:fs';
import { CRAWL_COMMANDS, crawlEnv } from './crawl-defaults.js';

const [major, minor] = process.versions.node.split('.').map(Number);
// Unflagged type stripping (a user's .ts spider, the repository's sources): 22.18+ / 23.6+;
// module.registerHooks (the CLI's `skitter` resolver): 22.15+.
const supported = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
if (!supported) {
  process.stderr.write(
    `skitter: error: Node ${process.versions.node} is too old; skitter needs Node >= 22.18 (Node 24 recommended), ` +
      'which runs TypeScript spiders without a build step.\n' +
      'Fix: install a newer Node, or add one to the project with `npm i -D node@24` and run `npx skitter ...` ' +
      '(npx and npm scripts put node_modules/.bin/node first on PATH).\n',
  );
  process.exit(1);
}
// Crawls run with the node flags and environment of crawl-defaults.js (a smaller young generation,
// fewer malloc arenas: about half the peak RSS). Heap sizes and malloc settings only take effect
// when a process starts, so the command restarts itself in place with them (process.execve: same
// process id, same stdio; Node >= 22.15 / 23.11, not on Windows, where crawls run without them);
// the flags go into NODE_OPTIONS, so node processes the crawl starts get them too.
// SKITTER_NODE_FLAGS=0 turns this off.
if (CRAWL_COMMANDS.has(process.argv[2] ?? '') && typeof process.execve === 'function' && process.env.SKITTER_NODE_FLAGS !== '0') {
  const env = crawlEnv(process.env, process.execArgv);
  if (env !== null) process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], env);
}
// Cache the compiled modules between runs (faster starts). Best effort: a read-only cache
// directory only costs the speed-up.
const { enableCompileCache } = await import('node:module');
try {
  enableCompileCache?.();
} catch {
  // not available or not writable: run without it
}
const sources = new URL('../src/cli/main.ts', import.meta.url);
const fromSources = existsSync(sources) && !import.meta.url.includes('/node_modules/');
const { main } = await import(fromSources ? sources.href : '../dist/src/cli/main.js');
const code = await main(process.argv.slice(2));
// Let stdout drain (a piped fetch body may still be queued) before exiting: lingering keep-alive
// sockets must not hold the process open once the command is done.
process.stdout.write('', () => process.exit(code));
