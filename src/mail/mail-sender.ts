import type { Crawler } from '../core/crawler.ts';
import type { Logger } from '../core/log.ts';
import { mailTransport, type MailAttachment, type SmtpOptions } from './mail-transport.ts';

/** Options of {@link MailSender} (Scrapy's constructor arguments, camelCased). */
export interface MailSenderOptions {
  /** @default 'localhost' */
  smtpHost?: string;
  /** @default 'skitter@localhost' */
  mailFrom?: string;
  smtpUser?: string;
  smtpPass?: string;
  /** @default 25 */
  smtpPort?: number;
  /** STARTTLS. @default false */
  smtpTls?: boolean;
  /** SMTPS. @default false */
  smtpSsl?: boolean;
  /** Log messages instead of sending them. @default false */
  debug?: boolean;
  /** Where "Mail sent OK" / "Unable to send mail" are logged. */
  logger?: Logger;
  /** The platform name for the "not supported" error. @default 'this platform' */
  platform?: string;
}

/** Options of {@link MailSender.send}. */
export interface SendOptions {
  cc?: string | string[];
  /** Files to attach. */
  attachs?: MailAttachment[];
  /** @default 'text/plain' */
  mimeType?: string;
  charset?: string;
}

/**
 * Scrapy's `MailSender`: sends e-mail over SMTP, with an async `send()`. Build it from the
 * settings (`MailSender.fromCrawler(crawler)`: MAIL_HOST, MAIL_PORT, MAIL_FROM, MAIL_USER,
 * MAIL_PASS, MAIL_TLS, MAIL_SSL) or with options. Node only (through nodemailer): elsewhere
 * `send()` rejects with a NotSupportedError naming the platform.
 * @example
 * const mailer = MailSender.fromCrawler(this.crawler);
 * await mailer.send(['me@example.com'], 'Crawl finished', `${count} items`);
 * @see https://docs.scrapy.org/en/latest/topics/email.html
 */
export class MailSender {
  readonly mailFrom: string;
  readonly debug: boolean;
  #smtp: SmtpOptions;
  #logger: Logger | undefined;
  #platform: string;

  constructor(options: MailSenderOptions = {}) {
    this.mailFrom = options.mailFrom ?? 'skitter@localhost';
    this.debug = options.debug ?? false;
    this.#smtp = {
      host: options.smtpHost ?? 'localhost',
      port: options.smtpPort ?? 25,
      user: options.smtpUser || undefined,
      password: options.smtpPass || undefined,
      tls: options.smtpTls ?? false,
      ssl: options.smtpSsl ?? false,
    };
    this.#logger = options.logger;
    this.#platform = options.platform ?? 'this platform';
  }

  /** A sender configured from the MAIL_* settings, logging through the crawler. */
  static fromCrawler(crawler: Crawler): MailSender {
    const s = crawler.settings;
    return new MailSender({
      smtpHost: s.get<string>('MAIL_HOST'),
      mailFrom: s.get<string>('MAIL_FROM'),
      smtpUser: s.get<string>('MAIL_USER') || undefined,
      smtpPass: s.get<string>('MAIL_PASS') || undefined,
      smtpPort: s.getInt('MAIL_PORT'),
      smtpTls: s.getBool('MAIL_TLS'),
      smtpSsl: s.getBool('MAIL_SSL'),
      logger: crawler.logger,
      platform: crawler.adapter.name,
    });
  }

  /**
   * Sends a message. With `debug`, logs it and sends nothing.
   * @param to one address or several.
   * @throws the SMTP error (also logged as "Unable to send mail"), or NotSupportedError outside Node.
   */
  async send(to: string | string[], subject: string, body: string, options: SendOptions = {}): Promise<void> {
    const toList = typeof to === 'string' ? [to] : [...to];
    const ccList = options.cc === undefined ? [] : typeof options.cc === 'string' ? [options.cc] : [...options.cc];
    const attachments = options.attachs ?? [];
    const summary = `To=${toList.join(', ')} Cc=${ccList.join(', ')} Subject="${subject}" Attachs=${attachments.length}`;
    if (this.debug) {
      this.#logger?.debug(`Debug mail sent OK: ${summary}`);
      return;
    }
    try {
      await mailTransport(this.#platform)(this.#smtp, {
        from: this.mailFrom, to: toList, cc: ccList, subject, body,
        mimeType: options.mimeType ?? 'text/plain', charset: options.charset, attachments,
      });
    } catch (error) {
      this.#logger?.error(`Unable to send mail: ${summary}- ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    this.#logger?.info(`Mail sent OK: ${summary}`);
  }
}
