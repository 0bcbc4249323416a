/**
 * Makes `import ... from 'skitter'` work in spider files anywhere on disk (a temp folder, a
 * project without skitter in node_modules): a synchronous module resolve hook resolves `skitter`
 * and `skitter/*` as this package's self-reference (its package.json "exports", `node` condition).
 * Because they resolve to the very files the CLI itself imports, a user's `Spider` and `Request`
 * are the CLI's classes, even when the project has its own copy. Run from the repository's
 * sources (`.ts`), the `skitter-source` export condition is added so they resolve to `src/`, as
 * the CLI's own imports do; run from the build, to `dist/`.
 * @module
 */
import { registerHooks } from 'node:module';


/** The export condition naming the TypeScript sources in package.json (the repository's own runs). */
export const SOURCE_CONDITION = 'skitter-source';

/** True when this module runs from the sources rather than the build. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

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
      if (!isSkitterSpecifier(specifier)) return nextResolve(specifier, context);
      // Resolved as a self-reference from this package, so its "exports" map and conditions apply.
      const conditions = FROM_SOURCES ? [...context.conditions, SOURCE_CONDITION] : context.conditions;
      return nextResolve(specifier, { ...context, conditions, parentURL: import.meta.url });
    },
  });
}
