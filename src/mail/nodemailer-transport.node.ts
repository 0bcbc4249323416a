import { createRequire } from 'node:module';
import type { MailTransport } from './mail-transport.ts';

type Nodemailer = typeof import('nodemailer');
let nodemailer: Nodemailer | undefined;

/**
 * The Node mail transport: one nodemailer SMTP connection per message (as Scrapy opens one per
 * `send()`). nodemailer is loaded on the first message, so crawls that send none never load it.
 */
export const nodemailerTransport: MailTransport = async (smtp, message) => {
  nodemailer ??= createRequire(import.meta.url)('nodemailer') as Nodemailer;
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.ssl,
    requireTLS: smtp.tls,
    // Without MAIL_TLS, do not upgrade opportunistically either: Scrapy's smtptls=False sends in clear.
    ignoreTLS: !smtp.tls && !smtp.ssl,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
  });
  try {
    const textKey = message.mimeType === 'text/html' ? 'html' : 'text';
    await transporter.sendMail({
      from: message.from,
      to: message.to,
      ...(message.cc.length > 0 ? { cc: message.cc } : {}),
      subject: message.subject,
      [textKey]: message.body,
      ...(message.charset ? { encoding: message.charset } : {}),
      attachments: message.attachments.map((a) => ({
        filename: a.name,
        contentType: a.mimeType,
        content: typeof a.content === 'string' ? a.content : Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
      })),
    });
  } finally {
    transporter.close();
  }
};
