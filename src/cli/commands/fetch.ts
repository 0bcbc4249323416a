import type { Failure } from '../../core/failure.ts';
import { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import { Spider } from '../../spiders/spider.ts';
import type { Command } from '../command.ts';
import { SETTINGS_OPTIONS, settingsFrom } from '../crawl-options.ts';
import { runCrawl } from '../run-crawl.ts';
import { UsageError } from '../usage-error.ts';

/**
 * The one-request spider behind `skitter fetch`: its start request goes through the whole
 * downloader middleware chain and its callback keeps the response. Every status reaches the
 * callback (`handle_httpstatus_all`), so `fetch` prints 404 pages too, as Scrapy's does.
 */
export class FetchSpider extends Spider {
  override name = 'fetch';
  /** The URL to fetch (a spider argument). */
  url = '';
  /** Don't follow redirects (`--no-redirect`). */
  noRedirect = false;
  response: Response | undefined;
  failure: Failure | undefined;

  override async *start(): AsyncGenerator<Request> {
    const meta: Record<string, unknown> = { handle_httpstatus_all: true };
    if (this.noRedirect) meta.dont_redirect = true;
    yield new Request(this.url, {
      dontFilter: true,
      meta,
      callback: (response) => {
        this.response = response;
      },
      errback: (failure) => {
        this.failure = failure;
      },
    });
  }
}

/** `> Name: value` lines, then `>`; the response's as `< Name: value`. */
function headerLines(prefix: string, entries: Iterable<[string, string]>): string {
  let out = '';
  for (const [name, value] of entries) out += `${prefix} ${name}: ${value}\n`;
  return out;
}

/**
 * `skitter fetch URL`: downloads a URL through the downloader middlewares and prints the body
 * (or, with `--headers`, the request and response headers) on stdout. Exits with 1 when no
 * response came back (connection refused, DNS error, ...).
 * @see Scrapy's `scrapy fetch`
 */
export const fetchCommand: Command = {
  name: 'fetch',
  summary: 'Fetch a URL using the skitter downloader',
  syntax: '[options] <url>',
  description:
    'Fetch a URL through the downloader and its middlewares (user agent, cookies, retries, redirects...)\n' +
    'and write the response body to standard output; logs go to standard error.',
  options: [
    { long: 'headers', type: 'boolean', help: 'print request and response HTTP headers instead of the body' },
    { long: 'no-redirect', type: 'boolean', help: 'do not handle HTTP 3xx status codes and print the response as-is' },
    ...SETTINGS_OPTIONS,
  ],
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError('fetch takes exactly one URL (see "skitter fetch --help")');
    const url = positionals[0]!;
    if (!URL.canParse(url)) throw new UsageError(`invalid URL: ${url}`);
    const settings = settingsFrom(values);
    const { code, crawler } = await runCrawl(FetchSpider, settings, { url, noRedirect: values['no-redirect'] === true }, io);
    if (code !== 0) return code;
    const spider = crawler.spider as FetchSpider;
    const response = spider.response;
    if (!response) {
      const why = spider.failure ? spider.failure.getErrorMessage() : `finish reason ${String(crawler.stats.getValue('finish_reason'))}`;
      io.terminal.writeLine(`skitter: error: could not fetch ${url}: ${why}`);
      return 1;
    }
    if (values.headers === true) {
      const request = response.request;
      io.stdout.write(`${request ? headerLines('>', request.headers.entries()) : ''}>\n${headerLines('<', response.headers.entries())}`);
    } else {
      io.stdout.write(response.body);
    }
    return 0;
  },
};
