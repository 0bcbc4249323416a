import type { Crawler } from '../crawler.ts';
import type { MalformedUrlError } from '../../errors/malformed-url-error.ts';
import type { Response } from '../../http/response.ts';

/** Stat counting the links `followAll()` skipped as malformed (every occurrence). */
export const MALFORMED_LINKS_STAT = 'links/malformed';

/**
 * The crawl's {@link Response.onMalformedLink}: counts every skipped link in `links/malformed` and
 * logs a warning naming it and its page the first time each link text is seen, so a site
 * template with one bad link does not flood the log.
 */
export function malformedLinkReporter(crawler: Crawler): (error: MalformedUrlError, response: Response) => void {
  const seen = new Set<string>();
  const logger = crawler.getLogger('skitter.links');
  return (error) => {
    crawler.stats.incValue(MALFORMED_LINKS_STAT);
    if (seen.has(error.url)) return;
    seen.add(error.url);
    logger.warning(`Skipped ${error.message.replace('[skitter] ', '')}`);
  };
}
