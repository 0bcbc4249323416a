import type { Crawler } from '../core/crawler.ts';
import { formatStats } from '../core/crawler.ts';
import { signals } from '../core/signals.ts';
import { NotConfigured } from '../errors/not-configured.ts';
import { MailSender } from './mail-sender.ts';

/**
 * Scrapy's `StatsMailer` extension: when the spider closes, mails its stats to
 * STATSMAILER_RCPTS (through MailSender and the MAIL_* settings). Off (NotConfigured) while
 * STATSMAILER_RCPTS is empty. The mail is sent before `spider_closed` handlers finish, so the
 * crawl ends after it was sent (or failed, which is logged).
 * Not enabled by default (as in Scrapy): `EXTENSIONS: { StatsMailer: { use: StatsMailer, order: 500 } }`.
 * @see https://docs.scrapy.org/en/latest/topics/extensions.html#stats-mailer-extension
 */
export class StatsMailer {
  #crawler: Crawler;
  #recipients: string[];
  #mail: MailSender;

  constructor(crawler: Crawler) {
    this.#recipients = crawler.settings.getList<string>('STATSMAILER_RCPTS');
    if (this.#recipients.length === 0) throw new NotConfigured('STATSMAILER_RCPTS is empty');
    this.#crawler = crawler;
    this.#mail = MailSender.fromCrawler(crawler);
    crawler.signals.connect(signals.spiderClosed, () => this.#send());
  }

  async #send(): Promise<void> {
    const name = this.#crawler.spider.name;
    const body = `${name} stats\n\n${formatStats(this.#crawler.stats.getStats())}\n`;
    await this.#mail.send(this.#recipients, `skitter stats for: ${name}`, body);
  }
}
