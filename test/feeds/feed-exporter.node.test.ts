import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isNotConfigured } from '../../src/errors/not-configured.ts';
import { FeedExportExtension } from '../../src/feeds/feed-exporter.ts';
import { NODE_FEED_STORAGES } from '../../src/feeds/node-storages.node.ts';
import { FileFeedStorage } from '../../src/feeds/storages/file-feed-storage.node.ts';
import { StdoutFeedStorage } from '../../src/feeds/storages/stdout-feed-storage.node.ts';
import type { FeedStorageOptions, FeedWriter } from '../../src/feeds/storages/storage.ts';
import { fakeCrawler, messages, runFeeds, type FakeCrawler } from './fake-crawler.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skitter-feedexport-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const spider = { name: 'books', category: 'sci-fi' };
const ITEMS = [
  { title: 'Dune, "the" novel', price: 9.5, tags: ['sf', 'classic'] },
  { title: 'Line\nbreak & <xml>', price: 3 },
  { title: 'Café', price: 0, extra: 'only here' },
];

function crawlerWith(settings: Record<string, unknown>): FakeCrawler {
  const crawler = fakeCrawler({ FEED_STORAGES: { ...NODE_FEED_STORAGES }, ...settings });
  new FeedExportExtension(crawler);
  return crawler;
}

