import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { MailSender, Request, Spider, StatsMailer, VirtualLoopAdapter } from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';

interface Received { from: string; to: string[]; data: string; user?: string }

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts. */
async function startSmtp(options: { auth?: boolean } = {}): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'bot' && auth.password === 'secret') callback(null, { user: 'bot' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      let data = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => { data += chunk; });
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
          ...(session.user ? { user: String(session.user) } : {}),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let site: DemoSite;
beforeAll(async () => {
  smtp = await startSmtp();
  site = await startDemoSite({ products: 10, pageBytes: 0 });
});
afterAll(async () => {
  await smtp.close();
  await site.close();
});

describe('MailSender against a real SMTP server', () => {
  it('sends to, cc, subject, body and attachments; the server gets one message with every recipient', async () => {
    const mailer = new MailSender({ smtpHost: '127.0.0.1', smtpPort: smtp.port, mailFrom: 'crawler@example.test' });
    await mailer.send(['a@example.test', 'b@example.test'], 'Crawl report', 'Hello from skitter', {
      cc: 'c@example.test',
      attachs: [{ name: 'items.csv', mimeType: 'text/csv', content: 'id,title\n1,Lamp\n' }],
    });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.from).toBe('crawler@example.test');
    expect(mail.to).toEqual(['a@example.test', 'b@example.test', 'c@example.test']);
    expect(mail.data).toMatch(/^Subject: Crawl report$/m);
    expect(mail.data).toMatch(/^Cc: c@example\.test$/m);
    expect(mail.data).toContain('Hello from skitter');
    expect(mail.data).toContain('filename=items.csv');
    expect(mail.data).toContain(Buffer.from('id,title\n1,Lamp\n').toString('base64'));
  });

  it('authenticates with MAIL_USER / MAIL_PASS; a refused login rejects and is logged', async () => {
    const authed = await startSmtp({ auth: true });
    try {
      const ok = new MailSender({ smtpHost: '127.0.0.1', smtpPort: authed.port, smtpUser: 'bot', smtpPass: 'secret' });
      await ok.send('x@example.test', 'hi', 'body');
      expect(authed.received.map((m) => m.user)).toEqual(['bot']);
      const logged: string[] = [];
      const bad = new MailSender({
        smtpHost: '127.0.0.1', smtpPort: authed.port, smtpUser: 'bot', smtpPass: 'wrong',
        logger: { error: (m: string) => logged.push(m) } as never,
      });
      await expect(bad.send('x@example.test', 'hi', 'body')).rejects.toThrow(/Invalid username or password/);
      expect(logged).toEqual([expect.stringMatching(/^Unable to send mail: To=x@example\.test Cc= Subject="hi" Attachs=0- .*Invalid username or password/)]);
      expect(authed.received).toHaveLength(1);
    } finally {
      await authed.close();
    }
  });

  it('debug mode logs and sends nothing', async () => {
    const before = smtp.received.length;
    const logged: string[] = [];
    await new MailSender({ debug: true, smtpPort: smtp.port, logger: { debug: (m: string) => logged.push(m) } as never }).send('d@example.test', 'dbg', 'b');
    expect(logged).toEqual(['Debug mail sent OK: To=d@example.test Cc= Subject="dbg" Attachs=0']);
    expect(smtp.received).toHaveLength(before);
  });
});

describe('StatsMailer', () => {
  it('mails the final stats when the spider closes, from the MAIL_* settings', async () => {
    class Tiny extends Spider {
      override name = 'tiny';
      override async *start() {
        yield new Request(`${site.url}/`);
      }
      override parse() {
        return { ok: true };
      }
    }
    const before = smtp.received.length;
    const run = await runSpider(Tiny, {
      LOG_LEVEL: 'INFO',
      EXTENSIONS: { StatsMailer: { use: StatsMailer, order: 500 } },
      STATSMAILER_RCPTS: ['ops@example.test'],
      MAIL_HOST: '127.0.0.1',
      MAIL_PORT: smtp.port,
      MAIL_FROM: 'skitter@example.test',
    });
    expect(smtp.received).toHaveLength(before + 1);
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toEqual(['ops@example.test']);
    expect(mail.data).toMatch(/^Subject: skitter stats for: tiny$/m);
    expect(mail.data).toContain("'item_scraped_count': 1,");
    expect(mail.data).toContain("'finish_reason': 'finished',");
    expect(run.messages('INFO')).toContain('Mail sent OK: To=ops@example.test Cc= Subject="skitter stats for: tiny" Attachs=0');
  });

  it('is off without recipients', async () => {
    class Idle extends Spider {
      override name = 'idle';
    }
    const before = smtp.received.length;
    await runSpider(Idle, { LOG_LEVEL: 'INFO', EXTENSIONS: { StatsMailer: { use: StatsMailer, order: 500 } } }, { adapter: new VirtualLoopAdapter() });
    expect(smtp.received).toHaveLength(before);
  });
});
