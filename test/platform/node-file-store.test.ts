import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore, encodeFileName } from '../../src/platform/node-file-store.ts';

describe('FileStore', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'skitter-file-store-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('encodes keys as portable, case-safe file names', () => {
    expect(encodeFileName('page/1?x=é')).toBe('page%2F1%3Fx%3D%C3%A9');
    expect(encodeFileName('..')).toBe('%2E%2E');
    expect(encodeFileName('Ab*~')).toBe('%41b%2A%7E');
  });

  it('creates its directory on first write and writes one JSON file per key, atomically', async () => {
    const store = new FileStore(join(root, 'ns'));
    expect(await store.keys()).toEqual([]);
    expect(await store.get('x')).toBeUndefined();
    await store.set('Key/1', { n: 1 });
    await store.set('Key/1', { n: 2 });
    expect(await readdir(join(root, 'ns'))).toEqual(['%4Bey%2F1.json']);
    expect(JSON.parse(await readFile(join(root, 'ns', '%4Bey%2F1.json'), 'utf8'))).toEqual({ key: 'Key/1', value: { n: 2 } });
  });

  it('keeps keys that differ only in case or are dot names apart', async () => {
    const store = new FileStore(root);
    await store.set('a', 1);
    await store.set('A', 2);
    await store.set('..', 3);
    await store.set('.', 4);
    expect(await store.keys()).toEqual(['.', '..', 'A', 'a']);
    expect([await store.get('a'), await store.get('A'), await store.get('..'), await store.get('.')]).toEqual([1, 2, 3, 4]);
  });

  it('stores keys too long for a file name under a hash', async () => {
    const store = new FileStore(root);
    const long = `https://example.com/${'x'.repeat(500)}`;
    await store.set(long, 'v');
    const [name] = await readdir(root);
    expect(name).toMatch(/^~[0-9a-f]{64}\.json$/);
    expect(await store.get(long)).toBe('v');
    expect(await store.keys()).toEqual([long]);
    await store.delete(long);
    expect(await readdir(root)).toEqual([]);
  });

  it('round-trips values through JSON', async () => {
    const store = new FileStore(root);
    await store.set('date', new Date(0));
    await store.set('nothing', undefined);
    expect(await store.get('date')).toBe('1970-01-01T00:00:00.000Z');
    expect(await store.get('nothing')).toBeUndefined();
    expect(await store.keys()).toEqual(['date', 'nothing']);
  });

  it('clears by removing its directory', async () => {
    const store = new FileStore(join(root, 'gone'));
    await store.set('a', 1);
    await store.clear();
    expect(await readdir(root)).toEqual([]);
    expect(await store.keys()).toEqual([]);
  });
});
