import type { Response } from '../http/response.ts';
import type { Spider } from '../spiders/spider.ts';
import { runShellRepl, shellContext, type ShellStreams } from './shell-session.node.ts';

/**
 * Opens the shell in the middle of a crawl, on `response` (Scrapy's `inspect_response`): the
 * engine sends no new request until you leave it (`.exit` or Ctrl-D); requests in flight finish.
 * `fetch()` in it downloads through the running crawl. Node only, and it needs a terminal.
 * @example
 * async parse(response: TextResponse) {
 *   if (!response.css('.price').length) await inspectResponse(response, this);
 * }
 * @see https://docs.scrapy.org/en/latest/topics/shell.html#invoking-the-shell-from-spiders-to-inspect-responses
 */
export async function inspectResponse(
  response: Response,
  spider: Spider,
  streams: ShellStreams = { input: process.stdin, output: process.stdout },
): Promise<void> {
  const crawler = spider.crawler;
  crawler.engine.pause();
  try {
    const objects = { crawler, spider, settings: crawler.settings, request: response.request ?? undefined, response };
    await runShellRepl(shellContext(objects, (text) => streams.output.write(text)), streams);
  } finally {
    crawler.engine.unpause();
  }
}
