import { describe, expect, it } from 'vitest';
import { exportItems, exportItemsBlob } from '../../../src/feeds/export-items.ts';
import {
  deleteIndexedDbFeed, IndexedDbFeedStorage, readIndexedDbFeedItems,
} from '../../../src/feeds/storages/indexed-db-feed-storage.ts';
import type { KeyValueStore } from '../../../src/platform/loop-adapter.ts';

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

const URI = 'idb://runs/run-1';

describe('reading an IndexedDB feed back, deleting it, exporting its items', () => {
  it('readIndexedDbFeedItems parses every JSON line across chunks; deleteIndexedDbFeed removes meta and chunks', async () => {
    const store = mapStore();
    const writer = await new IndexedDbFeedStorage(URI, { overwrite: true, feedOptions: { format: 'jsonlines' }, store, bufferChars: 0 }).open();
    expect(writer.bufferChars).toBe(0);
    await writer.write('{"a":1}\n{"a":2}\n');
    await writer.write('{"a":"x, \\"y\\""}\n');
    await writer.close();
    expect(await readIndexedDbFeedItems(URI, { store })).toEqual([{ a: 1 }, { a: 2 }, { a: 'x, "y"' }]);
    expect([...store.map.keys()].sort()).toEqual(['run-1', 'run-1#0', 'run-1#1']);
    await deleteIndexedDbFeed(URI, { store });
    expect(store.map.size).toBe(0);
    expect(await readIndexedDbFeedItems(URI, { store })).toBeUndefined();
    await deleteIndexedDbFeed(URI, { store });
  });

  it('names the line that is not JSON', async () => {
    const store = mapStore();
    const writer = await new IndexedDbFeedStorage(URI, { overwrite: true, feedOptions: { format: 'csv' }, store }).open();
    await writer.write('{"a":1}\na,b\n');
    await expect(readIndexedDbFeedItems(URI, { store })).rejects.toThrow(/line 2 of idb:\/\/runs\/run-1 is not JSON.*jsonlines/);
  });

  it('exportItems writes what the feed exporters write; exportItemsBlob types the file', async () => {
    const items = [{ name: 'a, b', price: 2 }, { name: 'c', price: 3.5 }];
    expect(exportItems(items, 'csv')).toBe('name,price\r\n"a, b",2\r\nc,3.5\r\n');
    expect(exportItems(items, 'jsonlines')).toBe('{"name":"a, b","price":2}\n{"name":"c","price":3.5}\n');
    expect(JSON.parse(exportItems(items, 'json'))).toEqual(items);
    expect(exportItems([], 'json')).toBe('[\n\n]');
    const blob = exportItemsBlob(items, 'csv');
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(await blob.text()).toBe(exportItems(items, 'csv'));
    expect(() => exportItems(items, 'yaml')).toThrow(/unknown format "yaml"; use one of json, jsonlines, jsonl, jl, csv, xml/);
  });
});
