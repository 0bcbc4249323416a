/**
 * Capability checks: how a component finds out, at crawler start, whether the platform can give it
 * what it needs. The analog of Scrapy's `is_asyncio_available()` guard in components that need the
 * asyncio reactor.
 * @module
 */
import type { Capability, LoopAdapter } from './loop-adapter.ts';
import { NotSupportedError } from '../errors/not-supported-error.ts';

/**
 * True if `adapter` declares `capability`.
 * @example
 * if (hasCapability(crawler.adapter, 'cookieJar')) installJar();
 */
export function hasCapability(adapter: LoopAdapter, capability: Capability): boolean {
  return adapter.capabilities.has(capability);
}

/**
 * Throws unless `adapter` declares `capability`. Components call it when the crawler starts, so a
 * crawl fails at once with a message naming the component and what to do instead, rather than
 * misbehaving mid-crawl.
 *
 * @param adapter the running loop adapter.
 * @param capability what the component needs.
 * @param component the component's name as users know it, e.g. `HttpProxyMiddleware`.
 * @param insteadHint one sentence saying what to do on this platform instead.
 * @throws {NotSupportedError} `[skitter] <component> is not supported on <platform>: needs '<capability>'. <insteadHint>`
 * @see Scrapy's `is_asyncio_available()` checks
 * @example
 * requireCapability(adapter, 'proxies', 'HttpProxyMiddleware', 'Configure the proxy in the browser instead.');
 */
export function requireCapability(
  adapter: LoopAdapter,
  capability: Capability,
  component: string,
  insteadHint: string,
): void {
  if (adapter.capabilities.has(capability)) return;
  throw new NotSupportedError(
    `[skitter] ${component} is not supported on ${adapter.name}: needs '${capability}'. ${insteadHint}`,
  );
}
