import { describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../../src/platform/loop-adapter.ts';
import { BlobFeedStorage, type BlobFeedResult } from '../../../src/feeds/storages/blob-feed-storage.ts';
import { IndexedDbFeedStorage, parseIdbFeedUri, readIndexedDbFeed } from '../../../src/feeds/storages/indexed-db-feed-storage.ts';
import { MemoryFeedStorage } from '../../../src/feeds/storages/memory-feed-storage.ts';
import { WEB_FEED_STORAGES } from '../../../src/feeds/web-storages.ts';

function mapStore(): KeyValueStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async <T>(k: string) => map.get(k) as T | undefined,
    set: async (k, v) => void map.set(k, v),
    delete: async (k) => void map.delete(k),
    keys: async () => [...map.keys()],
    clear: async () => map.clear(),
  };
}

describe('MemoryFeedStorage', () => {
  it('collects chunks, reports them and the whole text; appends on reopen unless overwrite', async () => {
    const chunks: string[] = [];
    const closed: string[] = [];
    const feedOptions = { format: 'jsonlines', memory: { onChunk: (c: string) => chunks.push(c), onClose: (t: string, uri: string) => closed.push(`${uri}=${t}`) } };
    const storage = new MemoryFeedStorage('memory:x', { overwrite: false, feedOptions });
    let w = await storage.open();
    await w.write('a\n');
    await w.write('b\n');
    await w.close();
    w = await storage.open();
    await w.write('c\n');
    await w.close();
    expect(storage.text).toBe('a\nb\nc\n');
    expect(chunks).toEqual(['a\n', 'b\n', 'c\n']);
    expect(closed).toEqual(['memory:x=a\nb\n', 'memory:x=a\nb\nc\n']);
    const fresh = new MemoryFeedStorage('memory:y', { overwrite: true, feedOptions: { format: 'json' } });
    w = await fresh.open();
    await w.write('1');
    w = await fresh.open();
    await w.write('2');
    expect(fresh.text).toBe('2');
  });
});

describe('BlobFeedStorage', () => {
  it('hands over a Blob with the format\'s type and an object URL', async () => {
    const results: BlobFeedResult[] = [];
    const storage = new BlobFeedStorage('blob:items.csv', { overwrite: false, feedOptions: { format: 'csv', blob: { objectUrl: true, onBlob: (r) => results.push(r) } } });
    const w = await storage.open();
    await w.write('a,b\r\n');
    await w.write('1,2\r\n');
    await w.close();
    expect(results).toHaveLength(1);
    expect(results[0]!.uri).toBe('blob:items.csv');
    expect(results[0]!.blob.type).toBe('text/csv');
    expect(await results[0]!.blob.text()).toBe('a,b\r\n1,2\r\n');
    expect(results[0]!.url).toMatch(/^blob:/);
    expect(await (await fetch(results[0]!.url!)).text()).toBe('a,b\r\n1,2\r\n');
    URL.revokeObjectURL(results[0]!.url!);
    expect(storage.blob).toBe(results[0]!.blob);
  });

  it('uses an explicit type and creates no URL by default', async () => {
    const storage = new BlobFeedStorage('blob:x', { overwrite: false, feedOptions: { format: 'mine', blob: { type: 'text/x-mine' } } });
    const w = await storage.open();
    await w.write('z');
    await w.close();
    expect(storage.blob!.type).toBe('text/x-mine');
    expect(await storage.blob!.text()).toBe('z');
  });
});

describe('IndexedDbFeedStorage', () => {
  it('parses idb URIs', () => {
    expect(parseIdbFeedUri('idb://skitter-feeds/items')).toEqual({ database: 'skitter-feeds', store: 'feeds', key: 'items' });
    expect(parseIdbFeedUri('idb://db/my-store/run%201')).toEqual({ database: 'db', store: 'my-store', key: 'run 1' });
    expect(() => parseIdbFeedUri('idb://db')).toThrow('[skitter] IndexedDbFeedStorage: expected idb://<database>/<key> or idb://<database>/<store>/<key>, got "idb://db".');
  });

  it('stores each chunk as a record, appends, overwrites and reads back', async () => {
    const store = mapStore();
    const uri = 'idb://skitter-feeds/items';
    const feedOptions = { format: 'jsonlines' };
    let w = await new IndexedDbFeedStorage(uri, { overwrite: true, feedOptions, store }).open();
    await w.write('{"a":1}\n');
    await w.write('{"a":2}\n');
    await w.close();
    expect(Object.fromEntries(store.map)).toEqual({ items: { chunks: 2 }, 'items#0': '{"a":1}\n', 'items#1': '{"a":2}\n' });

    w = await new IndexedDbFeedStorage(uri, { overwrite: false, feedOptions, store }).open();
    await w.write('{"a":3}\n');
    await w.close();
    expect(await readIndexedDbFeed(uri, { store })).toBe('{"a":1}\n{"a":2}\n{"a":3}\n');

    w = await new IndexedDbFeedStorage(uri, { overwrite: true, feedOptions, store }).open();
    await w.write('{"b":1}\n');
    await w.close();
    expect(Object.fromEntries(store.map)).toEqual({ items: { chunks: 1 }, 'items#0': '{"b":1}\n' });
    expect(await readIndexedDbFeed('idb://skitter-feeds/other', { store })).toBeUndefined();
  });
});

describe('WEB_FEED_STORAGES', () => {
  it('maps the web schemes', () => {
    expect(WEB_FEED_STORAGES).toEqual({ idb: IndexedDbFeedStorage, blob: BlobFeedStorage, memory: MemoryFeedStorage });
  });
});
