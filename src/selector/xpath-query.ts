import xp from './xpath-package.js';
import type { ParsedExpression, XFunction, XValue } from './xpath-package.js';
import type { AnyNode } from 'domhandler';
import type { XPathNode, XPathView } from './xpath-view.ts';
import { toJsRegExp } from './regex.ts';
import { optimizeXPath } from './xpath-optimize.ts';

/** One XPath result: a node of the tree, or a string / number / boolean value. */
export type XPathResult = AnyNode | string | number | boolean;

/** Values usable as XPath variables (`$name`). */
export type XPathVariables = Record<string, string | number | boolean>;

/** Namespaces parsel registers on every selector. */
export const DEFAULT_NAMESPACES: Readonly<Record<string, string>> = {
  re: 'http://exslt.org/regular-expressions',
  set: 'http://exslt.org/sets',
};

/*
 * The package's XPathContext.extend() (called once per context node of every step with predicates)
 * builds three fresh resolvers, including a 27-entry function table, only to overwrite them at once;
 * that was ~75 % of the time of `//div[@class="x"]/a`. This replacement makes the same object (same
 * prototype, same own properties) without the throwaway resolvers.
 */
const contextPrototype = xp.XPathContext.prototype;
contextPrototype.extend = function extend(this: object, props: object): object {
  return Object.assign(Object.create(contextPrototype) as object, this, props);
};

const parsedCache = new Map<string, ParsedExpression>();
const CACHE_LIMIT = 2000;

const HTML5_WHITESPACE = /[ \t\n\f\r]+/g;

/**
 * parsel's `has-class("a", "b")`: true when the context element's class attribute holds every name.
 * @see parsel.xpathfuncs.has_class
 */
const hasClass: XFunction = (context, ...classes) => {
  if (classes.length === 0) throw new SyntaxError('[skitter] Selector: XPath has-class() needs at least 1 argument');
  const node = context.contextNode as XPathNode;
  if (node.nodeType !== 1) return false;
  const value = (node.source as { attribs: Record<string, string> }).attribs.class;
  if (value === undefined) return false;
  const padded = ` ${value.replace(HTML5_WHITESPACE, ' ')} `;
  return classes.every((name) => padded.includes(` ${name.stringValue()} `));
};

/** EXSLT `re:test(string, pattern, flags?)`, which parsel enables through its default `re` prefix. */
const reTest: XFunction = (_context, input, pattern, flags) => {
  const flagText = flags?.stringValue() ?? '';
  const regex = toJsRegExp(pattern?.stringValue() ?? '', flagText.includes('i') ? 'i' : '');
  return regex.test(input?.stringValue() ?? '');
};

function resolveFunction(name: string, namespace: string | null | undefined): XFunction | undefined {
  if (!namespace && name === 'has-class') return hasClass;
  if (namespace === DEFAULT_NAMESPACES.re && name === 'test') return reTest;
  return undefined;
}

function parseExpression(query: string): ParsedExpression {
  let parsed = parsedCache.get(query);
  if (parsed === undefined) {
    try {
      parsed = xp.parse(query);
    } catch (error) {
      throw new SyntaxError(`[skitter] Selector: invalid XPath ${JSON.stringify(query)}: ${(error as Error).message}`);
    }
    optimizeXPath(parsed.expression);
    if (parsedCache.size >= CACHE_LIMIT) parsedCache.delete(parsedCache.keys().next().value!);
    parsedCache.set(query, parsed);
  }
  return parsed;
}

/**
 * Evaluates XPath 1.0 `query` with `context` as the context node.
 *
 * Node-set results come back in document order: elements, comments and processing instructions as
 * domhandler nodes, text nodes and attributes as their string values (parsel's roots for those are
 * strings too). Scalar results come back as one string, number or boolean.
 *
 * @throws {SyntaxError} for an invalid expression, an unknown prefix or function.
 */
export function xpathSelect(
  query: string,
  view: XPathView,
  context: AnyNode,
  namespaces: Record<string, string>,
  variables?: XPathVariables,
): XPathResult[] {
  const node = view.of(context);
  if (node === undefined) return [];
  const parsed = parseExpression(query);
  let value: XValue;
  try {
    value = parsed.evaluate({
      node,
      namespaces,
      ...(variables !== undefined ? { variables } : {}),
      functions: resolveFunction,
    });
  } catch (error) {
    if (error instanceof SyntaxError) throw error;
    throw new SyntaxError(`[skitter] Selector: cannot evaluate XPath ${JSON.stringify(query)}: ${(error as Error).message}`);
  }
  const result: unknown = value;
  if (result instanceof xp.XNodeSet) {
    // lxml returns nothing for the document node itself (`/`), so parsel gives an empty list.
    return (result.toArray() as ViewNode[]).filter((node) => node.nodeType !== 9).map(toResult);
  }
  if (result instanceof xp.XNumber) return [value.numberValue()];
  if (result instanceof xp.XBoolean) return [value.booleanValue()];
  return [value.stringValue()];
}

/** A node of a result node-set: a view node, or a namespace node the package made. */
type ViewNode = XPathNode & { isXPathNamespace?: boolean };

function toResult(node: ViewNode): XPathResult {
  if (node.isXPathNamespace === true) return node.nodeValue ?? '';
  switch (node.nodeType) {
    case 2:
    case 3:
      return node.nodeValue ?? '';
    default:
      return node.source;
  }
}
