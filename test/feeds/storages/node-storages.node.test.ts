import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NODE_FEED_STORAGES } from '../../../src/feeds/node-storages.node.ts';
import { FileFeedStorage } from '../../../src/feeds/storages/file-feed-storage.node.ts';
import { StdoutFeedStorage } from '../../../src/feeds/storages/stdout-feed-storage.node.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skitter-feeds-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeAll(storage: FileFeedStorage | StdoutFeedStorage, chunks: string[]): Promise<void> {
  const w = await storage.open();
  for (const c of chunks) await w.write(c);
  await w.close();
}

describe('FileFeedStorage', () => {
  it('creates parent folders; overwrite truncates, otherwise appends', async () => {
    const path = join(dir, 'a', 'b', 'items.jsonl');
    const feedOptions = { format: 'jsonlines' };
    await writeAll(new FileFeedStorage(path, { overwrite: false, feedOptions }), ['1\n', '2\n']);
    await writeAll(new FileFeedStorage(path, { overwrite: false, feedOptions }), ['3\n']);
    expect(await readFile(path, 'utf8')).toBe('1\n2\n3\n');
    await writeAll(new FileFeedStorage(pathToFileURL(path).href, { overwrite: true, feedOptions }), ['4\n']);
    expect(await readFile(path, 'utf8')).toBe('4\n');
  });

  it('writes the feed encoding and refuses unknown encodings', async () => {
    const path = join(dir, 'latin.csv');
    await writeAll(new FileFeedStorage(path, { overwrite: true, feedOptions: { format: 'csv', encoding: 'latin1' } }), ['café\r\n']);
    expect([...(await readFile(path))]).toEqual([0x63, 0x61, 0x66, 0xe9, 0x0d, 0x0a]);
    await expect(new FileFeedStorage(path, { overwrite: true, feedOptions: { format: 'csv', encoding: 'koi8-r' } }).open())
      .rejects.toThrow('[skitter] FileFeedStorage: encoding "koi8-r" is not supported by Node; use utf-8, latin1, ascii or utf16le.');
  });

  it('rejects open when the path is a folder', async () => {
    await writeFile(join(dir, 'f'), 'x');
    await expect(new FileFeedStorage(dir, { overwrite: true, feedOptions: { format: 'json' } }).open()).rejects.toThrow(/EISDIR/);
    await expect(new FileFeedStorage(join(dir, 'f', 'x.json'), { overwrite: true, feedOptions: { format: 'json' } }).open()).rejects.toThrow(/EEXIST|ENOTDIR/);
  });

  it('waits for drain when the stream is full (backpressure)', async () => {
    const path = join(dir, 'big.txt');
    const w = await new FileFeedStorage(path, { overwrite: true, feedOptions: { format: 'jsonlines' }, highWaterMarkBytes: 16 }).open();
    const r = w.write('x'.repeat(100));
    expect(r).toBeInstanceOf(Promise);
    await r;
    await w.close();
    expect(await readFile(path, 'utf8')).toBe('x'.repeat(100));
  });
});

describe('StdoutFeedStorage', () => {
  it('writes to an injected stream, respects backpressure and leaves it open', async () => {
    const got: string[] = [];
    const stream = new Writable({
      highWaterMark: 4,
      decodeStrings: false,
      write(chunk: string, _enc, cb) {
        got.push(chunk);
        setTimeout(cb, 1);
      },
    });
    const storage = new StdoutFeedStorage('-', { overwrite: false, feedOptions: { format: 'jsonlines' }, stream });
    const w = await storage.open();
    const first = w.write('{"a":1}\n');
    expect(first).toBeInstanceOf(Promise);
    await first;
    await w.write('{"a":2}\n');
    await w.close();
    expect(got).toEqual(['{"a":1}\n', '{"a":2}\n']);
    expect(stream.writableEnded).toBe(false);
  });
});

describe('NODE_FEED_STORAGES', () => {
  it('maps plain paths, file: and stdout:', () => {
    expect(NODE_FEED_STORAGES).toEqual({ '': FileFeedStorage, file: FileFeedStorage, stdout: StdoutFeedStorage });
  });
});
