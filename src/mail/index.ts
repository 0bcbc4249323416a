/**
 * E-mail: Scrapy's `MailSender` and the `StatsMailer` extension. Sending needs Node (SMTP);
 * elsewhere `send()` rejects with a NotSupportedError naming the platform.
 * @module
 */
export { MailSender, type MailSenderOptions, type SendOptions } from './mail-sender.ts';
export { StatsMailer } from './stats-mailer.ts';
export { installMailTransport, type MailTransport, type MailMessage, type MailAttachment, type SmtpOptions } from './mail-transport.ts';
