import type { Crawler } from '../crawler.ts';
import type { Response } from '../../http/response.ts';
import type { Spider } from '../../spiders/spider.ts';
import { InvalidOutputError } from '../../errors/invalid-output-error.ts';
import {
  collectAsync, isAsyncGeneratorFunction, isAsyncIterable, isOutputIterable, isPromiseLike, toAsyncIterable,
  type AnyIterable, type MaybePromise,
} from '../../utils/maybe-async.ts';
import { componentName } from '../component.ts';
import { describeValue, hookName } from '../middleware/describe.ts';

/**
 * A spider middleware. Every hook is optional.
 *
 * `processSpiderOutput` is either a generator over a sync iterable or an async generator over an
 * async iterable. Defining both `processSpiderOutput` (sync) and `processSpiderOutputAsync` makes
 * the middleware universal: it never causes an async-to-sync conversion.
 * @see https://docs.scrapy.org/en/latest/topics/spider-middleware.html
 * @see https://docs.scrapy.org/en/latest/topics/coroutines.html#mixing-synchronous-and-asynchronous-spider-middlewares
 */
export interface SpiderMiddleware {
  /** Called for each response before its callback, in ascending order. Throw to send it to the errback. */
  processSpiderInput?(response: Response, spider: Spider): MaybePromise<void | null | undefined>;
  /** Called with the callback's output, in descending order. */
  processSpiderOutput?(response: Response | null, result: AnyIterable<unknown>, spider: Spider): AnyIterable<unknown>;
  /** The async form of a universal middleware. */
  processSpiderOutputAsync?(response: Response | null, result: AsyncIterable<unknown>, spider: Spider): AsyncIterable<unknown>;
  /**
   * Called when a callback or a previous middleware's output throws. Return nothing to pass the
   * error on, or an iterable (sync or async) of outputs to recover with.
   */
  processSpiderException?(response: Response, exception: unknown, spider: Spider): AnyIterable<unknown> | null | undefined | void;
  /** Wraps the spider's `start()` output; must be an async generator. */
  processStart?(start: AsyncIterable<unknown>, spider: Spider): AsyncIterable<unknown>;
  openSpider?(spider: Spider): MaybePromise<void>;
  closeSpider?(spider: Spider): MaybePromise<void>;
}

/** The result of one spider call: the final output of the chain (sync or async). */
export type SpiderOutput = AnyIterable<unknown>;

/** Calls the spider (callback or errback) for a response or failure and returns its raw output. */
export type SpiderCall = () => Promise<AnyIterable<unknown>>;

/** Recovered outputs of one chain (Scrapy's `recover_to`), each still being processed. */
type Recovered = Array<Promise<SpiderOutput>>;

/**
 * Runs the spider middleware chain: Scrapy's `SpiderMiddlewareManager`, including its sync/async
 * rules. Hooks are resolved once per middleware at construction.
 */
export class SpiderMiddlewareManager {
  /** Middlewares in setting order (ascending). */
  readonly middlewares: readonly SpiderMiddleware[];
  /** The output/exception chain: descending order (closest to the spider first). */
  #chain: SpiderMiddleware[];
  #crawler: Crawler;
  #warnedConversion = new Set<SpiderMiddleware>();

  constructor(crawler: Crawler, middlewares: SpiderMiddleware[]) {
    this.#crawler = crawler;
    this.middlewares = middlewares;
    this.#chain = [...middlewares].reverse();
    for (const mw of middlewares) {
      const out = mw.processSpiderOutput;
      if (typeof out === 'function' && !isAsyncGeneratorFunction(out) && typeof mw.processSpiderOutputAsync !== 'function') {
        crawler.logger.warning(`${componentName(mw)} defines a sync-only processSpiderOutput; async callbacks or async middlewares before it force a deprecated async-to-sync conversion. Make it async (async *processSpiderOutput) or universal (add processSpiderOutputAsync).`);
      }
      if (typeof mw.processSpiderOutputAsync === 'function' && typeof mw.processSpiderOutput !== 'function') {
        // Scrapy's rule: the async variant only completes a universal middleware's sync hook.
        crawler.logger.error(`${componentName(mw)} defines processSpiderOutputAsync without processSpiderOutput; skipping processSpiderOutputAsync. Rename it to async *processSpiderOutput, or add a sync processSpiderOutput to make the middleware universal.`);
      }
      if (typeof mw.processStart === 'function' && !isAsyncGeneratorFunction(mw.processStart)) {
        throw new InvalidOutputError(`[skitter] ${hookName(mw, 'processStart')} must be an async generator method (async *processStart(start) { ... }).`);
      }
    }
  }

