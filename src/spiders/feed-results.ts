import { NotConfigured } from '../errors/not-configured.ts';
import type { Response } from '../http/response.ts';
import { collectAsync, resolveOutput } from '../utils/maybe-async.ts';

/**
 * What the feed spiders share: run one node's or row's callback (any callback shape: a value, an
 * array, a generator, an async generator, a promise of those), collect its output, and pass it
 * through the spider's `processResults` hook.
 */
export async function collectNodeOutput(
  output: unknown,
  response: Response,
  processResults: (response: Response, results: unknown[]) => unknown[] | Iterable<unknown>,
): Promise<unknown[]> {
  const results = await collectAsync(await resolveOutput<unknown>(output));
  return [...processResults(response, results)];
}

/** The error of a feed spider that lacks its per-node method (Scrapy raises NotConfigured too). */
export function missingMethod(spider: object, kind: string, method: string): NotConfigured {
  return new NotConfigured(`[skitter] ${spider.constructor.name}: ${kind} must define ${method}.`);
}
