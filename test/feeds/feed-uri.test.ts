import { describe, expect, it } from 'vitest';
import { expandFeedUri, feedBatchTimestamp, feedTimestamp, feedUriScheme, hasBatchPlaceholder } from '../../src/feeds/feed-uri.ts';

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

  it('fills %(batch_id)d with printf padding, %(batch_time)s with microseconds, through FEED_URI_PARAMS', () => {
    const spider = { name: 'books' };
    expect(expandFeedUri('%(batch_id)d-%(batch_id)05d-%(batch_id)3d.jl', spider, now, { id: 7, startedMs: now })).toBe('7-00007-  7.jl');
    expect(expandFeedUri('%(batch_id)05d.jl', spider, now)).toBe('00001.jl');
    expect(feedBatchTimestamp(now)).toBe('2024-05-06T07-08-09.123000+00-00');
    expect(expandFeedUri('%(batch_time)s.jl', spider, now + 5, { id: 2, startedMs: now })).toBe('2024-05-06T07-08-09.123000+00-00.jl');
    const hook = (params: Record<string, unknown>, s: object) => ({ ...params, extra: `${String(params.name)}-${(s as { name: string }).name.toUpperCase()}` });
    expect(expandFeedUri('%(name)s-%(extra)s-%(batch_id)d.jl', spider, now, undefined, hook)).toBe('books-books-BOOKS-1.jl');
    expect(hasBatchPlaceholder('a-%(batch_id)05d.jl')).toBe(true);
    expect(hasBatchPlaceholder('a-%(batch_time)s.jl')).toBe(true);
    expect(hasBatchPlaceholder('a-%(time)s.jl')).toBe(false);
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
