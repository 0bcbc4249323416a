import { sha1Hex } from '../../utils/sha1.ts';

/** Extensions kept in stored file names (Python's `mimetypes` knows these, among others). */
const KNOWN_EXTENSIONS = new Set([
  '.jpg', '.jpeg', '.png', '.gif', '.webp', '.svg', '.bmp', '.ico', '.tif', '.tiff', '.avif',
  '.pdf', '.txt', '.csv', '.json', '.xml', '.html', '.htm', '.zip', '.gz', '.tar', '.mp3', '.mp4', '.webm',
  '.doc', '.docx', '.xls', '.xlsx', '.ppt', '.pptx', '.epub',
]);

/** SHA-1 of a URL, hex: the name media files are stored under (Scrapy's `media_guid`). */
export function mediaGuid(url: string): string {
  return sha1Hex(new TextEncoder().encode(url));
}

/** The URL path's extension when it is a known one (lower-cased), else ''. */
export function mediaExtension(url: string): string {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return '';
  }
  const dot = pathname.lastIndexOf('.');
  if (dot < 0 || dot < pathname.lastIndexOf('/')) return '';
  const ext = pathname.slice(dot).toLowerCase();
  return KNOWN_EXTENSIONS.has(ext) ? ext : '';
}
