import { describe, expect, it } from 'vitest';
import type { FeedExporter } from '../../src/feeds/exporters/exporter.ts';
import { JsonLinesExporter } from '../../src/feeds/exporters/jsonlines-exporter.ts';
import { JsonExporter } from '../../src/feeds/exporters/json-exporter.ts';
import { FeedSlot } from '../../src/feeds/feed-slot.ts';
import { DEFAULT_FEED_BUFFER_CHARS, type FeedStorage, type FeedWriter } from '../../src/feeds/storages/storage.ts';

class RecordingStorage implements FeedStorage {
  opens = 0;
  chunks: string[] = [];
  closed = false;
  /** Snapshot of the chunk count when close() was called. */
  chunksBeforeClose = -1;
  slow: boolean;
  constructor(slow = false) {
    this.slow = slow;
  }
  async open(): Promise<FeedWriter> {
    this.opens += 1;
    return {
      write: (chunk) => {
        this.chunks.push(chunk);
        return this.slow ? new Promise((r) => setTimeout(r, 0)) : undefined;
      },
      close: async () => {
        this.chunksBeforeClose = this.chunks.length;
        this.closed = true;
      },
    };
  }
}

function slot(storage: FeedStorage, storeEmpty = true, exporter: FeedExporter = new JsonLinesExporter({})): FeedSlot {
  return new FeedSlot({ uri: 'mem:x', format: 'jsonlines', exporter, storage, storeEmpty });
}

describe('FeedSlot', () => {
  it('streams 100,000 items in bounded chunks: writes start long before close', async () => {
    const storage = new RecordingStorage(true);
    const s = slot(storage, true, new JsonExporter({}));
    await s.open();
    let promises = 0;
    for (let i = 0; i < 100_000; i++) {
      const p = s.exportItem({ id: i, title: `book ${i}`, url: `http://127.0.0.1/b/${i}` });
      if (p) {
        promises += 1;
        await p;
      }
    }
    const writtenBeforeClose = storage.chunks.length;
    expect(await s.close()).toBe(true);
    expect(writtenBeforeClose).toBeGreaterThan(50);
    expect(promises).toBe(writtenBeforeClose);
    const longest = Math.max(...storage.chunks.map((c) => c.length));
    expect(longest).toBeLessThan(DEFAULT_FEED_BUFFER_CHARS + 200);
    const parsed = JSON.parse(storage.chunks.join('')) as Array<{ id: number }>;
    expect(parsed).toHaveLength(100_000);
    expect(parsed[99_999]).toEqual({ id: 99_999, title: 'book 99999', url: 'http://127.0.0.1/b/99999' });
    expect(s.itemCount).toBe(100_000);
    expect(storage.opens).toBe(1);
  });

  it('keeps order when items arrive while a write is pending', async () => {
    const storage = new RecordingStorage(true);
    const s = slot(storage);
    await s.open();
    const pending: Array<Promise<void> | undefined> = [];
    const big = 'x'.repeat(DEFAULT_FEED_BUFFER_CHARS);
    pending.push(s.exportItem({ n: 0, big }));
    for (let n = 1; n < 5; n++) pending.push(s.exportItem({ n, big }));
    await Promise.all(pending);
    await s.close();
    expect(storage.chunks.join('').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { n: number }).n)).toEqual([0, 1, 2, 3, 4]);
  });

  it('opens lazily without store_empty, and stores nothing for an empty feed', async () => {
    const storage = new RecordingStorage();
    const s = slot(storage, false);
    await s.open();
    expect(storage.opens).toBe(0);
    expect(await s.close()).toBe(false);
    expect(storage.opens).toBe(0);
    const s2 = slot(storage, false);
    await s2.exportItem({ a: 1 });
    expect(storage.opens).toBe(1);
    expect(storage.chunks).toEqual(['{"a":1}\n']);
  });

  it('filters by item_classes then item_filter', async () => {
    class A {
      v: number;
      constructor(v: number) {
        this.v = v;
      }
    }
    const storage = new RecordingStorage();
    const s = new FeedSlot({
      uri: 'mem:x', format: 'jsonlines', exporter: new JsonLinesExporter({}), storage, storeEmpty: true,
      itemClasses: [A], itemFilter: (item) => (item as A).v > 1,
    });
    await s.open();
    for (const item of [new A(1), new A(2), { v: 3 }, new A(3)]) await s.exportItem(item);
    await s.close();
    expect(storage.chunks.join('')).toBe('{"v":2}\n{"v":3}\n');
    expect(s.itemCount).toBe(2);
  });

  it('stops writing after a storage error and reports it at close', async () => {
    let writes = 0;
    const storage: FeedStorage = {
      open: async () => ({
        write: () => {
          writes += 1;
          throw new Error('disk full');
        },
        close: async () => {},
      }),
    };
    const s = slot(storage, false);
    await s.open();
    await s.exportItem({ a: 1 });
    expect(s.error).toEqual(new Error('disk full'));
    expect(s.exportItem({ a: 2 })).toBeUndefined();
    await expect(s.close()).rejects.toThrow('disk full');
    expect(writes).toBe(1);
    expect(s.itemCount).toBe(1);
  });
});
