import render from 'dom-serializer';
import { Element } from 'domhandler';
import type { AnyNode } from 'domhandler';
import type { SelectorType } from './parsed-markup.ts';

/**
 * Serialises a node as a browser's `outerHTML` does for HTML: void elements without a slash (`<br>`),
 * attributes always quoted with a value (`disabled=""`), `&amp; &lt; &gt; &nbsp;` escaped in text,
 * `&amp; &quot; &nbsp;` in attribute values, raw text inside `<script>` / `<style>`, other characters
 * kept as they are, SVG/MathML names in their camelCase and no self-closing foreign elements.
 * For XML: empty elements self-close (`<a/>`) and an element carries the namespace declarations it
 * inherits (`<name xmlns:m="...">`), as lxml writes them.
 */
export function serializeNode(node: AnyNode, type: SelectorType): string {
  if (type === 'xml') {
    return render(withInheritedNamespaces(node), { xmlMode: true, encodeEntities: 'utf8', selfClosingTags: true });
  }
  return render(node, { encodeEntities: 'utf8', emptyAttrs: true, selfClosingTags: false });
}

/** A shallow copy of `node` with the xmlns declarations in scope from its ancestors, or `node` itself. */
function withInheritedNamespaces(node: AnyNode): AnyNode {
  if (!(node instanceof Element)) return node;
  const inherited: Record<string, string> = {};
  for (let parent = node.parent; parent instanceof Element; parent = parent.parent) {
    for (const [name, value] of Object.entries(parent.attribs)) {
      const isDeclaration = name === 'xmlns' || name.startsWith('xmlns:');
      if (isDeclaration && !(name in inherited) && !(name in node.attribs)) inherited[name] = value;
    }
  }
  if (Object.keys(inherited).length === 0) return node;
  // The copy shares the children without adopting them (domhandler's constructor leaves them alone).
  return new Element(node.name, { ...inherited, ...node.attribs }, node.children);
}

/**
 * The string form parsel gives a scalar XPath result: Python's `str()` of lxml's value. Numbers are
 * floats in lxml, so `count(//a)` gives `'3.0'`, `1 div 0` gives `'inf'`, `0 div 0` gives `'nan'`,
 * and large or small magnitudes use Python's exponent form (`'1e+16'`, `'1e-05'`). Booleans give
 * `'1'` / `'0'` (parsel's choice).
 */
export function scalarToString(value: string | number | boolean): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  return pythonFloat(value);
}

function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  // Python's repr switches to exponent form below 1e-4 and from 1e16 on; JavaScript at 1e-7 and 1e21.
  if (magnitude < 1e-4 || magnitude >= 1e16) {
    const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  const text = String(value);
  return Number.isInteger(value) ? `${text}.0` : text;
}
