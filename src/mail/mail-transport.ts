import { NotSupportedError } from '../errors/not-supported-error.ts';

/** One message, as {@link MailSender.send} hands it to the platform's transport. */
export interface MailMessage {
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  /** `text/plain` or `text/html` (Scrapy's `mimetype`). */
  mimeType: string;
  charset: string | undefined;
  attachments: MailAttachment[];
}

/** A file attached to a message (Scrapy's `(attach_name, mimetype, file_object)` triple). */
export interface MailAttachment {
  name: string;
  mimeType: string;
  content: Uint8Array | string;
}

/** How to reach the SMTP server (MAIL_HOST, MAIL_PORT, MAIL_USER, MAIL_PASS, MAIL_TLS, MAIL_SSL). */
export interface SmtpOptions {
  host: string;
  port: number;
  user: string | undefined;
  password: string | undefined;
  /** Upgrade the connection with STARTTLS. */
  tls: boolean;
  /** Connect over TLS from the start (SMTPS). */
  ssl: boolean;
}

/** Sends a message over SMTP. The Node entry installs one built on nodemailer. */
export type MailTransport = (smtp: SmtpOptions, message: MailMessage) => Promise<void>;

let installed: MailTransport | undefined;

/** Sets how {@link MailSender} talks SMTP in this process (the Node entry does it). */
export function installMailTransport(transport: MailTransport): void {
  installed = transport;
}

/**
 * The installed transport.
 * @throws {NotSupportedError} where there is none: browsers cannot open SMTP connections.
 */
export function mailTransport(platform: string): MailTransport {
  if (installed) return installed;
  throw new NotSupportedError(
    `[skitter] MailSender is not supported on ${platform}: browsers and extensions cannot open SMTP connections. `
      + 'Send mail from Node, or post the data to a server of yours from a pipeline.',
  );
}
