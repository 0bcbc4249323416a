/**
 * Where the spider is kept: in the page's storage (`localStorage`) as the visitor types, and in
 * the URL's hash when shared (`#code=` deflate-compressed, base64url), so a link opens the same
 * spider anywhere.
 * @module
 */

const STORAGE_KEY = 'skitter-playground:code';
const HASH_PREFIX = '#code=';

/** The spider kept in the page's storage, if any. */
export function storedCode(): string | undefined {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    // Storage can be disabled (private modes, sandboxed frames): the playground works without it.
    return undefined;
  }
}

/** Keeps `code` in the page's storage. */
export function storeCode(code: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // See storedCode.
  }
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The page's URL with `code` in its hash. */
export async function shareUrl(code: string): Promise<string> {
  const packed = await pipe(new TextEncoder().encode(code), new CompressionStream('deflate-raw'));
  const url = new URL(location.href);
  url.hash = HASH_PREFIX.slice(1) + toBase64Url(packed);
  return url.href;
}

/** The spider in the URL's hash, if there is one and it decodes. */
export async function sharedCode(hash: string = location.hash): Promise<string | undefined> {
  if (!hash.startsWith(HASH_PREFIX)) return undefined;
  try {
    const bytes = await pipe(fromBase64Url(hash.slice(HASH_PREFIX.length)), new DecompressionStream('deflate-raw'));
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}
