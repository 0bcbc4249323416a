import type { EncodingKind } from './encoding.ts';
import { TextResponse } from './text-response.ts';

/**
 * A text response holding HTML: its encoding may also come from `<meta charset>` (or
 * `<meta http-equiv="content-type">`), and its selector parses HTML.
 * @see Scrapy's `scrapy.http.HtmlResponse`
 */
export class HtmlResponse extends TextResponse {
  protected override get encodingKind(): EncodingKind {
    return 'html';
  }
}
