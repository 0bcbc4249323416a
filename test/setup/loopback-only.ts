/**
 * A guard for the Node test project: every test talks only to servers it starts on this machine.
 * A fetch to any non-loopback host fails at once (before any DNS lookup) with a message naming the
 * host, so a test that would reach out is caught instead of sending traffic.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const realFetch = globalThis.fetch;

globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const url = new URL(href);
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !LOOPBACK.has(url.hostname) && !url.hostname.startsWith('127.')) {
    return Promise.reject(new TypeError(`test guard: ${url.host} is not a loopback address; tests may only reach servers they start on 127.0.0.1`));
  }
  return realFetch(input, init);
}) as typeof globalThis.fetch;
