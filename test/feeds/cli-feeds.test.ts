import { describe, expect, it } from 'vitest';
import { feedsFromCliArgs } from '../../src/feeds/cli-feeds.ts';

describe('feedsFromCliArgs', () => {
  it('infers formats from extensions; -o appends', () => {
    expect(feedsFromCliArgs(['items.jsonl', 'a.jl', 'b.jsonlines', 'out/c.JSON', 'd.csv', 'e.xml'], [])).toEqual({
      'items.jsonl': { format: 'jsonlines', overwrite: false },
      'a.jl': { format: 'jsonlines', overwrite: false },
      'b.jsonlines': { format: 'jsonlines', overwrite: false },
      'out/c.JSON': { format: 'json', overwrite: false },
      'd.csv': { format: 'csv', overwrite: false },
      'e.xml': { format: 'xml', overwrite: false },
    });
  });

  it('-O overwrites; an explicit :format wins; - is stdout', () => {
    expect(feedsFromCliArgs([], ['out.csv', 'out.json:jsonlines', '-:csv', 'file:///tmp/x.xml'])).toEqual({
      'out.csv': { format: 'csv', overwrite: true },
      'out.json': { format: 'jsonlines', overwrite: true },
      'stdout:': { format: 'csv', overwrite: true },
      'file:///tmp/x.xml': { format: 'xml', overwrite: true },
    });
  });

  it('accepts extra formats given by FEED_EXPORTERS', () => {
    expect(feedsFromCliArgs(['x.txt:yaml'], [], ['json', 'yaml'])).toEqual({ 'x.txt': { format: 'yaml', overwrite: false } });
  });

  it('names the file whose format cannot be inferred', () => {
    expect(() => feedsFromCliArgs(['items.txt'], [])).toThrow(
      '[skitter] crawl: cannot infer the feed format of "items.txt"; use a known extension (.json, .jsonl, .jl, .jsonlines, .csv, .xml) or add one: -o items.txt:FORMAT with FORMAT one of json, jsonlines, jsonl, jl, csv, xml.',
    );
    expect(() => feedsFromCliArgs(['-'], [])).toThrow('cannot infer the feed format of "-"');
    expect(() => feedsFromCliArgs(['out.json:yaml'], [])).toThrow('cannot infer the feed format of "out.json:yaml"');
  });

  it('refuses -o with -O, as Scrapy', () => {
    expect(() => feedsFromCliArgs(['a.json'], ['b.json'])).toThrow('[skitter] crawl: use only one of -o/--output (append) and -O/--overwrite-output.');
  });
});
