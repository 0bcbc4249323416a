/**
 * Where sync and async meet. Wherever Scrapy accepts a value, a Deferred or a coroutine, skitter
 * accepts a value or a promise; wherever Scrapy accepts an iterable or an async iterable, so does
 * skitter. These are the ONLY helpers that test for thenables and `Symbol.asyncIterator`: every
 * other module goes through them.
 * @module
 */

/** A value or a promise of it. */
export type MaybePromise<T> = T | PromiseLike<T>;

/** A sync or async iterable. */
export type AnyIterable<T> = Iterable<T> | AsyncIterable<T>;

/** True for promises and other thenables. */
export function isPromiseLike<T = unknown>(value: unknown): value is PromiseLike<T> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function';
}

/** True for objects with `Symbol.asyncIterator`. */
export function isAsyncIterable<T = unknown>(value: unknown): value is AsyncIterable<T> {
  return value != null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/**
 * True for sync iterables that are collections of outputs. Strings are iterable but are a single
 * value, and so are plain objects (items); this is the one place that decides.
 */
export function isOutputIterable<T = unknown>(value: unknown): value is Iterable<T> {
  return value != null && typeof value === 'object' &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}

/** True if `fn` was declared `async function*` (the async form of `processSpiderOutput`). */
export function isAsyncGeneratorFunction(fn: unknown): boolean {
  return typeof fn === 'function' && Object.prototype.toString.call(fn) === '[object AsyncGeneratorFunction]';
}

/**
 * Normalises the return value of a callback, errback or hook that yields outputs: nothing, one
 * value, an array / iterable / generator, an async iterable / async generator, or a promise of any
 * of these. Sync shapes stay sync (`Iterable`), async ones stay async (`AsyncIterable`), so the
 * spider middleware chain can tell them apart as Scrapy does.
 */
export async function resolveOutput<T>(value: unknown): Promise<Iterable<T> | AsyncIterable<T>> {
  const settled = isPromiseLike(value) ? await value : value;
  return toOutputIterable<T>(settled);
}

/** {@link resolveOutput} for a value that is known not to be a promise. */
export function toOutputIterable<T>(value: unknown): Iterable<T> | AsyncIterable<T> {
  if (value == null) return [];
  if (isAsyncIterable<T>(value)) return value;
  if (isOutputIterable<T>(value)) return value;
  return [value as T];
}

/** Wraps a sync iterable as an async one (the always-safe "upgrade"). */
export async function* toAsyncIterable<T>(source: AnyIterable<T>): AsyncGenerator<T> {
  if (isAsyncIterable<T>(source)) {
    yield* source;
  } else {
    yield* source;
  }
}

/**
 * Awaits an async iterable whole and returns its values as an array: the async-to-sync conversion
 * Scrapy performs for a sync-only spider middleware. If the source throws, nothing is returned
 * (the exception propagates), exactly as Scrapy documents for this conversion.
 */
export async function collectAsync<T>(source: AnyIterable<T>): Promise<T[]> {
  const out: T[] = [];
  if (isAsyncIterable<T>(source)) {
    for await (const value of source) out.push(value);
  } else {
    for (const value of source) out.push(value);
  }
  return out;
}

/**
 * Iterates a sync or async iterable, calling `onValue` for each value as it is produced (awaiting
 * it when it returns a promise). Sync iterables are not wrapped in promises per value: the hot path
 * of a crawl is sync callbacks.
 */
export async function forEachOutput<T>(source: AnyIterable<T>, onValue: (value: T) => MaybePromise<void>): Promise<void> {
  if (isAsyncIterable<T>(source)) {
    for await (const value of source) {
      const r = onValue(value);
      if (isPromiseLike(r)) await r;
    }
    return;
  }
  for (const value of source) {
    const r = onValue(value);
    if (isPromiseLike(r)) await r;
  }
}