  async openSpider(spider: Spider): Promise<void> {
    for (const mw of this.middlewares) await mw.openSpider?.(spider);
  }

  async closeSpider(spider: Spider): Promise<void> {
    for (const mw of [...this.middlewares].reverse()) await mw.closeSpider?.(spider);
  }

  /** Wraps the spider's start output with every `processStart`, in descending order. */
  processStart(start: AsyncIterable<unknown>, spider: Spider): AsyncIterable<unknown> {
    let result = start;
    for (const mw of this.#chain) {
      if (typeof mw.processStart !== 'function') continue;
      const out = mw.processStart(result, spider);
      if (!isAsyncIterable(out)) throw new InvalidOutputError(`[skitter] ${hookName(mw, 'processStart')} must return an async iterable, got ${describeValue(out)}.`);
      result = out;
    }
    return result;
  }

  /**
   * Runs `processSpiderInput` hooks, the spider call, and the output chain.
   * @param callSpider calls the callback.
   * @param onInputError called with a `processSpiderInput` error; calls the errback (or rethrows).
   * @returns the processed output. Iterating it may throw an unrecovered spider error; it may
   * yield {@link DeferredOutput} markers for output recovered by exception hooks.
   */
  async scrapeResponse(response: Response, callSpider: SpiderCall, onInputError: (error: unknown) => Promise<AnyIterable<unknown>>): Promise<SpiderOutput> {
    const spider = this.#crawler.spider;
    let raw: AnyIterable<unknown>;
    try {
      let inputError: unknown;
      let failed = false;
      for (const mw of this.middlewares) {
        if (typeof mw.processSpiderInput !== 'function') continue;
        try {
          let out = mw.processSpiderInput(response, spider);
          if (isPromiseLike(out)) out = await out;
          if (out != null) throw new InvalidOutputError(`[skitter] ${hookName(mw, 'processSpiderInput')} must return nothing (or throw), got ${describeValue(out)}.`);
        } catch (error) {
          inputError = error;
          failed = true;
          break;
        }
      }
      raw = failed ? await onInputError(inputError) : await callSpider();
    } catch (error) {
      // The call threw before producing an iterable: every exception hook may recover.
      const found = this.#findRecovery(response, error, 0);
      if (!found) throw error;
      return this.processOutput(response, found.output, found.index + 1);
    }
    return this.processOutput(response, raw, 0);
  }

