/**
 * A short, always-printable description of an item for error messages: JSON with cycles shown as
 * `"[Circular]"`, values JSON cannot show (bigint, functions) as their type, cut to a length.
 * @module
 */

/** Longest preview, in characters. */
const MAX_PREVIEW_CHARS = 200;

/** `item` as JSON for an error message, never throwing (cycles, bigint, getters that throw). */
export function itemPreview(item: unknown, maxChars = MAX_PREVIEW_CHARS): string {
  const ancestors: unknown[] = [];
  let text: string;
  try {
    text = JSON.stringify(item, function (this: unknown, _key, value: unknown) {
      if (typeof value === 'bigint') return `${value}n`;
      if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
      if (value === null || typeof value !== 'object') return value;
      // `this` is the object holding `value`: drop the ancestors we have climbed back out of.
      while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
      if (ancestors.includes(value)) return '[Circular]';
      ancestors.push(value);
      return value;
    }) ?? String(item);
  } catch (error) {
    text = `${Object.prototype.toString.call(item)} (${(error as Error).message})`;
  }
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}
