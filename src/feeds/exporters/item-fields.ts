/**
 * Shared by the exporters: which fields of an item are exported, under which names, and how values
 * become JSON text.
 * @module
 */
import type { FeedFields } from '../feed-options.ts';

/** A field selection: the item keys to read and the names to write them under. */
export interface FieldSelection {
  keys: string[];
  names: string[];
}

/** Normalises FEED_EXPORT_FIELDS / `fields` (null means "every field"). */
export function fieldSelection(fields: FeedFields | null | undefined): FieldSelection | null {
  if (fields == null) return null;
  if (Array.isArray(fields)) return { keys: [...fields], names: [...fields] };
  const map = fields as Readonly<Record<string, string>>;
  return { keys: Object.keys(map), names: Object.values(map) };
}

/**
 * Checks that `item` is an exportable object (plain object or class instance) and returns it.
 * @throws {TypeError} naming the exporter and what it got.
 */
export function asItem(exporter: string, item: unknown): Record<string, unknown> {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    const got = item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item;
    throw new TypeError(`[skitter] ${exporter}: items must be objects (plain objects or class instances), got ${got}.`);
  }
  return item as Record<string, unknown>;
}

/**
 * The exported `[name, value]` pairs of an item: its own enumerable fields in insertion order, or
 * the selected fields in the selection's order, skipping those the item lacks (Scrapy's
 * `_get_serialized_fields` without `export_empty_fields`).
 */
export function fieldEntries(item: Record<string, unknown>, selection: FieldSelection | null): Array<[string, unknown]> {
  if (selection === null) return Object.entries(item);
  const out: Array<[string, unknown]> = [];
  for (let i = 0; i < selection.keys.length; i++) {
    const key = selection.keys[i]!;
    if (key in item) out.push([selection.names[i]!, item[key]]);
  }
  return out;
}

/** JSON.stringify's replacer for values JSON has no form for: bigint, Map, Set. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

/** True when the feed's encoding asks for ASCII-only JSON (Scrapy: `ensure_ascii=not encoding`). */
export function wantsAscii(encoding: string | null | undefined): boolean {
  if (encoding === null || encoding === '') return true;
  const e = encoding?.toLowerCase();
  return e === 'ascii' || e === 'us-ascii';
}

/** Escapes every non-ASCII character of JSON text as `\uXXXX` (valid: they only occur in strings). */
export function asciiJson(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The JSON text of an item's exported fields.
 * @param indent spaces per level; 0 or null writes it on one line.
 */
export function itemJson(item: Record<string, unknown>, selection: FieldSelection | null, indent: number | null, ascii: boolean): string {
  const value = selection === null ? item : Object.fromEntries(fieldEntries(item, selection));
  // A replacer takes JSON.stringify off V8's fast path (about 15x slower), so it is only used for
  // the rare items that hold a bigint, Map or Set.
  const text = JSON.stringify(value, needsReplacer(value, 0) ? jsonReplacer : undefined, indent ? indent : undefined);
  return ascii ? asciiJson(text) : text;
}

/** True when `value` holds, within a few levels, a value only {@link jsonReplacer} can serialise. */
function needsReplacer(value: unknown, depth: number): boolean {
  if (typeof value === 'bigint') return true;
  if (value === null || typeof value !== 'object') return false;
  if (value instanceof Map || value instanceof Set) return true;
  // Deeper structures are rare in items; there the replacer is the safe choice.
  if (depth > 8) return true;
  if (Array.isArray(value)) {
    for (const v of value) if (needsReplacer(v, depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (Object.hasOwn(value, key) && needsReplacer((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}
