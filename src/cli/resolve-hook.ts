/**
 * Makes `import ... from 'skitter'` work in spider files anywhere on disk (a temp folder, a
 * project without skitter in node_modules): a synchronous module resolve hook resolves `skitter`
 * and `skitter/*` as this package's self-reference (its package.json "exports", `node` condition).
 * Because they resolve to the very files the CLI itself imports, a user's `Spider` and `Request`
 * are the CLI's classes (instanceof checks hold), even when the project has its own copy.
 * @module
 */
import { registerHooks } from 'node:module';

/** This package's package.json: resolving from it is resolving as the package itself (a self-reference). */
const PACKAGE_JSON_URL = new URL('../../package.json', import.meta.url).href;

/** True for `skitter` and `skitter/<subpath>`. */
export function isSkitterSpecifier(specifier: string): boolean {
  return specifier === 'skitter' || specifier.startsWith('skitter/');
}

let registered = false;

/**
 * Registers the resolve hook once per process (later calls do nothing). Other specifiers resolve
 * as usual; a subpath the exports map lacks fails with Node's own ERR_PACKAGE_PATH_NOT_EXPORTED.
 */
export function registerSkitterResolveHook(): void {
  if (registered) return;
  registered = true;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      // Resolved as a self-reference from this package, so its "exports" map and conditions apply.
      if (isSkitterSpecifier(specifier)) return nextResolve(specifier, { ...context, parentURL: PACKAGE_JSON_URL });
      return nextResolve(specifier, context);
    },
  });
}