  /**
   * Passes an output through the `processSpiderOutput` hooks from `startIndex` on, with Scrapy's
   * rules: an exception while iterating a stage's output goes to the exception hooks of the later
   * middlewares and recovered output is appended at the end; a sync-only hook after async output
   * makes the whole async output be awaited first (deprecated; if it throws, none of it is
   * processed); sync output is upgraded for async hooks without a warning.
   */
  async processOutput(response: Response | null, result: AnyIterable<unknown>, startIndex: number): Promise<SpiderOutput> {
    const spider = this.#crawler.spider;
    const recovered: Recovered = [];
    // Errors raised while iterating `current` go to the exception hooks from this index on.
    let handlerStart = startIndex;
    let current: AnyIterable<unknown> = result;
    for (let i = startIndex; i < this.#chain.length; i++) {
      const mw = this.#chain[i]!;
      const syncFn = typeof mw.processSpiderOutput === 'function' && !isAsyncGeneratorFunction(mw.processSpiderOutput) ? mw.processSpiderOutput : undefined;
      const asyncFn = typeof mw.processSpiderOutputAsync === 'function' && typeof mw.processSpiderOutput === 'function'
        ? mw.processSpiderOutputAsync
        : isAsyncGeneratorFunction(mw.processSpiderOutput) ? mw.processSpiderOutput : undefined;
      if (!syncFn && !asyncFn) continue;
      let out: unknown;
      let hook = 'processSpiderOutput';
      if (isAsyncIterable(current)) {
        if (asyncFn) {
          hook = asyncFn === mw.processSpiderOutput ? hook : 'processSpiderOutputAsync';
          out = asyncFn.call(mw, response, this.#guard(response, current, handlerStart, recovered) as AsyncIterable<unknown>, spider);
        } else {
          this.#warnConversion(mw);
          const collected = await this.#collect(response, current, handlerStart, recovered);
          out = syncFn!.call(mw, response, collected, spider);
        }
      } else if (syncFn) {
        out = syncFn.call(mw, response, this.#guard(response, current, handlerStart, recovered), spider);
      } else {
        out = asyncFn!.call(mw, response, this.#guard(response, toAsyncIterable(current), handlerStart, recovered) as AsyncIterable<unknown>, spider);
      }
      if (!isAsyncIterable(out) && !isOutputIterable(out)) {
        throw new InvalidOutputError(`[skitter] ${hookName(mw, hook)} must return an iterable (use a generator), got ${describeValue(out)}.`);
      }
      current = out as AnyIterable<unknown>;
      handlerStart = i + 1;
    }
    return appendRecovered(this.#guard(response, current, handlerStart, recovered), recovered);
  }

  /**
   * Finds the first exception hook from `startIndex` that recovers from `error`: returns its output
   * and index, or undefined when none does. Hooks are called synchronously, as in Scrapy.
   */
  #findRecovery(response: Response | null, error: unknown, startIndex: number): { output: AnyIterable<unknown>; index: number } | undefined {
    if (response === null) return undefined;
    const spider = this.#crawler.spider;
    for (let i = startIndex; i < this.#chain.length; i++) {
      const mw = this.#chain[i]!;
      if (typeof mw.processSpiderException !== 'function') continue;
      const out = mw.processSpiderException(response, error, spider);
      if (out == null) continue;
      if (isAsyncIterable(out) || isOutputIterable(out)) return { output: out as AnyIterable<unknown>, index: i };
      throw new InvalidOutputError(`[skitter] ${hookName(mw, 'processSpiderException')} must return nothing or an iterable, got ${describeValue(out)}.`);
    }
    return undefined;
  }

  /** Wraps an output so an exception raised while iterating it goes to the exception hooks. */
  #guard(response: Response | null, source: AnyIterable<unknown>, handlerStart: number, recovered: Recovered): AnyIterable<unknown> {
    // Past the last middleware no hook could recover: skip the wrapper (the hot path).
    if (handlerStart >= this.#chain.length) return source;
    const self = this;
    if (isAsyncIterable(source)) {
      return (async function* guardedAsync() {
        try {
          yield* source;
        } catch (error) {
          const found = self.#findRecovery(response, error, handlerStart);
          if (!found) throw error;
          recovered.push(self.processOutput(response, found.output, found.index + 1));
        }
      })();
    }
    return (function* guardedSync() {
      try {
        yield* source;
      } catch (error) {
        const found = self.#findRecovery(response, error, handlerStart);
        if (!found) throw error;
        recovered.push(self.processOutput(response, found.output, found.index + 1));
      }
    })();
  }

  /** The async-to-sync conversion: awaits the whole output; on an exception none of it is kept. */
  async #collect(response: Response | null, source: AsyncIterable<unknown>, handlerStart: number, recovered: Recovered): Promise<unknown[]> {
    try {
      return await collectAsync(source);
    } catch (error) {
      const found = this.#findRecovery(response, error, handlerStart);
      if (!found) throw error;
      recovered.push(this.processOutput(response, found.output, found.index + 1));
      return [];
    }
  }

  #warnConversion(mw: SpiderMiddleware): void {
    if (this.#warnedConversion.has(mw)) return;
    this.#warnedConversion.add(mw);
    this.#crawler.logger.warning(`Async iterable passed to ${componentName(mw)}.processSpiderOutput was collected into a sync iterable (deprecated, as in Scrapy): its whole input is awaited first and an exception loses all of it. Make ${componentName(mw)} async or universal (add processSpiderOutputAsync).`);
  }
}

/**
 * Output recovered by an exception hook, appended after the main output. Its processing through
 * the remaining hooks may be async, so a sync chain yields this marker and the scraper awaits it.
 */
export class DeferredOutput {
  readonly output: Promise<SpiderOutput>;
  constructor(output: Promise<SpiderOutput>) {
    this.output = output;
  }
}

/** Chains the main output with outputs recovered by exception hooks (Scrapy's MutableChain). */
function appendRecovered(main: AnyIterable<unknown>, recovered: Recovered): AnyIterable<unknown> {
  if (isAsyncIterable(main)) {
    return (async function* chainAsync() {
      yield* main;
      for (let i = 0; i < recovered.length; i++) yield* await recovered[i]!;
    })();
  }
  return (function* chainSync() {
    yield* main;
    for (let i = 0; i < recovered.length; i++) yield new DeferredOutput(recovered[i]!);
  })();
}
