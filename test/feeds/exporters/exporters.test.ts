import { describe, expect, it } from 'vitest';
import { CsvExporter } from '../../../src/feeds/exporters/csv-exporter.ts';
import type { FeedExporter } from '../../../src/feeds/exporters/exporter.ts';
import { JsonExporter } from '../../../src/feeds/exporters/json-exporter.ts';
import { JsonLinesExporter } from '../../../src/feeds/exporters/jsonlines-exporter.ts';
import { XmlExporter } from '../../../src/feeds/exporters/xml-exporter.ts';

function run(exporter: FeedExporter, items: unknown[]): string {
  return exporter.start() + items.map((i) => exporter.exportItem(i)).join('') + exporter.finish();
}

class Book {
  title: string;
  price: number;
  constructor(title: string, price: number) {
    this.title = title;
    this.price = price;
  }
  get label(): string {
    return `${this.title} (${this.price})`;
  }
}

describe('JsonLinesExporter', () => {
  it('writes one JSON object per line, fields in insertion order', () => {
    const text = run(new JsonLinesExporter({}), [{ b: 1, a: 'x' }, new Book('Dune', 9.5)]);
    expect(text).toBe('{"b":1,"a":"x"}\n{"title":"Dune","price":9.5}\n');
  });

  it('keeps the FEED_EXPORT_FIELDS order, skips missing fields, renames with a map', () => {
    expect(run(new JsonLinesExporter({ fields: ['price', 'title', 'isbn'] }), [new Book('Dune', 9.5)])).toBe('{"price":9.5,"title":"Dune"}\n');
    expect(run(new JsonLinesExporter({ fields: { title: 'Title', label: 'Label' } }), [new Book('Dune', 9.5)]))
      .toBe('{"Title":"Dune","Label":"Dune (9.5)"}\n');
  });

  it('ignores indent, serialises bigint/Map/Set/Date, escapes non-ASCII only for ASCII encodings', () => {
    const item = { n: 10n, m: new Map([['k', 1]]), s: new Set([1, 2]), d: new Date(Date.UTC(2024, 0, 2)), t: 'café\n"q"' };
    expect(run(new JsonLinesExporter({ indent: 4 }), [item]))
      .toBe('{"n":"10","m":{"k":1},"s":[1,2],"d":"2024-01-02T00:00:00.000Z","t":"café\\n\\"q\\""}\n');
    expect(run(new JsonLinesExporter({ encoding: null }), [{ t: 'café €' }])).toBe('{"t":"caf\\u00e9 \\u20ac"}\n');
    expect(run(new JsonLinesExporter({ encoding: 'ascii' }), [{ t: 'é' }])).toBe('{"t":"\\u00e9"}\n');
  });

  it('rejects non-object items naming the exporter', () => {
    expect(() => new JsonLinesExporter({}).exportItem('x')).toThrow('[skitter] JsonLinesExporter: items must be objects (plain objects or class instances), got string.');
    expect(() => new JsonLinesExporter({}).exportItem([1])).toThrow('got an array');
  });
});

describe('JsonExporter', () => {
  it('streams a JSON array, items separated by ",\\n"', () => {
    const text = run(new JsonExporter({}), [{ a: 1 }, { a: 2 }, { a: 'x,y' }]);
    expect(text).toBe('[\n{"a":1},\n{"a":2},\n{"a":"x,y"}\n]');
    expect(JSON.parse(text)).toEqual([{ a: 1 }, { a: 2 }, { a: 'x,y' }]);
  });

  it('writes an empty array as Scrapy does, and no line breaks with indent null', () => {
    expect(run(new JsonExporter({}), [])).toBe('[\n\n]');
    expect(JSON.parse(run(new JsonExporter({}), []))).toEqual([]);
    expect(run(new JsonExporter({ indent: null }), [{ a: 1 }, { a: 2 }])).toBe('[{"a":1},{"a":2}]');
  });

  it('pretty-prints each item with indent > 0', () => {
    const text = run(new JsonExporter({ indent: 2 }), [{ a: 1, b: [1, 2] }, { a: 2 }]);
    expect(text).toBe('[\n{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ]\n},\n{\n  "a": 2\n}\n]');
    expect(JSON.parse(text)).toEqual([{ a: 1, b: [1, 2] }, { a: 2 }]);
  });
});

