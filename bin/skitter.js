#!/usr/bin/env node
// The `skitter` command. Plain JavaScript so that it can check the Node version before any
// TypeScript is loaded: the CLI runs the sources directly through Node's type stripping.
const [major, minor] = process.versions.node.split('.').map(Number);
// Unflagged type stripping: 22.18+ / 23.6+; module.registerHooks: 22.15+ / 23.5+.
const supported = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
if (!supported) {
  process.stderr.write(
    `skitter: error: Node ${process.versions.node} is too old; skitter needs Node >= 22.18 (Node 24 recommended) ` +
      'to run TypeScript without a build step.\n' +
      'Fix: install a newer Node, or add one to the project with `npm i -D node@24` and run `npx skitter ...` ' +
      '(npx and npm scripts put node_modules/.bin/node first on PATH).\n',
  );
  process.exit(1);
}
// Cache the stripped and compiled sources between runs (~0.9 s and ~25 MB less at each start).
// Best effort: a read-only cache directory only costs the speed-up.
const { enableCompileCache } = await import('node:module');
try {
  enableCompileCache?.();
} catch {
  // not available or not writable: run without it
}
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
// Let stdout drain (a piped fetch body may still be queued) before exiting: lingering keep-alive
// sockets must not hold the process open once the command is done.
process.stdout.write('', () => process.exit(code));
