import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';

/**
 * The Node platform's fetch: the `undici` package's own `fetch` over its own {@link Agent}, never
 * the undici bundled with Node.
 *
 * Why: the undici bundled with Node 24 (and undici 7.x) kills the process with
 * `AssertionError assert(!this.paused)` when a gzip response of a few hundred KB arrives with
 * `Connection: close` (nodejs/undici#5360): the HTTP parser is paused by body backpressure when the
 * socket ends. The assertion is thrown from a socket event, outside any promise, so no try/catch
 * around fetch can catch it. undici 8 fixed it; using the package's fetch with a dispatcher of the
 * same version keeps Node's bundled copy out of every download (the package's global dispatcher is
 * shared with Node's through a `Symbol.for` key, so the Agent is passed explicitly). A `dispatcher`
 * given in the options (a ProxyAgent) is used instead of `dispatcher`.
 *
 * ky hands fetch a `globalThis.Request` (Node's class), which the package's fetch does not accept:
 * it is unpacked into a URL and options here. A request body is read into bytes first so that it
 * goes out with a Content-Length, as before, instead of chunked.
 */
export function createNodeFetch(dispatcher: Agent = sharedAgent()): typeof globalThis.fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    // A dispatcher in `init` (the proxy fetch's ProxyAgent) wins over the shared Agent.
    const options = { dispatcher, ...(init as UndiciRequestInit | undefined) } as UndiciRequestInit;
    if (typeof input === 'string' || input instanceof URL) return undiciFetch(input, options);
    const request = input;
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    const unpacked: UndiciRequestInit = {
      method: request.method,
      headers: [...request.headers],
      redirect: request.redirect,
      signal: request.signal,
      ...(request.referrer && request.referrer !== 'about:client' ? { referrer: request.referrer } : {}),
      ...(request.referrerPolicy ? { referrerPolicy: request.referrerPolicy } : {}),
      ...(body ? { body } : {}),
      ...options,
    };
    return undiciFetch(request.url, unpacked);
  }) as unknown as typeof globalThis.fetch;
}

let agent: Agent | undefined;

/** One Agent (connection pools by origin) for every crawl of the process, created on first use. */
function sharedAgent(): Agent {
  agent ??= new Agent();
  return agent;
}
