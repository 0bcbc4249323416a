import { describe, expect, it } from 'vitest';
import { expandFeedUri, feedTimestamp, feedUriScheme } from '../../src/feeds/feed-uri.ts';

describe('feed URIs', () => {
  const now = Date.UTC(2024, 4, 6, 7, 8, 9, 123);

  it('formats %(time)s as Scrapy: UTC, seconds, colons replaced', () => {
    expect(feedTimestamp(now)).toBe('2024-05-06T07-08-09+00-00');
  });

  it('replaces name, time and spider attributes (getters included)', () => {
    class S {
      name = 'books';
      category = 'sci-fi';
      page = 3;
      get upper(): string {
        return this.name.toUpperCase();
      }
    }
    expect(expandFeedUri('out/%(name)s/%(category)s-%(page)d-%(upper)s-%(time)s.jsonl', new S(), now))
      .toBe('out/books/sci-fi-3-BOOKS-2024-05-06T07-08-09+00-00.jsonl');
  });

  it('names a missing attribute', () => {
    expect(() => expandFeedUri('%(nope)s.json', { name: 'x' }, now)).toThrow(
      '[skitter] FeedExporter: FEEDS URI "%(nope)s.json" uses %(nope)s but the spider has no attribute nope; set it on the spider or pass -a nope=VALUE.',
    );
  });

  it('finds the storage scheme', () => {
    expect(feedUriScheme('items.json')).toBe('');
    expect(feedUriScheme('/tmp/items.json')).toBe('');
    expect(feedUriScheme('C:\\out\\items.json')).toBe('');
    expect(feedUriScheme('file:///tmp/x.json')).toBe('file');
    expect(feedUriScheme('stdout:')).toBe('stdout');
    expect(feedUriScheme('-')).toBe('stdout');
    expect(feedUriScheme('IDB://db/items')).toBe('idb');
    expect(feedUriScheme('blob:items.csv')).toBe('blob');
  });
});
