// `npm run docs`: the API reference, generated from the TSDoc comments into docs/api/ (not committed).
// Its entry points are package.json's exports (their `skitter-source` files): a new subpath there
// is documented with no change here.
import { readFileSync } from 'node:fs';

const { exports } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** Every `skitter-source` file of an export target, over all conditions. */
function sources(target) {
  if (typeof target !== 'object' || target === null) return [];
  return Object.entries(target).flatMap(([condition, value]) => (condition === 'skitter-source' && typeof value === 'string' ? [value] : sources(value)));
}

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'skitter',
  entryPoints: [...new Set(Object.values(exports).flatMap(sources))],
  tsconfig: './tsconfig.build.json',
  out: 'docs/api',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  sort: ['source-order'],
  validation: { notExported: false, invalidLink: false },
  logLevel: 'Warn',
};
