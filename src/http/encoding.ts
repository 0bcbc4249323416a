/**
 * Character-encoding detection and decoding for text responses, in the order of w3lib's
 * `html_to_unicode`: byte-order mark, then the Content-Type charset, then the document's own
 * declaration, then inference.
 * @module
 */

/** How a body declares its encoding: `<meta>` tags for html, `<?xml encoding?>` for xml, none for text. */
export type EncodingKind = 'html' | 'xml' | 'text';

/** How many leading bytes are searched for an in-document declaration (w3lib's limit). */
const DECLARATION_SEARCH_BYTES = 4096;

// Python codec names that pages and users write but that are not WHATWG labels.
const EXTRA_ALIASES: Record<string, string> = {
  cp932: 'shift_jis',
  'latin-1': 'windows-1252',
  latin_1: 'windows-1252',
  utf_8: 'utf-8',
  'utf8mb4': 'utf-8',
  cp936: 'gbk',
  euc_jp: 'euc-jp',
  euc_kr: 'euc-kr',
};

const labelCache = new Map<string, string | null>();
const decoders = new Map<string, TextDecoder>();
const asciiDecoder = new TextDecoder('windows-1252');
const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/**
 * The WHATWG canonical name for an encoding label (`latin1` -> `windows-1252`, `sjis` ->
 * `shift_jis`), or `null` for a label the platform's `TextDecoder` does not know.
 * @see https://encoding.spec.whatwg.org/#names-and-labels
 */
export function normalizeEncoding(label: string): string | null {
  const key = label.trim().toLowerCase();
  const cached = labelCache.get(key);
  if (cached !== undefined) return cached;
  let name: string | null = null;
  for (const candidate of [key, EXTRA_ALIASES[key]]) {
    if (!candidate) continue;
    try {
      name = new TextDecoder(candidate).encoding;
      break;
    } catch {
      // Unknown label: try the alias, else fall through to the next source.
    }
  }
  labelCache.set(key, name);
  return name;
}

function bomEncoding(body: Uint8Array): string | null {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return null;
}

const CHARSET_PARAM = /;\s*charset\s*=\s*("([^"]*)"|'([^']*)'|[^\s;"']+)/i;

/** The `charset` parameter of a Content-Type value, unquoted, or `null`. */
export function contentTypeCharset(contentType: string | null): string | null {
  if (!contentType) return null;
  const m = CHARSET_PARAM.exec(contentType);
  if (!m) return null;
  return (m[2] ?? m[3] ?? m[1]!).trim() || null;
}

// <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
const META_CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)/i;
const XML_DECLARATION = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']\s*([a-zA-Z][a-zA-Z0-9_.:+-]*)/;

function declaredInBody(body: Uint8Array, kind: EncodingKind): string | null {
  if (kind === 'text') return null;
  // Declarations are ASCII, and every supported encoding but UTF-16 (caught by the BOM) keeps
  // ASCII bytes as they are, so a single-byte decode of the head is enough to search it.
  const head = asciiDecoder.decode(body.subarray(0, DECLARATION_SEARCH_BYTES));
  const xml = XML_DECLARATION.exec(head);
  if (xml) return xml[1]!;
  if (kind === 'html') {
    const meta = META_CHARSET.exec(head);
    if (meta) {
      // HTML spec: a UTF-16 label in a meta tag of an ASCII-compatible document means UTF-8.
      return /^utf-?16/i.test(meta[1]!) ? 'utf-8' : meta[1]!;
    }
  }
  return null;
}

/** True when `body` is valid UTF-8 (checked without building a string). */
function isUtf8(body: Uint8Array): boolean {
  let i = 0;
  const n = body.length;
  while (i < n && body[i]! < 0x80) i++;
  if (i === n) return true;
  try {
    utf8Fatal.decode(body.subarray(i));
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding to decode a response body with, as a WHATWG canonical name. Order: a byte-order
 * mark; the Content-Type `charset`; for `html` a `<meta charset>` or
 * `<meta http-equiv="content-type" content="...; charset=...">` (or an XML declaration, for XHTML)
 * in the first 4 KB, for `xml` the `<?xml ... encoding="..."?>` declaration; else `utf-8` when
 * the body is valid UTF-8 and `windows-1252` when it is not (Scrapy's inference). Labels are
 * normalised the WHATWG way; labels the platform does not know are skipped.
 * @param body the raw body.
 * @param contentType the Content-Type header value, or `null`.
 * @param kind which in-document declarations to honour.
 * @see w3lib's `html_to_unicode` and Scrapy's `TextResponse.encoding`
 */
export function detectEncoding(body: Uint8Array, contentType: string | null, kind: EncodingKind): string {
  const bom = bomEncoding(body);
  if (bom) return bom;
  const fromHeader = contentTypeCharset(contentType);
  const headerEncoding = fromHeader ? normalizeEncoding(fromHeader) : null;
  if (headerEncoding) return headerEncoding;
  const fromBody = declaredInBody(body, kind);
  const bodyEncoding = fromBody ? normalizeEncoding(fromBody) : null;
  if (bodyEncoding) return bodyEncoding;
  return isUtf8(body) ? 'utf-8' : 'windows-1252';
}

/**
 * Decodes `body` with `encoding` (any label `TextDecoder` knows), replacing invalid sequences
 * with U+FFFD and dropping a leading byte-order mark.
 * @throws {RangeError} for an encoding label the platform does not know.
 */
export function decodeBody(body: Uint8Array, encoding: string): string {
  let decoder = decoders.get(encoding);
  if (decoder === undefined) {
    const name = normalizeEncoding(encoding);
    if (name === null) throw new RangeError(`[skitter] decodeBody: unknown encoding "${encoding}"`);
    decoder = decoders.get(name) ?? new TextDecoder(name);
    decoders.set(name, decoder);
    decoders.set(encoding, decoder);
  }
  return decoder.decode(body);
}
