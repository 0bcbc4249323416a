/**
 * Turns the editor's TypeScript into a module the crawl worker can import. Transpiled with
 * sucrase: it is plain JavaScript of a few hundred kB (esbuild-wasm needs a WebAssembly binary of
 * several MB, TypeScript's `transpileModule` the whole compiler), transpiles a spider in about a
 * millisecond, and keeps every statement on its source line, so a stack trace's line
 * number is the editor's line without a source map. Its `imports` transform turns `import ...
 * from 'skitter'` into `require('skitter')`, which the worker answers with its own skitter.
 * @module
 */
import { transform } from 'sucrase';
import { WORKER_GLOBAL } from './protocol.ts';
import { SpiderSyntaxError } from './spider-syntax-error.ts';

export { isSpiderSyntaxError, SpiderSyntaxError } from './spider-syntax-error.ts';

/** sucrase's parser errors carry a 1-based line and column. */
interface SucraseError extends Error {
  loc?: { line: number; column: number };
}

/**
 * The JavaScript module for `source`: the transpiled code inside a function (its own `require`,
 * `exports`, `module`), then `export const spider` (the class to run). The prefix adds no line.
 * @throws {SpiderSyntaxError} when sucrase cannot parse the source.
 */
export function spiderModuleSource(source: string): string {
  let code: string;
  try {
    code = transform(source, { transforms: ['typescript', 'imports'], filePath: 'spider.ts', disableESTransforms: true, production: true }).code;
  } catch (error) {
    const { loc, message } = error as SucraseError;
    if (loc === undefined) throw error;
    // "Error transforming spider.ts: Unexpected token (12:5)" -> "Unexpected token".
    throw new SpiderSyntaxError(message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, ''), loc.line, loc.column);
  }
  const runtime = `globalThis.${WORKER_GLOBAL}`;
  return `const module = { exports: {} }; (function (require, exports, module) {${code}\n}).call(undefined, ${runtime}.require, module.exports, module);\n`
    + `export const spider = ${runtime}.pickSpider(module.exports);\n`;
}

/** A `blob:` URL of the module for `source` (revoke it when the crawl ends). @throws {SpiderSyntaxError} */
export function spiderModuleUrl(source: string): string {
  return URL.createObjectURL(new Blob([spiderModuleSource(source)], { type: 'text/javascript' }));
}

/** Where a `blob:` module's frames appear in a stack trace: `blob:<origin>/<uuid>:LINE:COLUMN`. */
const BLOB_FRAME = /blob:[^\s)]+?:(\d+):(\d+)/g;

/**
 * `stack` with the spider module's frames written as `spider.ts:LINE:COLUMN`, and the first such
 * line (the spider's own line the error came from), if any.
 */
export function mapSpiderStack(stack: string): { stack: string; line: number | undefined } {
  let line: number | undefined;
  const mapped = stack.replace(BLOB_FRAME, (_match, row: string, column: string) => {
    line ??= Number(row);
    return `spider.ts:${row}:${column}`;
  });
  return { stack: mapped, line };
}
