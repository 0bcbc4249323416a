/**
 * Proxy settings from environment variables (`http_proxy`, `https_proxy`, `no_proxy`...), read the
 * way Python's `urllib.request.getproxies()` / `proxy_bypass()` read them.
 * @module
 */

/** Environment variables (Node's environment, where there is one). */
export type Env = Readonly<Record<string, string | undefined>>;

/** The environment of the running host: Node's environment variables, empty elsewhere. */
export function hostEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}

/**
 * Proxy URLs by URL scheme from `<scheme>_proxy` variables (any case; the lower-case one wins, an
 * empty lower-case one removes the entry). `no_proxy` is returned apart.
 */
export function proxiesFromEnv(env: Env): { proxies: Map<string, string>; noProxy: string } {
  const proxies = new Map<string, string>();
  const names = Object.keys(env);
  for (const name of names) {
    const value = env[name];
    if (value && name.toLowerCase().endsWith('_proxy')) proxies.set(name.slice(0, -6).toLowerCase(), value);
  }
  for (const name of names) {
    if (name !== name.toLowerCase() || !name.endsWith('_proxy')) continue;
    const value = env[name];
    if (value) proxies.set(name.slice(0, -6), value);
    else proxies.delete(name.slice(0, -6));
  }
  const noProxy = proxies.get('no') ?? '';
  proxies.delete('no');
  return { proxies, noProxy };
}

/**
 * True if `host` (a host name, maybe with `:port`) must not use the proxy: `no_proxy` is `*`, or
 * lists the host or one of its parent domains (a leading dot is optional).
 * @see Python's `urllib.request.proxy_bypass_environment`
 */
export function proxyBypass(host: string, noProxy: string): boolean {
  if (noProxy.trim() === '*') return true;
  const lower = host.toLowerCase();
  const hostOnly = lower.replace(/:\d+$/, '');
  for (let entry of noProxy.split(',')) {
    entry = entry.trim().replace(/^\.+/, '').toLowerCase();
    if (!entry) continue;
    if (hostOnly === entry || lower === entry) return true;
    if (hostOnly.endsWith(`.${entry}`) || lower.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** A proxy URL split as Python's `urllib.request._parse_proxy` does. */
export interface ParsedProxy {
  /** Scheme without `:` (`http`), or `''` when the URL has none (`host:port`). */
  scheme: string;
  user: string;
  password: string;
  /** `host:port`. */
  hostPort: string;
}

/**
 * Splits `http://user:pass@host:port` (or `user:pass@host:port`, `host:port`).
 * @throws {TypeError} for a URL with a scheme but no `//authority` (e.g. `/var/run/docker.sock`).
 */
export function parseProxy(url: string): ParsedProxy {
  const typed = /^([^/:]+):([\s\S]*)$/.exec(url);
  const rest = typed ? typed[2]! : url;
  let scheme = '';
  let authority = url;
  if (rest.startsWith('/')) {
    if (!rest.startsWith('//')) throw new TypeError(`[skitter] proxy URL with no authority: ${JSON.stringify(url)}`);
    scheme = typed ? typed[1]!.toLowerCase() : '';
    const at = rest.indexOf('@');
    const end = rest.indexOf('/', at >= 0 ? at : 2);
    authority = rest.slice(2, end < 0 ? undefined : end);
  }
  const at = authority.lastIndexOf('@');
  if (at < 0) return { scheme, user: '', password: '', hostPort: authority };
  const userInfo = authority.slice(0, at);
  const sep = userInfo.indexOf(':');
  return {
    scheme,
    user: sep < 0 ? userInfo : userInfo.slice(0, sep),
    password: sep < 0 ? '' : userInfo.slice(sep + 1),
    hostPort: authority.slice(at + 1),
  };
}
