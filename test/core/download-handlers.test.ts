import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { HtmlResponse, Spider, TextResponse, type Response } from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';

describe('built-in download handlers', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'skitter-file-'));
    writeFileSync(join(dir, 'page.html'), '<html><title>from disk</title><a href="notes.txt">notes</a></html>');
    writeFileSync(join(dir, 'notes.txt'), 'plain notes');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('file: URLs are read from disk on Node; the response class follows the file', async () => {
    const start = pathToFileURL(join(dir, 'page.html')).href;
    class Files extends Spider {
      override name = 'files';
      override startUrls = [start];
      override *parse(r: Response) {
        yield { url: r.url, kind: r.constructor.name, text: r instanceof HtmlResponse ? r.css('title::text').get() : (r as TextResponse).text };
        if (r instanceof HtmlResponse) yield r.follow('notes.txt');
      }
    }
    const run = await runSpider(Files);
    expect(run.items).toEqual([
      { url: start, kind: 'HtmlResponse', text: 'from disk' },
      { url: pathToFileURL(join(dir, 'notes.txt')).href, kind: 'TextResponse', text: 'plain notes' },
    ]);
  });

  it('a missing file is a download error, not a crash', async () => {
    class Missing extends Spider {
      override name = 'missing';
      override startUrls = [pathToFileURL(join(dir, 'nope.html')).href];
    }
    const run = await runSpider(Missing, { RETRY_ENABLED: false });
    expect(run.messages('ERROR')).toHaveLength(1);
    expect(run.messages('ERROR')[0]).toMatch(/^Error downloading <GET file:.*nope\.html>: \[skitter\] FileDownloadHandler: cannot read .*nope\.html: ENOENT$/);
  });
});

describe('charset decoding end to end', () => {
  let site: DemoSite;
  beforeAll(async () => { site = await startDemoSite({ products: 10 }); });
  afterAll(() => site.close());

  it('a windows-1252 page declared only by <meta charset> decodes right', async () => {
    const url = `${site.url}/legacy`;
    class Legacy extends Spider {
      override name = 'legacy';
      override startUrls = [url];
      override parse(r: TextResponse) { return { encoding: r.encoding, text: r.css('p::text').getall().join(' ') }; }
    }
    const run = await runSpider(Legacy);
    expect(run.items).toHaveLength(1);
    expect(run.items[0].encoding).toBe('windows-1252');
    expect(run.items[0].text).toContain('Café crème, naïve façade – 25 €');
  });
});
