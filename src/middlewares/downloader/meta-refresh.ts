/**
 * Reads `<meta http-equiv="refresh" content="5; url=...">` from the start of an HTML page.
 * @module
 */

/** How much of the page is searched, in characters (as Scrapy). */
const HEAD_CHARS = 4096;
const META_TAG = /<meta\s[^>]*>/gi;
const BASE_TAG = /<base\s[^>]*>/i;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const CONTENT = /^\s*(\d*\.?\d+)\s*[;,]\s*url\s*=\s*(.*)$/is;
const REFRESH_WORD = /refresh/i;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** A meta refresh found in a page: the delay in seconds and the absolute target URL. */
export interface MetaRefresh {
  /** Delay in seconds. */
  interval: number;
  /** Absolute URL, resolved against the page's `<base href>` or URL. */
  url: string;
}

/**
 * The meta refresh of an HTML page, or `null` when it has none with a URL. Only the first 4096
 * characters are searched; comments and the content of `ignoreTags` (e.g. `noscript`) are skipped.
 * @see Scrapy's `scrapy.utils.response.get_meta_refresh` (w3lib.html.get_meta_refresh)
 */
export function getMetaRefresh(text: string, pageUrl: string, ignoreTags: readonly string[] = []): MetaRefresh | null {
  let head = text.slice(0, HEAD_CHARS);
  // A refresh needs http-equiv="refresh" spelled out: most pages are rejected here, before the
  // regular expressions copy and scan their head.
  if (!REFRESH_WORD.test(head)) return null;
  for (const tag of ignoreTags) {
    const name = tag.replace(/[^\w-]/g, '');
    if (name) head = head.replace(new RegExp(`<${name}\\b[\\s\\S]*?</${name}\\s*>`, 'gi'), '');
  }
  head = head.replace(COMMENT, '');
  for (const match of head.matchAll(META_TAG)) {
    const attrs = attributes(match[0]);
    if (attrs['http-equiv']?.trim().toLowerCase() !== 'refresh') continue;
    const content = CONTENT.exec(decodeEntities(attrs.content ?? ''));
    if (!content) continue;
    const target = content[2]!.trim().replace(/^["']|["']$/g, '').trim();
    if (!target) continue;
    try {
      return { interval: Number(content[1]), url: new URL(target, baseUrl(head, pageUrl)).href };
    } catch {
      return null;
    }
  }
  return null;
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const inner = tag.replace(/^<\w+/, '').replace(/\/?>$/, '');
  for (const m of inner.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    if (!(name in out)) out[name] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

function baseUrl(head: string, pageUrl: string): string {
  const tag = BASE_TAG.exec(head);
  const href = tag ? attributes(tag[0]).href : undefined;
  if (!href) return pageUrl;
  try {
    return new URL(decodeEntities(href.trim()), pageUrl).href;
  } catch {
    return pageUrl;
  }
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}