describe('FeedExportExtension', () => {
  it('writes every format to real files that parse back exactly', async () => {
    const p = (f: string) => join(dir, f);
    const closed: unknown[] = [];
    const crawler = crawlerWith({
      FEEDS: {
        [p('items.json')]: { format: 'json' },
        [p('items.jsonl')]: { format: 'jsonl' },
        [`file://${p('items.jl')}`]: { format: 'jsonlines' },
        [p('items.csv')]: { format: 'csv' },
        [p('items.xml')]: { format: 'xml' },
      },
    });
    crawler.signals.connect('feed_exporter_closed', (args) => {
      closed.push(args);
    });
    await runFeeds(crawler, spider, ITEMS);

    expect(JSON.parse(await readFile(p('items.json'), 'utf8'))).toEqual(ITEMS);
    const lines = (await readFile(p('items.jsonl'), 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual(ITEMS);
    expect(await readFile(p('items.jl'), 'utf8')).toBe(await readFile(p('items.jsonl'), 'utf8'));
    expect(await readFile(p('items.csv'), 'utf8')).toBe(
      'title,price,tags\r\n"Dune, ""the"" novel",9.5,"sf,classic"\r\n"Line\nbreak & <xml>",3,\r\nCafé,0,\r\n',
    );
    expect(await readFile(p('items.xml'), 'utf8')).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<items>\n' +
        '<item><title>Dune, "the" novel</title><price>9.5</price><tags><value>sf</value><value>classic</value></tags></item>\n' +
        '<item><title>Line\nbreak &amp; &lt;xml&gt;</title><price>3</price></item>\n' +
        '<item><title>Café</title><price>0</price><extra>only here</extra></item>\n</items>',
    );
    expect(messages(crawler).filter((m) => m.startsWith('INFO')).sort()).toEqual([
      `INFO: Stored csv feed (3 items) in: ${p('items.csv')}`,
      `INFO: Stored json feed (3 items) in: ${p('items.json')}`,
      `INFO: Stored jsonl feed (3 items) in: ${p('items.jsonl')}`,
      `INFO: Stored jsonlines feed (3 items) in: file://${p('items.jl')}`,
      `INFO: Stored xml feed (3 items) in: ${p('items.xml')}`,
    ]);
    expect(crawler.stats.getStats()).toEqual({ 'feedexport/success_count/FileFeedStorage': 5 });
    expect(closed).toHaveLength(5);
    expect(closed).toContainEqual({ uri: p('items.csv'), itemCount: 3 });
    expect(crawler.signalErrors).toEqual([]);
  });

  it('appends with overwrite false (-o) and truncates with overwrite true (-O)', async () => {
    const path = join(dir, 'out.jsonl');
    for (let run = 0; run < 2; run++) await runFeeds(crawlerWith({ FEEDS: { [path]: { format: 'jsonlines' } } }), spider, [{ run }]);
    expect(await readFile(path, 'utf8')).toBe('{"run":0}\n{"run":1}\n');
    await runFeeds(crawlerWith({ FEEDS: { [path]: { format: 'jsonlines', overwrite: true } } }), spider, [{ run: 2 }]);
    expect(await readFile(path, 'utf8')).toBe('{"run":2}\n');
  });

  it('honours FEED_STORE_EMPTY and the per-feed store_empty', async () => {
    const none = join(dir, 'none.json');
    const empty = join(dir, 'empty.json');
    const emptyCsv = join(dir, 'empty.csv');
    const crawler = crawlerWith({
      FEED_STORE_EMPTY: false,
      FEEDS: { [none]: { format: 'json' }, [empty]: { format: 'json', store_empty: true } },
    });
    await runFeeds(crawler, spider, []);
    expect(existsSync(none)).toBe(false);
    expect(await readFile(empty, 'utf8')).toBe('[\n\n]');
    expect(messages(crawler)).toEqual([`INFO: Stored json feed (0 items) in: ${empty}`]);
    await runFeeds(crawlerWith({ FEEDS: { [emptyCsv]: { format: 'csv' } } }), spider, []);
    expect(await readFile(emptyCsv, 'utf8')).toBe('');
  });

  it('orders fields by FEED_EXPORT_FIELDS (list or comma string) unless a feed sets its own', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.jsonl');
    const c = join(dir, 'c.json');
    await runFeeds(crawlerWith({
      FEED_EXPORT_FIELDS: 'price, title',
      FEED_EXPORT_INDENT: 2,
      FEEDS: { [a]: { format: 'csv' }, [b]: { format: 'jsonlines', fields: ['tags', 'title'] }, [c]: { format: 'json', indent: 0 } },
    }), spider, ITEMS);
    expect(await readFile(a, 'utf8')).toBe('price,title\r\n9.5,"Dune, ""the"" novel"\r\n3,"Line\nbreak & <xml>"\r\n0,Café\r\n');
    expect(await readFile(b, 'utf8')).toBe('{"tags":["sf","classic"],"title":"Dune, \\"the\\" novel"}\n{"title":"Line\\nbreak & <xml>"}\n{"title":"Café"}\n');
    expect(await readFile(c, 'utf8')).toBe('[\n{"price":9.5,"title":"Dune, \\"the\\" novel"},\n{"price":3,"title":"Line\\nbreak & <xml>"},\n{"price":0,"title":"Café"}\n]');
  });

  it('applies FEED_EXPORT_INDENT to JSON', async () => {
    const path = join(dir, 'i.json');
    await runFeeds(crawlerWith({ FEED_EXPORT_INDENT: 2, FEEDS: { [path]: { format: 'json' } } }), spider, [{ a: 1 }]);
    expect(await readFile(path, 'utf8')).toBe('[\n{\n  "a": 1\n}\n]');
  });

  it('expands %(name)s, %(time)s and spider attributes in URIs', async () => {
    const crawler = crawlerWith({ FEEDS: { [join(dir, '%(name)s', '%(category)s-%(time)s.jsonl')]: { format: 'jsonlines' } } });
    await runFeeds(crawler, spider, [{ a: 1 }]);
    const path = join(dir, 'books', 'sci-fi-2024-05-06T07-08-09+00-00.jsonl');
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n');
    expect(messages(crawler)).toEqual([`INFO: Stored jsonlines feed (1 items) in: ${path}`]);
  });

  it('writes to stdout through an injected stream', async () => {
    let out = '';
    const stream = new Writable({
      decodeStrings: false,
      write(chunk: string, _e, cb) {
        out += chunk;
        cb();
      },
    });
    const crawler = crawlerWith({
      FEED_STORAGES: { ...NODE_FEED_STORAGES, stdout: { create: (uri: string, o: FeedStorageOptions) => new StdoutFeedStorage(uri, { ...o, stream }) } },
      FEEDS: { '-': { format: 'csv' } },
    });
    await runFeeds(crawler, spider, [{ a: 1, b: 'x,y' }, { a: 2, b: 'z' }]);
    expect(out).toBe('a,b\r\n1,"x,y"\r\n2,z\r\n');
    expect(crawler.stats.getValue('feedexport/success_count/StdoutFeedStorage')).toBe(1);
  });

  it('streams 100,000 items to a real file, writing while the crawl runs', async () => {
    const path = join(dir, 'big.jsonl');
    const writes: number[] = [];
    let closeAtWrite = -1;
    const spying = {
      create: (uri: string, o: FeedStorageOptions) => {
        const real = new FileFeedStorage(uri, o);
        return {
          open: async (): Promise<FeedWriter> => {
            const w = await real.open();
            return {
              write: (chunk: string) => {
                writes.push(chunk.length);
                return w.write(chunk);
              },
              close: () => {
                closeAtWrite = writes.length;
                return w.close();
              },
            };
          },
        };
      },
    };
    const crawler = crawlerWith({ FEED_STORAGES: { '': spying }, FEEDS: { [path]: { format: 'jsonlines' } } });
    let writesAtItem50k = -1;
    function* items() {
      for (let i = 0; i < 100_000; i++) {
        if (i === 50_000) writesAtItem50k = writes.length;
        yield { id: i, name: `item ${i}`, url: `http://127.0.0.1/items/${i}` };
      }
    }
    await runFeeds(crawler, spider, items());
    expect(writesAtItem50k).toBeGreaterThan(20);
    expect(closeAtWrite).toBe(writes.length);
    expect(Math.max(...writes)).toBeLessThan(64 * 1024 + 100);
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(100_001);
    expect(JSON.parse(lines[99_999]!)).toEqual({ id: 99_999, name: 'item 99999', url: 'http://127.0.0.1/items/99999' });
    expect(messages(crawler)).toEqual([`INFO: Stored jsonlines feed (100000 items) in: ${path}`]);
  });

  it('filters by item_classes and item_filter', async () => {
    class Book {
      title: string;
      constructor(title: string) {
        this.title = title;
      }
    }
    const path = join(dir, 'books.jsonl');
    await runFeeds(crawlerWith({
      FEEDS: { [path]: { format: 'jsonlines', item_classes: [Book], item_filter: (b: unknown) => (b as Book).title !== 'skip' } },
    }), spider, [new Book('a'), { title: 'plain' }, new Book('skip'), new Book('b')]);
    expect(await readFile(path, 'utf8')).toBe('{"title":"a"}\n{"title":"b"}\n');
  });

  it('logs a failed feed and counts it, while the other feeds are stored', async () => {
    const good = join(dir, 'good.jsonl');
    const crawler = crawlerWith({ FEEDS: { [dir]: { format: 'jsonlines' }, [good]: { format: 'jsonlines' } } });
    await runFeeds(crawler, spider, [{ a: 1 }]);
    expect(await readFile(good, 'utf8')).toBe('{"a":1}\n');
    expect(messages(crawler).sort()).toEqual([
      `ERROR: Error opening jsonlines feed in: ${dir}; closing the spider`,
      `ERROR: Error storing jsonlines feed (0 items) in: ${dir}`,
      `INFO: Stored jsonlines feed (1 items) in: ${good}`,
    ]);
    expect(crawler.stats.getStats()).toEqual({ 'feedexport/failed_count/FileFeedStorage': 1, 'feedexport/success_count/FileFeedStorage': 1 });
  });

  it('is NotConfigured without FEEDS', () => {
    let error: unknown;
    try {
      new FeedExportExtension(fakeCrawler({}));
    } catch (e) {
      error = e;
    }
    expect(isNotConfigured(error)).toBe(true);
  });

  it('names unknown formats and schemes with the known ones', () => {
    expect(() => crawlerWith({ FEEDS: { 'x.yaml': { format: 'yaml' } } })).toThrow(
      '[skitter] FeedExporter: unknown feed format "yaml" for FEEDS["x.yaml"]; known formats: csv, jl, json, jsonl, jsonlines, xml. Add exporters with FEED_EXPORTERS.',
    );
    expect(() => crawlerWith({ FEEDS: { 's3://bucket/x.json': { format: 'json' } } })).toThrow(
      '[skitter] FeedExporter: no feed storage for the "s3" scheme (FEEDS["s3://bucket/x.json"]); known schemes: \'\' (plain paths), file, stdout. ' +
        'Node has file and stdout, web builds idb, blob and memory; add storages with FEED_STORAGES.',
    );
    expect(() => crawlerWith({ FEEDS: { 'x.json': 'json' } })).toThrow('[skitter] FeedExporter: FEEDS["x.json"] must be an object with a format');
  });

  it('uses FEED_EXPORTERS over the built-in formats', async () => {
    class UpperExporter {
      start() {
        return '';
      }
      exportItem(item: unknown) {
        return `${String((item as { t: string }).t).toUpperCase()}\n`;
      }
      finish() {
        return 'END\n';
      }
    }
    const path = join(dir, 'x.txt');
    await runFeeds(crawlerWith({ FEED_EXPORTERS: { upper: UpperExporter, xml: null }, FEEDS: { [path]: { format: 'upper' } } }), spider, [{ t: 'a' }, { t: 'b' }]);
    expect(await readFile(path, 'utf8')).toBe('A\nB\nEND\n');
    expect(() => crawlerWith({ FEED_EXPORTERS: { xml: null }, FEEDS: { [path]: { format: 'xml' } } })).toThrow('unknown feed format "xml"');
  });
});
