/**
 * Finds spiders in files and folders, as Scrapy's `runspider` (one file) and SpiderLoader
 * (SPIDER_MODULES, by name). A spider is an exported subclass of `Spider` whose instances have a
 * `name`; both default and named exports count.
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isSpiderClass, Spider, type SpiderClass } from '../spiders/spider.ts';
import { checkSyntax, locationInFrame } from './source-location.ts';
import { SpiderSourceError } from './spider-source-error.ts';
import { UsageError } from './usage-error.ts';

/** Files that may hold spiders. */
export const SPIDER_FILE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

/** A spider class found in a module. */
export interface FoundSpider {
  /** The spider's `name` (`undefined` when its constructor threw while it was read). */
  name: string | undefined;
  spiderClass: SpiderClass;
  /** The file it was exported from. */
  file: string;
}

/**
 * Imports a spider module (TypeScript runs through Node's type stripping).
 * @throws {UsageError} when the file does not exist or is not a .ts/.mts/.js/.mjs file.
 * @throws {SpiderSourceError} `FILE:LINE:COL: <cause>` and a hint, for a syntax error, TypeScript
 * that type stripping cannot erase, or an import of a name the module does not export.
 * @throws {Error} `Unable to load FILE: <cause>` when running the module fails (a throwing top level).
 */
export async function importSpiderModule(path: string): Promise<Record<string, unknown>> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`File not found: ${path}`);
  if (!SPIDER_FILE_EXTENSIONS.includes(extname(path))) {
    throw new UsageError(`Unable to load ${JSON.stringify(path)}: spider files must end in ${SPIDER_FILE_EXTENSIONS.join(', ')}`);
  }
  try {
    return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw sourceError(path, error) ?? new Error(`Unable to load ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Node's codes for TypeScript that type stripping cannot parse or cannot erase. */
const INVALID_TS = 'ERR_INVALID_TYPESCRIPT_SYNTAX';
const UNSUPPORTED_TS = 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX';
const STRIPPING = "Node runs .ts files by stripping types, which supports only erasable TypeScript syntax";

/**
 * A {@link SpiderSourceError} (`FILE:LINE:COL: message` and a hint) for a syntax, type-stripping or
 * missing-export error while importing `path`; undefined for other failures (a throwing top
 * level keeps its stack).
 */
function sourceError(path: string, error: unknown): SpiderSourceError | undefined {
  if (!(error instanceof Error) || error.name !== 'SyntaxError') return undefined;
  const code = (error as { code?: unknown }).code;
  const message = error.message;
  const location = locationInFrame(error.stack ?? '') ?? (code === undefined ? checkSyntax(path) : undefined) ?? { file: path, line: 1, column: 1 };
  let hint = 'fix the syntax at that line and column.';
  const missing = /^The requested module '([^']+)' does not provide an export named '([^']+)'$/.exec(message);
  if (missing) {
    const [, from, name] = missing;
    hint = `if ${name} is a type or interface, import it with \`import type { ${name} } from '${from}'\` (Node's type stripping removes only imports marked \`type\`); otherwise check what '${from}' exports.`;
  } else if (code === UNSUPPORTED_TS && /\benum\b/.test(message)) {
    hint = `${STRIPPING}: replace the enum with a const object (\`const Color = { Red: 'red' } as const\`).`;
  } else if (code === UNSUPPORTED_TS && /parameter propert/.test(message)) {
    hint = `${STRIPPING}: declare the field and assign it in the constructor body.`;
  } else if (code === UNSUPPORTED_TS) {
    hint = `${STRIPPING} (no enum, namespace with code, or parameter properties): rewrite that construct in plain TypeScript.`;
  } else if (code === INVALID_TS) {
    hint = 'fix the TypeScript syntax at that line and column.';
  }
  return new SpiderSourceError(`${location.file}:${location.line}:${location.column}: ${message}\nhint: ${hint}`, { cause: error });
}

/** True for a class extending Spider (Spider itself excluded), from any copy of skitter. */
function isSpiderSubclass(value: unknown): value is SpiderClass {
  return isSpiderClass(value) && value !== Spider;
}

/**
 * The `name` a spider class gives its instances: spider names are instance fields, so a throwaway
 * instance is made. Undefined when the constructor throws (the crawl will report that error).
 */
export function spiderNameOf(spiderClass: SpiderClass): string | undefined {
  try {
    return new spiderClass().name;
  } catch {
    return undefined;
  }
}

/**
 * The spiders a module exports, each class once, in export order. Classes whose instances have
 * an empty `name` are base classes, not spiders, and are left out.
 */
