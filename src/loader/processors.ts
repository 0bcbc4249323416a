/**
 * Item loader processors: Scrapy's `itemloaders.processors` (`TakeFirst`, `MapCompose`, `Join`,
 * `Identity`, `Compose`, `SelectJmes` left out). Each is a factory returning a {@link Processor}, so
 * they read as in Scrapy (`TakeFirst()`, `MapCompose(trim, Number)`), without `new`.
 * @module
 */

/** What a loader hands to processors besides the values: its context (`loaderContext` in Scrapy). */
export type LoaderContext = Record<string, unknown>;

/**
 * A processor: takes the values collected for a field (always an array) or one value, and the
 * loader's context, and returns the processed value(s).
 */
export type Processor = (values: unknown, context: LoaderContext) => unknown;

/**
 * A function used inside `MapCompose` / `Compose`. It is called with the value only, unless it was
 * wrapped with {@link withLoaderContext}: JavaScript cannot tell which functions take a context
 * (Scrapy looks for a `loader_context` parameter), and passing one to `parseInt` or
 * `Number.parseFloat` would silently change their result.
 */
export type ProcessorFunction = (value: any) => unknown;

const WANTS_CONTEXT = Symbol('skitter.wantsLoaderContext');

/** A function that gets the loader context as its second argument. */
export type ContextFunction = ((value: any, context: LoaderContext) => unknown) & { [WANTS_CONTEXT]: true };

/**
 * Marks a function used in `MapCompose` / `Compose` as taking the loader context as its second
 * argument (Scrapy's `loader_context` parameter).
 * @example
 * const toUnit = withLoaderContext((v: string, ctx) => `${v} ${ctx.unit ?? 'cm'}`);
 */
export function withLoaderContext(fn: (value: any, context: LoaderContext) => unknown): ContextFunction {
  return Object.assign((value: any, context: LoaderContext) => fn(value, context), { [WANTS_CONTEXT]: true as const });
}

function callWith(fn: ProcessorFunction | ContextFunction, value: unknown, context: LoaderContext, processor: string): unknown {
  try {
    return (fn as ContextFunction)[WANTS_CONTEXT] ? (fn as ContextFunction)(value, context) : (fn as ProcessorFunction)(value);
  } catch (error) {
    const name = fn.name || 'anonymous function';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`[skitter] ${processor}: error in ${name} with value ${JSON.stringify(value)}: ${reason}`, { cause: error });
  }
}

/**
 * Turns a value into a list as Scrapy's `arg_to_iter`: `null`/`undefined` give `[]`, an array is
 * itself, strings and plain objects are one value, other iterables are spread.
 */
export function argToArray(value: unknown): unknown[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' || typeof value !== 'object') return [value];
  if (Symbol.iterator in value && !isPlainObject(value)) return [...(value as Iterable<unknown>)];
  return [value];
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Returns the first value that is neither `null`, `undefined` nor the empty string (Scrapy's
 * `TakeFirst`), or `undefined` when there is none. The usual output processor for single-valued
 * fields.
 */
export function TakeFirst(): Processor {
  return function takeFirst(values) {
    for (const v of argToArray(values)) if (v != null && v !== '') return v;
    return undefined;
  };
}

/** Returns the values unchanged (Scrapy's `Identity`): the default input and output processor. */
export function Identity(): Processor {
  return function identity(values) {
    return values;
  };
}

/**
 * Joins the values with `separator` (Scrapy's `Join`; the default separator is one space).
 * @default separator ' '
 */
export function Join(separator = ' '): Processor {
  return function join(values) {
    return argToArray(values).map(String).join(separator);
  };
}

/** Options of {@link Compose}. */
export interface ComposeOptions {
  /** Stop (and return `undefined`) as soon as a function returns `null`/`undefined`. @default true */
  stopOnNone?: boolean;
}

/**
 * Applies the functions in turn to the whole value (Scrapy's `Compose`): each gets the previous
 * one's result. Stops at the first `null`/`undefined` result unless `stopOnNone: false` is given
 * as the last argument.
 * @example
 * Compose((v: string[]) => v[0], (s: string) => s.toUpperCase())
 */
export function Compose(...functions: Array<ProcessorFunction | ContextFunction | ComposeOptions>): Processor {
  const last = functions.at(-1);
  const options = typeof last === 'object' && last !== null ? functions.pop() as ComposeOptions : {};
  const fns = functions as Array<ProcessorFunction | ContextFunction>;
  checkFunctions('Compose', fns);
  const stopOnNone = options.stopOnNone ?? true;
  return function compose(value, context) {
    let current = value;
    for (const fn of fns) {
      if (current == null && stopOnNone) break;
      current = callWith(fn, current, context, 'Compose');
    }
    return current;
  };
}

/**
 * Applies each function to each value in turn (Scrapy's `MapCompose`): the values go through the
 * first function, whose non-null results (arrays are flattened) go through the second, and so on.
 * The usual input processor (`MapCompose((s: string) => s.trim())`).
 */
export function MapCompose(...functions: Array<ProcessorFunction | ContextFunction>): Processor {
  checkFunctions('MapCompose', functions);
  return function mapCompose(values, context) {
    let current = argToArray(values);
    for (const fn of functions) {
      const next: unknown[] = [];
      for (const v of current) {
        const out = callWith(fn, v, context, 'MapCompose');
        if (out == null) continue;
        if (Array.isArray(out)) next.push(...out);
        else next.push(out);
      }
      current = next;
    }
    return current;
  };
}

function checkFunctions(processor: string, fns: unknown[]): void {
  fns.forEach((fn, i) => {
    if (typeof fn !== 'function') {
      throw new TypeError(`[skitter] ${processor}: argument ${i + 1} must be a function, got ${fn === null ? 'null' : typeof fn}.`);
    }
  });
}
