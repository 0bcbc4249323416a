import { describe, expect, it } from 'vitest';
import { hasCapability, requireCapability } from '../../src/platform/capabilities.ts';
import { VirtualLoopAdapter } from '../../src/platform/virtual.ts';
import { NotSupportedError } from '../../src/errors/not-supported-error.ts';

describe('capabilities', () => {
  const adapter = new VirtualLoopAdapter({ capabilities: ['cookieJar'] });

  it('tells whether the adapter declares a capability', () => {
    expect(hasCapability(adapter, 'cookieJar')).toBe(true);
    expect(hasCapability(adapter, 'proxies')).toBe(false);
  });

  it('passes silently when the capability is there', () => {
    expect(requireCapability(adapter, 'cookieJar', 'CookiesMiddleware', 'unused')).toBeUndefined();
  });

  it('throws a NotSupportedError naming the component, platform, capability and the alternative', () => {
    expect(() => requireCapability(adapter, 'proxies', 'HttpProxyMiddleware', 'Set the proxy in the browser instead.'))
      .toThrow(new NotSupportedError("[skitter] HttpProxyMiddleware is not supported on virtual: needs 'proxies'. Set the proxy in the browser instead."));
    let error: unknown;
    try {
      requireCapability(adapter, 'fileSystem', 'FileFeedStorage', 'Use an IndexedDB feed.');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotSupportedError);
    expect((error as Error).name).toBe('NotSupportedError');
  });
});