export function spidersInModule(module: Record<string, unknown>, file: string): FoundSpider[] {
  const seen = new Set<unknown>();
  const found: FoundSpider[] = [];
  for (const value of Object.values(module)) {
    if (!isSpiderSubclass(value) || seen.has(value)) continue;
    seen.add(value);
    const name = spiderNameOf(value);
    if (name !== '') found.push({ name, spiderClass: value, file });
  }
  return found;
}

/**
 * The one spider of a file, for `runspider`.
 * @throws {UsageError} `No spider found in FILE`, or when the file exports several spiders (names listed).
 */
export async function loadSpiderFromFile(path: string): Promise<SpiderClass> {
  const spiders = spidersInModule(await importSpiderModule(path), path);
  if (spiders.length === 0) throw new UsageError(`No spider found in ${path}`);
  if (spiders.length > 1) {
    const names = spiders.map((s) => s.name ?? s.spiderClass.name).join(', ');
    throw new UsageError(`${path} exports ${spiders.length} spiders (${names}); runspider needs exactly one, use "skitter crawl NAME" with --spiders to pick one`);
  }
  return spiders[0]!.spiderClass;
}

/** Folders never searched: dependencies and build output (bundles embed skitter's own classes). */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build']);

/** Test and declaration files are never spiders. */
const NOT_SPIDER_FILE = /\.d\.[mc]?ts$|\.(test|spec)\.[mc]?[jt]s$/;

/**
 * Files under `dir` (recursively, sorted) that may define spiders: the spider file extensions,
 * minus tests and declaration files, minus files without a `class ... extends` in their source.
 * Importing runs a module's top level, so modules that cannot hold a spider (helpers, a service
 * worker next to the spiders) are not imported at all. Dot folders, node_modules, dist and build
 * are skipped.
 */
export function spiderFilesIn(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) files.push(...spiderFilesIn(path));
    } else if (SPIDER_FILE_EXTENSIONS.includes(extname(entry.name)) && !NOT_SPIDER_FILE.test(entry.name) && /\bclass\b[^{]*\bextends\b/.test(readFileSync(path, 'utf8'))) {
      files.push(path);
    }
  }
  return files;
}

/** What {@link findSpiders} returns. */
export interface SpiderIndex {
  /** Spiders by name. */
  spiders: Map<string, FoundSpider>;
  /** Problems met (files that failed to import, duplicate names): reported as warnings. */
  warnings: string[];
}

/**
 * Imports every spider file under `dirs` (relative to `cwd`) and indexes spiders by name. A file
 * that fails to import is a warning, not an error, so one broken file does not hide the others;
 * for a duplicate name the first file wins, as in Scrapy (with a warning).
 * @throws {UsageError} when one of `dirs` does not exist.
 */
export async function findSpiders(dirs: readonly string[], cwd: string): Promise<SpiderIndex> {
  const spiders = new Map<string, FoundSpider>();
  const warnings: string[] = [];
  for (const dir of dirs) {
    const abs = resolve(cwd, dir);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UsageError(`spider folder not found: ${dir}`);
    for (const file of spiderFilesIn(abs)) {
      let module: Record<string, unknown>;
      try {
        module = await importSpiderModule(file);
      } catch (error) {
        warnings.push(error instanceof Error ? error.message : String(error));
        continue;
      }
      for (const found of spidersInModule(module, file)) {
        if (found.name === undefined) {
          warnings.push(`${relative(cwd, file)}: the constructor of ${found.spiderClass.name} throws; cannot read its name`);
        } else if (spiders.has(found.name)) {
          warnings.push(`There are several spiders with the same name ${JSON.stringify(found.name)}: ${relative(cwd, spiders.get(found.name)!.file)} and ${relative(cwd, file)}; using the first`);
        } else {
          spiders.set(found.name, found);
        }
      }
    }
  }
  return { spiders, warnings };
}

/** Folders `crawl` and `list` search by default, when they exist. */
export const DEFAULT_SPIDER_DIRS = ['spiders', 'examples'];

/**
 * The folders to search: `--spiders` values, else the SPIDER_MODULES setting, else the default
 * folders that exist under `cwd`.
 * @throws {UsageError} when nothing is given and no default folder exists.
 */
export function spiderDirs(fromOption: readonly string[], fromSettings: readonly string[], cwd: string): string[] {
  if (fromOption.length > 0) return [...fromOption];
  if (fromSettings.length > 0) return [...fromSettings];
  const existing = DEFAULT_SPIDER_DIRS.filter((d) => existsSync(join(cwd, d)));
  if (existing.length === 0) {
    throw new UsageError(`no spider folder: create ./${DEFAULT_SPIDER_DIRS[0]} (or ./${DEFAULT_SPIDER_DIRS[1]}), pass --spiders DIR or set -s SPIDER_MODULES=DIR`);
  }
  return existing;
}
