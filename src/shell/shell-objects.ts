import type { Crawler } from '../core/crawler.ts';
import { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import type { Spider } from '../spiders/spider.ts';

/** What a shell session shows and updates: Scrapy's shell variables. */
export interface ShellObjects {
  crawler: Crawler;
  spider: Spider;
  settings: Crawler['settings'];
  request: Request | undefined;
  response: Response | undefined;
}

/** The `[s]` banner listing the objects and shortcuts (Scrapy's `shelp()`). */
export function shellHelp(objects: ShellObjects): string {
  const rows: Array<[string, string]> = [
    ['crawler', `<Crawler of ${objects.spider.name}>`],
    ['request', objects.request ? String(objects.request) : 'undefined'],
    ['response', objects.response ? String(objects.response) : 'undefined'],
    ['settings', '<Settings (frozen)>'],
    ['spider', `<${objects.spider.constructor.name} '${objects.spider.name}'>`],
  ];
  const lines = [
    '[s] Available skitter objects:',
    ...rows.map(([name, value]) => `[s]   ${name.padEnd(10)} ${value}`),
    '[s] Useful shortcuts:',
    '[s]   await fetch(url, { redirect = true })  Fetch a URL and update request and response',
    '[s]   await fetch(request)                    Fetch a Request and update request and response',
    '[s]   shelp()                                 Shell help (print this help)',
    '[s]   view(response)                          Save the response body to a file to open in a browser',
  ];
  return `${lines.join('\n')}\n`;
}

/** A Request for a `fetch()` argument: a URL (redirects followed unless `redirect: false`) or a Request. */
export function shellRequest(target: string | Request, options: { redirect?: boolean } = {}): Request {
  if (target instanceof Request) return target;
  if (typeof target !== 'string') throw new TypeError('fetch() takes a URL string or a Request');
  const meta: Record<string, unknown> = { handle_httpstatus_all: true };
  if (options.redirect === false) meta['dont_redirect'] = true;
  return new Request(target, { dontFilter: true, meta });
}
