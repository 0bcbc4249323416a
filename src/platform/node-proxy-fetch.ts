import { ProxyAgent } from 'undici';

/**
 * A fetch that routes through an HTTP proxy (Node only; undici's ProxyAgent as the `dispatcher` of
 * Node's own fetch). Plain `http://` targets are sent to the proxy in absolute form, as Scrapy does;
 * `https://` targets go through a CONNECT tunnel. `proxyAuthorization` (the `Proxy-Authorization`
 * value HttpProxyMiddleware computed) is sent to the proxy only, never to the origin.
 */
export function createProxyFetch(proxyUrl: string, proxyAuthorization: string | undefined, base: typeof globalThis.fetch): typeof globalThis.fetch {
  const agent = new ProxyAgent({ uri: proxyUrl, proxyTunnel: false, ...(proxyAuthorization ? { token: proxyAuthorization } : {}) });
  return ((input: RequestInfo | URL, init?: RequestInit) => base(input, { ...init, dispatcher: agent } as RequestInit)) as typeof globalThis.fetch;
}
