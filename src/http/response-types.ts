import { Headers } from './headers.ts';
import { HtmlResponse } from './html-response.ts';
import { Response, type ResponseClass, type ResponseInit } from './response.ts';
import { TextResponse } from './text-response.ts';
import { XmlResponse } from './xml-response.ts';

const BY_MIME: Record<string, ResponseClass> = {
  'text/html': HtmlResponse,
  'application/xhtml+xml': HtmlResponse,
  'application/vnd.wap.xhtml+xml': HtmlResponse,
  'text/xml': XmlResponse,
  'application/xml': XmlResponse,
  'application/rss+xml': XmlResponse,
  'application/atom+xml': XmlResponse,
  'application/rdf+xml': XmlResponse,
  'application/json': TextResponse,
  'application/x-json': TextResponse,
  'application/javascript': TextResponse,
  'application/x-javascript': TextResponse,
  'application/ecmascript': TextResponse,
};

// File extensions for responses whose headers say nothing useful (Python's mimetypes, trimmed).
const BY_EXTENSION: Record<string, ResponseClass> = {
  html: HtmlResponse, htm: HtmlResponse, xhtml: HtmlResponse, shtml: HtmlResponse,
  xml: XmlResponse, rss: XmlResponse, atom: XmlResponse, rdf: XmlResponse, svg: XmlResponse, xsl: XmlResponse,
  txt: TextResponse, text: TextResponse, json: TextResponse, js: TextResponse, mjs: TextResponse,
  css: TextResponse, csv: TextResponse, tsv: TextResponse, md: TextResponse,
};

/**
 * The response class for a MIME type (`text/html; charset=x` works), or `Response` when it is
 * unknown or not text.
 */
export function responseClassForMimeType(mimeType: string): ResponseClass {
  const mime = mimeType.split(';', 1)[0]!.trim().toLowerCase();
  const known = BY_MIME[mime];
  if (known) return known;
  if (mime.endsWith('+xml')) return XmlResponse;
  if (mime.endsWith('+json')) return TextResponse;
  if (mime.startsWith('text/')) return TextResponse;
  return Response;
}

function fromFilename(filename: string): ResponseClass {
  const dot = filename.lastIndexOf('.');
  if (dot < 0 || filename.indexOf('/', dot) >= 0) return Response;
  return BY_EXTENSION[filename.slice(dot + 1).toLowerCase()] ?? Response;
}

const DISPOSITION_FILENAME = /filename\*?\s*=\s*(?:UTF-8'[^']*')?(?:"([^"]*)"|([^;\s]+))/i;

function fromUrl(url: string): ResponseClass {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return Response;
  }
  return fromFilename(path);
}

/** A byte that does not occur in text: C0 controls other than tab, LF, FF, CR and ESC (ISO-2022). */
function isBinaryByte(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b;
}

const SNIFF_BYTES = 1024;
const latin1 = new TextDecoder('windows-1252');
const encoder = new TextEncoder();

function fromBody(body: Uint8Array): ResponseClass {
  const head = body.subarray(0, SNIFF_BYTES);
  for (let i = 0; i < head.length; i++) if (isBinaryByte(head[i]!)) return Response;
  const text = latin1.decode(head).replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return HtmlResponse;
  if (text.startsWith('<?xml')) return text.includes('<html') ? HtmlResponse : XmlResponse;
  if (text.includes('<html')) return HtmlResponse;
  return TextResponse;
}

/**
 * The response class for a download, in Scrapy's order: the Content-Type; if that gives no text
 * class, the Content-Disposition filename; then the URL path's extension; then the body (a body
 * starting with `<!doctype html` or `<html` is HTML, `<?xml` is XML, one with no binary bytes in
 * its first 1 KB is text). Otherwise the base `Response`. Content-Encoding is not consulted:
 * bodies reach skitter already decompressed by `fetch`.
 * @see Scrapy's `ResponseTypes.from_args`
 */
export function responseClassFor(init: ResponseInit): ResponseClass {
  const headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
  let cls: ResponseClass = Response;
  const contentType = headers.get('content-type');
  if (contentType) cls = responseClassForMimeType(contentType);
  if (cls === Response) {
    const disposition = headers.get('content-disposition');
    const m = disposition ? DISPOSITION_FILENAME.exec(disposition) : null;
    if (m) cls = fromFilename(m[1] ?? decodeURIComponentSafe(m[2]!));
  }
  if (cls === Response) cls = fromUrl(init.url);
  if (cls === Response && init.body != null) {
    cls = fromBody(typeof init.body === 'string' ? encoder.encode(init.body.slice(0, SNIFF_BYTES)) : init.body);
  }
  return cls;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Builds the response of the right class for `init` (see {@link responseClassFor}).
 * @example responseFor({ url, status, headers, body, request }) // HtmlResponse for text/html
 * @see Scrapy's `responsetypes.from_args`
 */
export function responseFor(init: ResponseInit): Response {
  const cls = responseClassFor(init);
  return new cls(init);
}
