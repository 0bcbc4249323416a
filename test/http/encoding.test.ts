import { describe, expect, it } from 'vitest';
import { decodeBody, detectEncoding, normalizeEncoding } from '../../src/http/encoding.ts';
import { HtmlResponse } from '../../src/http/html-response.ts';
import { TextResponse } from '../../src/http/text-response.ts';
import { XmlResponse } from '../../src/http/xml-response.ts';

const ascii = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: (Uint8Array | number[])[]) => new Uint8Array(parts.flatMap((p) => [...p]));

describe('normalizeEncoding', () => {
  it('maps labels to WHATWG names and rejects unknown ones', () => {
    expect(normalizeEncoding('latin1')).toBe('windows-1252');
    expect(normalizeEncoding('ISO-8859-1')).toBe('windows-1252');
    expect(normalizeEncoding('ascii')).toBe('windows-1252');
    expect(normalizeEncoding('SJIS')).toBe('shift_jis');
    expect(normalizeEncoding('Shift_JIS')).toBe('shift_jis');
    expect(normalizeEncoding('cp932')).toBe('shift_jis');
    expect(normalizeEncoding(' UTF8 ')).toBe('utf-8');
    expect(normalizeEncoding('gb2312')).toBe('gbk');
    expect(normalizeEncoding('no-such-charset')).toBeNull();
  });
});

describe('detectEncoding', () => {
  // "café" in windows-1252: 0xE9 is é.
  const cp1252 = concat(ascii('<p>caf'), [0xe9], ascii('</p>'));
  // 日本 in Shift_JIS.
  const sjis = concat(ascii('<p>'), [0x93, 0xfa, 0x96, 0x7b], ascii('</p>'));

  it('uses the Content-Type charset', () => {
    expect(detectEncoding(cp1252, 'text/html; charset=ISO-8859-1', 'html')).toBe('windows-1252');
    expect(detectEncoding(sjis, 'text/html; charset="Shift_JIS"', 'html')).toBe('shift_jis');
    expect(decodeBody(cp1252, 'windows-1252')).toBe('<p>café</p>');
    expect(decodeBody(sjis, 'shift_jis')).toBe('<p>日本</p>');
  });

  it('puts the BOM first, and decodeBody strips it', () => {
    const utf8Bom = concat([0xef, 0xbb, 0xbf], new TextEncoder().encode('hé'));
    expect(detectEncoding(utf8Bom, 'text/html; charset=windows-1252', 'html')).toBe('utf-8');
    expect(decodeBody(utf8Bom, 'utf-8')).toBe('hé');
    const utf16le = new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0xe9, 0x00]);
    expect(detectEncoding(utf16le, null, 'text')).toBe('utf-16le');
    expect(decodeBody(utf16le, 'utf-16le')).toBe('hé');
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0x00, 0x68]), null, 'xml')).toBe('utf-16be');
  });

  it('reads <meta charset> and <meta http-equiv> for html only', () => {
    const meta = concat(ascii('<html><head><meta charset="shift_jis"></head><body>'), [0x93, 0xfa, 0x96, 0x7b]);
    expect(detectEncoding(meta, 'text/html', 'html')).toBe('shift_jis');
    const equiv = concat(ascii('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">caf'), [0xe9]);
    expect(detectEncoding(equiv, null, 'html')).toBe('windows-1252');
    expect(detectEncoding(ascii('<meta charset="shift_jis">'), null, 'text')).toBe('utf-8');
    expect(detectEncoding(ascii('<meta charset="utf-16">'), null, 'html')).toBe('utf-8');
  });

  it('the header wins over the meta tag; an unknown header label falls through to it', () => {
    const page = concat(ascii('<meta charset="windows-1252">'), [0xe6, 0x97, 0xa5]);
    expect(detectEncoding(page, 'text/html; charset=utf-8', 'html')).toBe('utf-8');
    expect(detectEncoding(page, 'text/html; charset=bogus', 'html')).toBe('windows-1252');
  });

  it('reads the XML declaration', () => {
    const xml = concat(ascii('<?xml version="1.0" encoding="Shift_JIS"?><a>'), [0x93, 0xfa], ascii('</a>'));
    expect(detectEncoding(xml, 'application/xml', 'xml')).toBe('shift_jis');
    expect(detectEncoding(ascii("  <?xml version='1.0' encoding='latin1'?><a/>"), null, 'xml')).toBe('windows-1252');
  });

  it('infers utf-8 for valid UTF-8 and windows-1252 otherwise', () => {
    expect(detectEncoding(new TextEncoder().encode('日本'), null, 'html')).toBe('utf-8');
    expect(detectEncoding(cp1252, null, 'html')).toBe('windows-1252');
    expect(detectEncoding(new Uint8Array(), null, 'text')).toBe('utf-8');
  });

  it('decodeBody rejects unknown labels', () => {
    expect(() => decodeBody(ascii('x'), 'nope')).toThrow(new RangeError('[skitter] decodeBody: unknown encoding "nope"'));
  });
});

describe('responses decode with the detected encoding', () => {
  it('a windows-1252 page, a Shift_JIS page, a meta-declared page and an XML feed', () => {
    const cp = new HtmlResponse({ url: 'https://x/', headers: { 'content-type': 'text/html; charset=latin1' }, body: concat(ascii('<p>caf'), [0xe9], ascii('</p>')) });
    expect(cp.text).toBe('<p>café</p>');
    expect(cp.css('p::text').get()).toBe('café');
    const jp = new HtmlResponse({ url: 'https://x/', body: concat(ascii('<meta charset="sjis"><p>'), [0x93, 0xfa, 0x96, 0x7b], ascii('</p>')) });
    expect(jp.encoding).toBe('shift_jis');
    expect(jp.css('p::text').get()).toBe('日本');
    const xml = new XmlResponse({ url: 'https://x/', body: concat(ascii('<?xml version="1.0" encoding="shift_jis"?><a>'), [0x93, 0xfa], ascii('</a>')) });
    expect(xml.xpath('//a/text()').get()).toBe('日');
    const text = new TextResponse({ url: 'https://x/', body: concat(ascii('<meta charset="shift_jis">'), [0xe9]) });
    expect(text.encoding).toBe('windows-1252');
  });
});
