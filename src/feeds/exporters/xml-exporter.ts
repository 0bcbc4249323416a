import type { ExporterOptions, FeedExporter } from './exporter.ts';
import { asItem, fieldEntries, fieldSelection, type FieldSelection } from './item-fields.ts';

/** Options of {@link XmlExporter}. */
export interface XmlExporterOptions extends ExporterOptions {
  /** @default 'items' */
  rootElement?: string;
  /** @default 'item' */
  itemElement?: string;
}

/**
 * XML in Scrapy's shape: `<items><item><field>value</field>...</item>...</items>` after an XML
 * declaration. Text is escaped (`&`, `<`, `>`); objects become nested elements, arrays become
 * `<value>` elements, null/undefined become empty elements. With indent 0 each item is on its own
 * line; with indent > 0 every element is.
 * @see Scrapy's `XmlItemExporter`
 * @example
 * const e = new XmlExporter({});
 * e.start() + e.exportItem({ a: 'x<y' }) + e.finish();
 * // '<?xml version="1.0" encoding="utf-8"?>\n<items>\n<item><a>x&lt;y</a></item>\n</items>'
 */
export class XmlExporter implements FeedExporter {
  #fields: FieldSelection | null;
  #indent: number | null;
  #encoding: string;
  #root: string;
  #item: string;

  constructor(options: XmlExporterOptions = {}) {
    this.#fields = fieldSelection(options.fields);
    this.#indent = options.indent === undefined ? 0 : options.indent;
    this.#encoding = options.encoding || 'utf-8';
    this.#root = options.rootElement ?? 'items';
    this.#item = options.itemElement ?? 'item';
  }

  start(): string {
    return `<?xml version="1.0" encoding="${this.#encoding}"?>\n<${this.#root}>${this.#newline(true)}`;
  }

  exportItem(item: unknown): string {
    const record = asItem('XmlExporter', item);
    const parts = [this.#pad(1), `<${this.#item}>`, this.#newline(false)];
    for (const [name, value] of fieldEntries(record, this.#fields)) this.#field(parts, name, value, 2);
    parts.push(this.#pad(1), `</${this.#item}>`, this.#newline(true));
    return parts.join('');
  }

  finish(): string {
    return `</${this.#root}>`;
  }

  #field(parts: string[], name: string, value: unknown, depth: number): void {
    parts.push(this.#pad(depth), `<${name}>`);
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      parts.push(this.#newline(false));
      if (Array.isArray(value) || value instanceof Set) {
        for (const v of value) this.#field(parts, 'value', v, depth + 1);
      } else {
        const entries = value instanceof Map ? [...value] : Object.entries(value);
        for (const [k, v] of entries) this.#field(parts, String(k), v, depth + 1);
      }
      parts.push(this.#pad(depth));
    } else if (value != null) {
      parts.push(escapeText(value instanceof Date ? value.toISOString() : String(value)));
    }
    parts.push(`</${name}>`, this.#newline(false));
  }

  #pad(depth: number): string {
    return this.#indent ? ' '.repeat(this.#indent * depth) : '';
  }

  /** Scrapy's `_beautify_newline`: items always get a line when indent is set, elements only when > 0. */
  #newline(newItem: boolean): string {
    return this.#indent !== null && (this.#indent > 0 || newItem) ? '\n' : '';
  }
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
