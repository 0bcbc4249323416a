import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Crawler } from '../../core/crawler.ts';
import { signals } from '../../core/signals.ts';
import { DontCloseSpider } from '../../errors/dont-close-spider.ts';
import { evaluateInShell, runShellRepl, shellContext } from '../../shell/shell-session.node.ts';
import { Spider } from '../../spiders/spider.ts';
import type { Command } from '../command.ts';
import { SETTINGS_OPTIONS, settingsFrom } from '../crawl-options.ts';
import { UsageError } from '../usage-error.ts';

/** The spider of a shell session (Scrapy's `DefaultSpider`): it crawls nothing by itself. */
export class ShellSpider extends Spider {
  override name = 'default';
}

/**
 * The URL of a `shell` argument, as Scrapy guesses it: a URL as is; an existing file (or a path
 * starting with `./`, `../` or `/`) as a `file:` URL; anything else as `http://<arg>`.
 */
export function shellUrl(target: string, cwd: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) && URL.canParse(target) && !/^[a-z]:\\/i.test(target)) return target;
  if (/^(\.{1,2})?\//.test(target) || existsSync(resolve(cwd, target))) return pathToFileURL(resolve(cwd, target)).href;
  return `http://${target}`;
}

/**
 * `skitter shell [URL|FILE]`: an interactive REPL to try selectors on a page, with `response`,
 * `request`, `spider`, `settings`, `crawler`, `fetch()`, `view()` and `shelp()`.
 * @see Scrapy's `scrapy shell`
 */
export const shellCommand: Command = {
  name: 'shell',
  summary: 'Interactive scraping console',
  syntax: '[url|file]',
  description:
    'Open an interactive console (a Node REPL) with the response of [url|file] in `response`, to try\n' +
    "selectors: response.css('h1::text').get(). `await fetch(url)` downloads another page through the\n" +
    'downloader middlewares; view(response) saves it to a file to open in a browser; shelp() lists what is there.\n' +
    'With -c CODE, evaluates CODE, prints the result and exits.',
  options: [
    { long: 'code', short: 'c', type: 'string', metavar: 'CODE', help: 'evaluate the code in the shell, print the result and exit' },
    { long: 'no-redirect', type: 'boolean', help: 'do not follow HTTP 3xx redirects for the first URL' },
    ...SETTINGS_OPTIONS,
  ],
  async run(values, positionals, io) {
    if (positionals.length > 1) throw new UsageError('shell takes at most one URL or file (see "skitter shell --help")');
    const settings = settingsFrom(values, { LOG_LEVEL: 'WARNING', LOGSTATS_INTERVAL: 0, STATS_DUMP: false });
    const crawler = new Crawler(ShellSpider, settings);
    let open = true;
    // The crawl stays open while the session is: it is how fetch() reaches the downloader.
    crawler.signals.connect(signals.spiderIdle, () => {
      if (open) throw new DontCloseSpider('the shell is open');
    });
    const started = new Promise<void>((resolveStarted) => crawler.signals.connect(signals.engineStarted, () => resolveStarted()));
    const crawling = crawler.crawl();
    await Promise.race([started, crawling]);
    const objects = { crawler, spider: crawler.spider, settings: crawler.settings, request: undefined, response: undefined };
    const context = shellContext(objects, (text) => io.stdout.write(text));
    let code = 0;
    try {
      if (positionals[0] !== undefined) {
        const url = shellUrl(positionals[0], io.cwd);
        try {
          await context.fetch(url, { redirect: values['no-redirect'] !== true });
        } catch (error) {
          io.terminal.writeLine(`skitter: error: could not fetch ${url}: ${error instanceof Error ? error.message : String(error)}`);
          if (typeof values.code === 'string') return 1;
        }
      }
      if (typeof values.code === 'string') {
        try {
          io.stdout.write(`${await evaluateInShell(context, values.code)}\n`);
        } catch (error) {
          io.terminal.writeLine(`skitter: error: ${error instanceof Error ? error.message : String(error)}`);
          code = 1;
        }
      } else {
        await runShellRepl(context, { input: process.stdin, output: io.stdout });
      }
    } finally {
      open = false;
      await crawler.stop();
      await crawling;
    }
    return code;
  },
};
