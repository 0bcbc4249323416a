/**
 * Makes `import ... from 'skitter'` work in spider files anywhere on disk (a temp folder, a
 * project without skitter in node_modules): a synchronous module resolve hook maps the package's
 * bare specifiers to this checkout's entry files. Because they map to the very files the CLI
 * itself imports, a user's `Spider` and `Request` are the CLI's classes (instanceof checks hold).
 * @module
 */
import { registerHooks } from 'node:module';

const SRC = new URL('../', import.meta.url);

/** `skitter` and its subpaths -> entry file URLs. `skitter` is the Node entry, as its export condition would pick. */
export const SKITTER_ENTRIES: Readonly<Record<string, string>> = {
  skitter: new URL('node.ts', SRC).href,
  'skitter/node': new URL('node.ts', SRC).href,
  'skitter/web': new URL('web.ts', SRC).href,
  'skitter/mv3': new URL('mv3.ts', SRC).href,
};

let registered = false;

/**
 * Registers the resolve hook once per process (later calls do nothing). Other specifiers resolve
 * as usual; an unknown `skitter/x` subpath fails with Node's own "cannot find" error.
 */
export function registerSkitterResolveHook(): void {
  if (registered) return;
  registered = true;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const url = SKITTER_ENTRIES[specifier];
      if (url !== undefined) return { url, shortCircuit: true };
      return nextResolve(specifier, context);
    },
  });
}