describe('CsvExporter', () => {
  it('quotes commas, quotes and line breaks with csv-stringify; header from the first item', () => {
    const text = run(new CsvExporter({}), [
      { name: 'a, b', quote: 'say "hi"', lines: 'one\ntwo', n: 3 },
      { name: 'plain', extra: 'ignored', n: 4 },
    ]);
    expect(text).toBe('name,quote,lines,n\r\n"a, b","say ""hi""","one\ntwo",3\r\nplain,,,4\r\n');
  });

  it('uses FEED_EXPORT_FIELDS for the header and order (a map renames the header)', () => {
    expect(run(new CsvExporter({ fields: ['n', 'name'] }), [{ name: 'x', n: 1, z: 0 }])).toBe('n,name\r\n1,x\r\n');
    expect(run(new CsvExporter({ fields: { name: 'Name', n: 'Count' } }), [{ name: 'x', n: 1 }])).toBe('Name,Count\r\nx,1\r\n');
  });

  it('joins arrays of scalars, JSON-encodes nested values, empties null', () => {
    const item = { tags: ['a', 'b'], nested: { k: [1, { z: 'q' }] }, deep: [[1]], none: null, d: new Date(Date.UTC(2024, 0, 2)), ok: true };
    expect(run(new CsvExporter({}), [item])).toBe(
      'tags,nested,deep,none,d,ok\r\n"a,b","{""k"":[1,{""z"":""q""}]}",[[1]],,2024-01-02T00:00:00.000Z,true\r\n',
    );
  });

  it('writes nothing for an empty feed and no header when includeHeadersLine is false', () => {
    expect(run(new CsvExporter({ fields: ['a'] }), [])).toBe('');
    expect(run(new CsvExporter({ includeHeadersLine: false }), [{ a: 1 }, { a: 2 }])).toBe('1\r\n2\r\n');
  });
});

describe('XmlExporter', () => {
  it('writes Scrapy\'s shape, one item per line at indent 0, escaped', () => {
    const text = run(new XmlExporter({}), [{ name: 'a & <b>', price: 3 }, { name: 'c' }]);
    expect(text).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<items>\n<item><name>a &amp; &lt;b&gt;</name><price>3</price></item>\n<item><name>c</name></item>\n</items>',
    );
  });

  it('nests objects and arrays (as <value>) and indents with indent > 0', () => {
    const text = run(new XmlExporter({ indent: 2, fields: ['tags', 'meta', 'none'] }), [{ tags: ['x', 'y'], meta: { k: 'v' }, none: null, skip: 1 }]);
    expect(text).toBe([
      '<?xml version="1.0" encoding="utf-8"?>',
      '<items>',
      '  <item>',
      '    <tags>',
      '      <value>x</value>',
      '      <value>y</value>',
      '    </tags>',
      '    <meta>',
      '      <k>v</k>',
      '    </meta>',
      '    <none></none>',
      '  </item>',
      '</items>',
    ].join('\n'));
  });

  it('writes an empty feed and honours encoding and element names', () => {
    expect(run(new XmlExporter({}), [])).toBe('<?xml version="1.0" encoding="utf-8"?>\n<items>\n</items>');
    expect(run(new XmlExporter({ encoding: 'latin1', rootElement: 'books', itemElement: 'book', indent: null }), [{ a: 1 }]))
      .toBe('<?xml version="1.0" encoding="latin1"?>\n<books><book><a>1</a></book></books>');
  });
});
