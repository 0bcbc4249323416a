import { responseFor } from '../../../http/response-types.ts';
import type { Request } from '../../../http/request.ts';
import type { Response } from '../../../http/response.ts';
import type { DownloadHandler } from '../handler.ts';

/**
 * Downloads `data:` URLs (RFC 2397), Scrapy's DataURIDownloadHandler: the media type becomes the
 * Content-Type, so `data:text/html,...` gives an HtmlResponse.
 */
export class DataDownloadHandler implements DownloadHandler {
  downloadRequest(request: Request): Response {
    const url = request.url;
    const comma = url.indexOf(',');
    if (comma < 0) throw new TypeError(`[skitter] DataDownloadHandler: malformed data URL (no comma): ${url.slice(0, 60)}`);
    const header = url.slice(5, comma);
    const data = url.slice(comma + 1);
    const parts = header.split(';');
    const isBase64 = parts[parts.length - 1]?.toLowerCase() === 'base64';
    if (isBase64) parts.pop();
    const mediaType = parts[0] || 'text/plain';
    const params = parts.slice(1).join(';');
    const contentType = params ? `${mediaType};${params}` : parts[0] ? mediaType : 'text/plain;charset=US-ASCII';
    const body = isBase64 ? base64ToBytes(decodeURIComponent(data)) : percentDecodeBytes(data);
    return responseFor({ url, status: 200, headers: { 'Content-Type': contentType }, body, request });
  }
}

function base64ToBytes(text: string): Uint8Array {
  const bin = atob(text.replace(/\s+/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Percent-decodes to bytes (not to a string: the payload may be in any charset). */
function percentDecodeBytes(text: string): Uint8Array {
  const utf8 = new TextEncoder().encode(text);
  const out = new Uint8Array(utf8.length);
  let n = 0;
  for (let i = 0; i < utf8.length; i++) {
    const c = utf8[i]!;
    if (c === 37 && i + 2 < utf8.length) {
      const hex = String.fromCharCode(utf8[i + 1]!, utf8[i + 2]!);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        out[n++] = parseInt(hex, 16);
        i += 2;
        continue;
      }
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}
