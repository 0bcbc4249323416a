/**
 * V8 (and other engines) keep substrings as views ("sliced strings") into their parent string.
 * Text and attribute values of a parsed document are such views into the whole decoded page, so a
 * 10-character price stored in an item would keep the page's text (tens of KB) alive for as long as
 * the item lives. This returns a copy that owns its characters.
 *
 * Strings shorter than 13 characters are never views in V8 (they are copied when sliced), so they
 * are returned as they are.
 */
export function detachString(value: string): string {
  // Concatenating makes a rope; slicing the rope flattens it into a fresh string first.
  return value.length < 13 ? value : (' ' + value).slice(1);
}
