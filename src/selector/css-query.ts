import { compile } from 'css-select';
import type { Options as CssSelectOptions } from 'css-select';
import * as DomUtils from 'domutils';
import { Element, isTag } from 'domhandler';
import type { AnyNode } from 'domhandler';

/** One result of a CSS query: an element, or a string for `::text` / `::attr()` results. */
export type CssResult = Element | string;

type Matcher = (element: Element) => boolean;

/** One comma-separated part of a selector group, with its parsel pseudo-element. */
interface CssGroup {
  kind: 'element' | 'text' | 'attr';
  /** Attribute name for `::attr(name)`. */
  attr: string;
  /** css-select selector text without the pseudo-element. */
  selector: string;
}

interface CompiledQuery {
  groups: Array<CssGroup & { match: Matcher }>;
}

/*
 * parsel evaluates a nested CSS query as `descendant-or-self::...` from the context element, so every
 * step of the selector, ancestors included, must lie inside the context. A css-select adapter whose
 * getParent() stops at the current scope gives the same result; the scope is a module variable because
 * matching is synchronous and the adapter is fixed at compile time.
 */
let scope: AnyNode | null = null;
const scopedAdapter = {
  ...DomUtils,
  isTag,
  getParent: (node: AnyNode) => (node === scope ? null : node.parent),
};

const cache = new Map<string, CompiledQuery>();
const CACHE_LIMIT = 2000;

const TEXT_PSEUDO = /::text\s*$/;
const ATTR_PSEUDO = /::attr\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)\s*$/;

/**
 * Runs a CSS selector (with parsel's `::text` and `::attr(name)` pseudo-elements and groups) from
 * `context`, which is matched too, as parsel's `descendant-or-self::` translation does. Results come
 * in document order, without duplicates.
 *
 * @param scoped - true when `context` is not the document's root element: steps of the selector may
 *   then not match ancestors of `context`.
 * @throws {SyntaxError} for an invalid selector.
 */
export function cssSelect(query: string, context: Element, xml: boolean, scoped: boolean, cacheable: boolean): CssResult[] {
  const compiled = getCompiled(query, xml, scoped, cacheable);
  const groups = compiled.groups;
  const previousScope = scope;
  scope = scoped ? context : null;
  try {
    const out: CssResult[] = [];
    walk(context, groups, out);
    return out;
  } finally {
    scope = previousScope;
  }
}

/**
 * Depth-first walk matching every group at every element, emitting results in document order.
 * Unlike css-select's own search it enters `<template>` contents, as lxml (and so parsel) does.
 */
function walk(context: Element, groups: CompiledQuery['groups'], out: CssResult[]): void {
  // Text children are emitted as we meet them, so a frame tracks the element and the child index.
  const frames: Array<{ element: Element; index: number; text: boolean }> = [];
  const enter = (element: Element): void => {
    let isMatch = false;
    let text = false;
    let attrs: Set<string> | null = null;
    for (const group of groups) {
      if (!group.match(element)) continue;
      if (group.kind === 'element') isMatch = true;
      else if (group.kind === 'text') text = true;
      else (attrs ??= new Set()).add(group.attr);
    }
    if (isMatch) out.push(element);
    if (attrs !== null) {
      for (const name of Object.keys(element.attribs)) if (attrs.has(name)) out.push(element.attribs[name]!);
    }
    frames.push({ element, index: 0, text });
  };
  enter(context);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    const children = frame.element.children;
    if (frame.index >= children.length) {
      frames.pop();
      continue;
    }
    const child = children[frame.index++]!;
    if (isTag(child)) {
      enter(child);
    } else if (frame.text && (child.type === 'text' || child.type === 'cdata')) {
      // Adjacent text and CDATA form one text node in lxml's tree.
      let text = textOf(child);
      while (frame.index < children.length) {
        const next = children[frame.index]!;
        if (next.type !== 'text' && next.type !== 'cdata') break;
        text += textOf(next);
        frame.index++;
      }
      out.push(text);
    }
  }
}

function textOf(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  return DomUtils.textContent(node);
}

function getCompiled(query: string, xml: boolean, scoped: boolean, cacheable: boolean): CompiledQuery {
  const key = `${xml ? 'x' : 'h'}${scoped ? 's' : 'd'}${cacheable ? 'c' : 'n'}${query}`;
  let compiled = cache.get(key);
  if (compiled === undefined) {
    const options: CssSelectOptions<AnyNode, Element> = {
      xmlMode: xml,
      // css-select memoises ancestor matches per element; that memo is only valid for one scope and
      // one unmodified tree.
      cacheResults: !scoped && cacheable,
      ...(scoped ? { adapter: scopedAdapter } : {}),
    };
    compiled = {
      groups: splitGroups(query).map((group) => ({ ...group, match: compileGroup(group.selector, query, options) })),
    };
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, compiled);
  }
  return compiled;
}

function compileGroup(selector: string, query: string, options: CssSelectOptions<AnyNode, Element>): Matcher {
  try {
    return compile<AnyNode, Element>(selector, options) as Matcher;
  } catch (error) {
    throw new SyntaxError(`[skitter] Selector: invalid CSS selector ${JSON.stringify(query)}: ${(error as Error).message}`);
  }
}

/** Splits a selector group at top-level commas and peels off parsel's pseudo-elements. */
export function splitGroups(query: string): CssGroup[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let index = 0; index < query.length; index++) {
    const char = query[index]!;
    if (quote !== '') {
      if (char === '\\') index++;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '\\') index++;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(query.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(query.slice(start));
  return parts.map((part) => toGroup(part, query));
}

function toGroup(part: string, query: string): CssGroup {
  let kind: CssGroup['kind'] = 'element';
  let attr = '';
  let selector = part;
  const attrMatch = ATTR_PSEUDO.exec(part);
  if (attrMatch !== null) {
    kind = 'attr';
    attr = attrMatch[1] ?? attrMatch[2] ?? attrMatch[3] ?? '';
    selector = part.slice(0, attrMatch.index);
  } else if (TEXT_PSEUDO.test(part)) {
    kind = 'text';
    selector = part.replace(TEXT_PSEUDO, '');
  }
  if (kind !== 'element') {
    // `::text` alone means `*::text`, and `div ::text` means `div *::text`, as in cssselect.
    if (selector.trim() === '' || /[\s>+~]$/.test(selector)) selector += '*';
    // parsel turns `X *::text` / `X *::attr(a)` into `X/descendant-or-self::*/text()`: X counts too.
    const descendantsOf = /^(.*[^\s>+~])\s+\*\s*$/.exec(selector);
    if (descendantsOf !== null) selector = `${descendantsOf[1]}, ${descendantsOf[1]} *`;
    if (kind === 'attr' && attr === '') {
      throw new SyntaxError(`[skitter] Selector: ::attr() needs an attribute name in ${JSON.stringify(query)}`);
    }
  }
  if (selector.includes('::')) {
    throw new SyntaxError(
      `[skitter] Selector: unsupported pseudo-element in ${JSON.stringify(query)}: only a trailing ::text or ::attr(name) is allowed`,
    );
  }
  if (selector.trim() === '') {
    throw new SyntaxError(`[skitter] Selector: empty CSS selector in ${JSON.stringify(query)}`);
  }
  return { kind, attr, selector };
}
