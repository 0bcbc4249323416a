/**
 * The items table: one row per scraped item, columns from the items' fields (in the order they
 * first appear), virtualised, with JSON Lines, CSV and JSON downloads of everything scraped.
 * @module
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { cellText, download, el } from './dom.ts';
import { VirtualRows } from './virtual-rows.ts';

const ROW_HEIGHT_PX = 26;

/** The items table and its download buttons. */
export class ItemsView {
  readonly element: HTMLElement;
  #items: unknown[] = [];
  #columns: string[] = [];
  #columnSet = new Set<string>();
  #header: HTMLElement;
  #table: HTMLElement;
  #rows: VirtualRows;

  constructor() {
    this.#header = el('div', { className: 'table-row table-head' });
    const scroller = el('div', { className: 'table-body' });
    this.#table = el('div', { className: 'table', testId: 'items-table' }, this.#header, scroller);
    this.#table.dataset.rows = '0';
    this.#rows = new VirtualRows(scroller, ROW_HEIGHT_PX, (index) => this.#row(index));
    const button = (label: string, testId: string, save: () => void): HTMLButtonElement => {
      const b = el('button', { text: label, testId, className: 'small' });
      b.addEventListener('click', save);
      return b;
    };
    const toolbar = el('div', { className: 'toolbar' },
      el('span', { text: 'Download: ' }),
      button('JSON Lines', 'download-jsonl', () => download('items.jsonl', 'application/x-ndjson', this.jsonLines())),
      button('CSV', 'download-csv', () => download('items.csv', 'text/csv', this.csv())),
      button('JSON', 'download-json', () => download('items.json', 'application/json', JSON.stringify(this.#items, null, 2))));
    this.element = el('div', { className: 'items-view' }, toolbar, this.#table);
  }

  /** Every item so far. */
  get items(): readonly unknown[] {
    return this.#items;
  }

  /** Empties the table (a new crawl). */
  clear(): void {
    this.#items = [];
    this.#columns = [];
    this.#columnSet.clear();
    this.#header.replaceChildren();
    this.#update(true);
  }

  /** Appends items; the table redraws on the next frame. */
  add(items: readonly unknown[]): void {
    let newColumns = false;
    for (const item of items) {
      this.#items.push(item);
      if (typeof item !== 'object' || item === null) continue;
      for (const key of Object.keys(item)) {
        if (this.#columnSet.has(key)) continue;
        this.#columnSet.add(key);
        this.#columns.push(key);
        newColumns = true;
      }
    }
    if (newColumns) this.#header.replaceChildren(el('span', { className: 'cell index', text: '#' }), ...this.#columns.map((name) => el('span', { className: 'cell', text: name })));
    this.#update(newColumns);
  }

  /** The items as JSON Lines (what a `.jsonl` feed holds). */
  jsonLines(): string {
    return this.#items.map((item) => `${JSON.stringify(item)}\n`).join('');
  }

  /** The items as CSV with a header row of every field. */
  csv(): string {
    const rows = this.#items.map((item) => this.#columns.map((key) => cellText((item as Record<string, unknown> | null)?.[key])));
    return stringify([this.#columns, ...rows]);
  }

  #update(rowsChanged = false): void {
    this.#table.dataset.rows = String(this.#items.length);
    this.#rows.setCount(this.#items.length, rowsChanged);
  }

  #row(index: number): HTMLElement {
    const item = this.#items[index] as Record<string, unknown> | null;
    const cells = this.#columns.map((key) => {
      const text = cellText(typeof item === 'object' && item !== null ? item[key] : undefined);
      return el('span', { className: 'cell', text, title: text });
    });
    const row = el('div', { className: 'table-row' }, el('span', { className: 'cell index', text: String(index + 1) }), ...cells);
    row.dataset.index = String(index);
    return row;
  }
}
