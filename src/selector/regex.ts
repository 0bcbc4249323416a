import { parseDocument } from 'htmlparser2';

/**
 * Compiles a pattern written for Python's `re` (as Scrapy code is) into a JavaScript RegExp:
 * `(?P<name>...)` becomes `(?<name>...)`, `(?P=name)` becomes `\k<name>` and leading inline flags
 * (`(?i)`, `(?s)`, `(?m)`) become RegExp flags.
 * @throws {SyntaxError} when the pattern is not a valid JavaScript regular expression.
 */
export function toJsRegExp(pattern: string, flags = ''): RegExp {
  let source = pattern.replace(/\(\?P<(\w+)>/g, '(?<$1>').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  let allFlags = flags;
  // Python's leading inline flags: i, m and s exist in JavaScript; a, L and u change nothing here.
  const inline = /^\(\?([aiLmsux]+)\)/.exec(source);
  if (inline !== null) {
    if (inline[1]!.includes('x')) {
      throw new SyntaxError(`[skitter] Selector: verbose regular expressions (?x) are not supported: ${JSON.stringify(pattern)}`);
    }
    source = source.slice(inline[0].length);
    for (const flag of 'ims') if (inline[1]!.includes(flag) && !allFlags.includes(flag)) allFlags += flag;
  }
  try {
    return new RegExp(source, allFlags);
  } catch (error) {
    throw new SyntaxError(`[skitter] Selector: invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/** Number of capturing groups in `regex`: an empty alternative always matches and reports them all. */
function groupCount(regex: RegExp): number {
  return new RegExp(`${regex.source}|`, regex.flags.replace(/[gy]/g, '')).exec('')!.length - 1;
}

/**
 * parsel's `extract_regex`: the `extract` named group of the first match if the pattern has one;
 * otherwise, like Python's `re.findall`, every whole match (no groups), every group-1 value (one group)
 * or all groups of every match, flattened (several groups). Unmatched groups give ''. Character
 * references in the results are then replaced, except `&lt;` and `&amp;`.
 * @see parsel.utils.extract_regex
 */
export function extractRegex(regex: RegExp | string, text: string, replaceEntities = true): string[] {
  const base = typeof regex === 'string' ? toJsRegExp(regex) : regex;
  let strings: string[];
  if (/\(\?P?<extract>/.test(base.source)) {
    const match = new RegExp(base.source, base.flags.replace(/[gy]/g, '')).exec(text);
    const extracted = match?.groups?.extract;
    strings = extracted === undefined ? [] : [extracted];
  } else {
    const global = new RegExp(base.source, base.flags.includes('g') ? base.flags : `${base.flags}g`);
    const groups = groupCount(base);
    strings = [];
    for (const match of text.matchAll(global)) {
      if (groups === 0) strings.push(match[0]);
      else for (let index = 1; index <= groups; index++) strings.push(match[index] ?? '');
    }
  }
  return replaceEntities ? strings.map(replaceCharRefs) : strings;
}

const CHAR_REF = /&(?:([a-z\d]+)|#(\d+)|#x([a-f\d]+))(;?)/gi;
const KEEP = new Set(['lt', 'amp']);
const namedCache = new Map<string, string | null>();
const cp1252 = new TextDecoder('windows-1252');

/**
 * w3lib's `replace_entities(text, keep=['lt', 'amp'])`: decodes named, decimal and hex references
 * (`;` optional); code points 0x80-0x9F are read as Windows-1252, as browsers do; an unknown reference
 * ending in `;` is removed, one without is left as is.
 */
export function replaceCharRefs(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(CHAR_REF, (whole, named: string | undefined, dec: string | undefined, hex: string | undefined, semicolon: string) => {
    let code: number | null = null;
    if (dec !== undefined) code = Number.parseInt(dec, 10);
    else if (hex !== undefined) code = Number.parseInt(hex, 16);
    else if (named !== undefined) {
      if (KEEP.has(named.toLowerCase())) return whole;
      const decoded = decodeNamed(named) ?? decodeNamed(named.toLowerCase());
      if (decoded !== null) return decoded;
    }
    if (code !== null && code <= 0x10ffff) {
      if (code >= 0x80 && code <= 0x9f) return cp1252.decode(Uint8Array.of(code));
      return String.fromCodePoint(code);
    }
    return semicolon === ';' ? '' : whole;
  });
}

/** Decodes one named reference with htmlparser2's entity table (cached); null when unknown. */
function decodeNamed(name: string): string | null {
  let decoded = namedCache.get(name);
  if (decoded === undefined) {
    const reference = `&${name};`;
    const parsed = parseDocument(reference, { decodeEntities: true });
    const first = parsed.children[0];
    const text = first !== undefined && first.type === 'text' ? first.data : reference;
    // A longer legacy name matched by prefix (e.g. `&notin` read as `¬in`) leaves the tail and `;` behind.
    decoded = text === reference || text.endsWith(';') ? null : text;
    namedCache.set(name, decoded);
  }
  return decoded;
}
