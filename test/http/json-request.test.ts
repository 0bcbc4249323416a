import { describe, expect, it } from 'vitest';
import { JsonRequest } from '../../src/http/json-request.ts';

const dec = new TextDecoder();

describe('JsonRequest', () => {
  it('POSTs data as JSON with JSON headers', () => {
    const r = new JsonRequest('https://api.example.com/q', { data: { q: 'é', n: [1, 2] } });
    expect(r.method).toBe('POST');
    expect(dec.decode(r.body)).toBe('{"q":"é","n":[1,2]}');
    expect(r.headers.get('Content-Type')).toBe('application/json');
    expect(r.headers.get('Accept')).toBe('application/json, text/javascript, */*; q=0.01');
  });

  it('is a GET without data and keeps given headers and method', () => {
    const r = new JsonRequest('https://api.example.com/q');
    expect(r.method).toBe('GET');
    expect(r.body.length).toBe(0);
    const p = new JsonRequest('https://api.example.com/q', { data: 1, method: 'PUT', headers: { accept: 'application/json' } });
    expect(p.method).toBe('PUT');
    expect(dec.decode(p.body)).toBe('1');
    expect(p.headers.getAll('Accept')).toEqual(['application/json']);
  });

  it('ignores data when a body is given, and replace() accepts data', () => {
    const r = new JsonRequest('https://api.example.com/q', { data: { a: 1 }, body: '{"b":2}', method: 'POST' });
    expect(dec.decode(r.body)).toBe('{"b":2}');
    const r2 = new JsonRequest('https://api.example.com/q').replace({ data: { c: 3 } });
    expect(r2).toBeInstanceOf(JsonRequest);
    expect(r2.method).toBe('POST');
    expect(dec.decode(r2.body)).toBe('{"c":3}');
  });
});
