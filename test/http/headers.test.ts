import { describe, expect, it } from 'vitest';
import { Headers } from '../../src/http/headers.ts';

describe('Headers', () => {
  it('is case-insensitive and keeps the casing of the first set', () => {
    const h = new Headers({ 'Content-Type': 'text/html', 'X-Count': 3 });
    expect(h.get('content-type')).toBe('text/html');
    expect(h.get('CONTENT-TYPE')).toBe('text/html');
    expect(h.get('x-count')).toBe('3');
    h.set('content-type', 'text/plain');
    expect([...h.keys()]).toEqual(['Content-Type', 'X-Count']);
    expect(h.get('Content-Type')).toBe('text/plain');
    expect(h.has('CONTENT-type')).toBe(true);
    expect(h.get('missing')).toBeNull();
    expect(h.getAll('missing')).toEqual([]);
  });

  it('keeps multiple values, joined by get and split by entries', () => {
    const h = new Headers([['Set-Cookie', 'a=1'], ['set-cookie', 'b=2; Path=/'], ['Accept', '*/*']]);
    expect(h.getAll('SET-COOKIE')).toEqual(['a=1', 'b=2; Path=/']);
    expect(h.get('set-cookie')).toBe('a=1, b=2; Path=/');
    expect(h.size).toBe(2);
    expect([...h.entries()]).toEqual([['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2; Path=/'], ['Accept', '*/*']]);
    expect([...h]).toEqual([...h.entries()]);
    expect(h.toRecord()).toEqual({ 'Set-Cookie': 'a=1, b=2; Path=/', Accept: '*/*' });
    h.append('accept', 'text/html');
    expect(h.getAll('Accept')).toEqual(['*/*', 'text/html']);
    h.set('Accept', ['a', 'b']);
    expect(h.getAll('accept')).toEqual(['a', 'b']);
    expect(h.toString()).toBe('Set-Cookie: a=1\r\nSet-Cookie: b=2; Path=/\r\nAccept: a\r\nAccept: b');
  });

  it('setDefault sets only when absent and returns the value in place', () => {
    const h = new Headers({ Accept: 'text/html' });
    expect(h.setDefault('accept', 'application/json')).toBe('text/html');
    expect(h.setDefault('User-Agent', 'skitter')).toBe('skitter');
    expect(h.toRecord()).toEqual({ Accept: 'text/html', 'User-Agent': 'skitter' });
  });

  it('delete and copy are independent', () => {
    const h = new Headers({ A: ['1', '2'], B: '3' });
    const c = h.copy();
    expect(h.delete('a')).toBe(true);
    expect(h.delete('a')).toBe(false);
    expect(h.has('A')).toBe(false);
    c.append('A', '4');
    expect(c.getAll('a')).toEqual(['1', '2', '4']);
    expect(new Headers(c).getAll('a')).toEqual(['1', '2', '4']);
    expect(h.size).toBe(1);
  });

  it('reads web Headers, keeping Set-Cookie values apart', () => {
    const web = new globalThis.Headers();
    web.append('Content-Type', 'text/html');
    web.append('Set-Cookie', 'a=1, x');
    web.append('Set-Cookie', 'b=2');
    const h = new Headers(web);
    expect(h.get('content-type')).toBe('text/html');
    expect(h.getAll('set-cookie')).toEqual(['a=1, x', 'b=2']);
  });
});
