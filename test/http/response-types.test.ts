import { describe, expect, it } from 'vitest';
import { HtmlResponse } from '../../src/http/html-response.ts';
import { Response } from '../../src/http/response.ts';
import { responseClassFor, responseFor } from '../../src/http/response-types.ts';
import { TextResponse } from '../../src/http/text-response.ts';
import { XmlResponse } from '../../src/http/xml-response.ts';
import { Request } from '../../src/http/request.ts';

const enc = new TextEncoder();
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

describe('responseFor', () => {
  it.each([
    ['text/html; charset=utf-8', HtmlResponse],
    ['application/xhtml+xml', HtmlResponse],
    ['application/xml', XmlResponse],
    ['text/xml', XmlResponse],
    ['application/rss+xml', XmlResponse],
    ['application/atom+xml', XmlResponse],
    ['image/svg+xml', XmlResponse],
    ['text/plain', TextResponse],
    ['text/csv', TextResponse],
    ['application/json', TextResponse],
    ['application/ld+json', TextResponse],
    ['application/javascript', TextResponse],
    ['application/x-javascript', TextResponse],
    ['image/png', Response],
  ])('Content-Type %s', (type, cls) => {
    expect(responseClassFor({ url: 'https://x/file', headers: { 'Content-Type': type }, body: png })).toBe(cls);
  });

  it('falls back to Content-Disposition, then the URL extension', () => {
    const octet = { 'Content-Type': 'application/octet-stream' };
    expect(responseClassFor({ url: 'https://x/dl', headers: { ...octet, 'Content-Disposition': 'attachment; filename="feed.xml"' }, body: png })).toBe(XmlResponse);
    expect(responseClassFor({ url: 'https://x/dl', headers: { 'Content-Disposition': "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.txt" }, body: png })).toBe(TextResponse);
    expect(responseClassFor({ url: 'https://x/page.HTML?x=1', headers: octet, body: png })).toBe(HtmlResponse);
    expect(responseClassFor({ url: 'https://x/data.json', body: png })).toBe(TextResponse);
    expect(responseClassFor({ url: 'https://x/sitemap.xml', body: png })).toBe(XmlResponse);
    expect(responseClassFor({ url: 'https://x/a.b/file', body: png })).toBe(Response);
  });

  it('sniffs the body last', () => {
    const sniff = (s: string) => responseClassFor({ url: 'https://x/', body: enc.encode(s) });
    expect(sniff('  <!DOCTYPE html><html>')).toBe(HtmlResponse);
    expect(sniff('<HTML><body>')).toBe(HtmlResponse);
    expect(sniff('<!-- c --><html>')).toBe(HtmlResponse);
    expect(sniff('<?xml version="1.0"?><rss/>')).toBe(XmlResponse);
    expect(sniff('\uFEFF<?xml version="1.0"?><urlset/>')).toBe(XmlResponse);
    expect(sniff('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">')).toBe(HtmlResponse);
    expect(sniff('plain words\r\n\tand tabs')).toBe(TextResponse);
    expect(sniff('')).toBe(TextResponse);
    expect(responseClassFor({ url: 'https://x/', body: png })).toBe(Response);
    expect(responseClassFor({ url: 'https://x/' })).toBe(Response);
  });

  it('builds the response with all fields', () => {
    const request = new Request('https://x/');
    const r = responseFor({ url: 'https://x/', status: 201, headers: { 'content-type': 'text/html' }, body: enc.encode('<p>hi</p>'), request, flags: ['f'], protocol: 'HTTP/1.1', ip: '127.0.0.1' });
    expect(r).toBeInstanceOf(HtmlResponse);
    expect([r.status, r.request, r.flags, r.protocol, r.ip]).toEqual([201, request, ['f'], 'HTTP/1.1', '127.0.0.1']);
    expect(r.css('p::text').get()).toBe('hi');
  });
});
