import type { EncodingKind } from './encoding.ts';
import { TextResponse } from './text-response.ts';

/**
 * A text response holding XML (feeds, sitemaps): its encoding may also come from the
 * `<?xml encoding="..."?>` declaration, and its selector parses XML.
 * @see Scrapy's `scrapy.http.XmlResponse`
 */
export class XmlResponse extends TextResponse {
  protected override get encodingKind(): EncodingKind {
    return 'xml';
  }

  protected override get selectorType(): 'html' | 'xml' {
    return 'xml';
  }
}
