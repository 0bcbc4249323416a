import { describe, expect, it } from 'vitest';
import { CrawlerRunner, MailSender, Spider, isNotSupportedError } from 'skitter';

class Idle extends Spider {
  override name = 'idle';
}

describe('MailSender in a Chromium page', () => {
  it('rejects with a NotSupportedError that names the platform and the way out', async () => {
    const crawler = new CrawlerRunner({ LOG_LEVEL: 'CRITICAL' }).createCrawler(Idle);
    await crawler.crawl();
    const error = await MailSender.fromCrawler(crawler).send('a@example.test', 's', 'b').then(() => null, (e: unknown) => e);
    expect(isNotSupportedError(error)).toBe(true);
    expect((error as Error).message).toBe(
      '[skitter] MailSender is not supported on web: browsers and extensions cannot open SMTP connections. '
        + 'Send mail from Node, or post the data to a server of yours from a pipeline.',
    );
  });
});
