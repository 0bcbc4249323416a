/**
 * The request inspector: one row per downloaded request (method, URL, status, size, time,
 * callback), virtualised; clicking one shows its request and response headers and the response
 * body, rendered (in a sandboxed frame, scripts off) and as source.
 * @module
 */
import type { RequestRecord } from '../protocol.ts';
import { el } from './dom.ts';
import { VirtualRows } from './virtual-rows.ts';

const ROW_HEIGHT_PX = 24;

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

function headerList(title: string, headers: Record<string, string>): HTMLElement {
  const rows = Object.entries(headers).map(([name, value]) => el('div', {}, el('b', { text: `${name}: ` }), value));
  return el('div', { className: 'headers' }, el('h4', { text: title }), ...(rows.length > 0 ? rows : [el('div', { text: '(none)' })]));
}

/** The requests table and the inspector of the selected request. */
export class RequestsView {
  readonly element: HTMLElement;
  #records: RequestRecord[] = [];
  #byUrl = new Map<string, RequestRecord>();
  #table: HTMLElement;
  #rows: VirtualRows;
  #inspector: HTMLElement;
  #selected: number | undefined;
  #onTestSelectors: (record: RequestRecord) => void;

  /** @param onTestSelectors opens a response in the selector tester. */
  constructor(onTestSelectors: (record: RequestRecord) => void) {
    this.#onTestSelectors = onTestSelectors;
    const head = el('div', { className: 'table-row table-head requests-row' },
      ...['#', 'method', 'URL', 'status', 'size', 'time', 'callback'].map((name) => el('span', { className: 'cell', text: name })));
    const scroller = el('div', { className: 'table-body' });
    this.#table = el('div', { className: 'table requests', testId: 'requests-table' }, head, scroller);
    this.#table.dataset.rows = '0';
    this.#rows = new VirtualRows(scroller, ROW_HEIGHT_PX, (index) => this.#row(index));
    this.#inspector = el('div', { className: 'inspector', testId: 'request-inspector', text: 'Click a request to inspect it.' });
    this.element = el('div', { className: 'requests-view' }, this.#table, this.#inspector);
  }

  /** The latest record for `url` (a response the selector tester can use), if it was downloaded. */
  response(url: string): RequestRecord | undefined {
    return this.#byUrl.get(url);
  }

  /** Every record so far, in download order. */
  get records(): readonly RequestRecord[] {
    return this.#records;
  }

  clear(): void {
    this.#records = [];
    this.#byUrl.clear();
    this.#selected = undefined;
    this.#inspector.replaceChildren('Click a request to inspect it.');
    this.#update(true);
  }

  add(records: readonly RequestRecord[]): void {
    for (const record of records) {
      this.#records.push(record);
      if (record.status !== null) this.#byUrl.set(record.url, record);
    }
    this.#update();
  }

  #update(rowsChanged = false): void {
    this.#table.dataset.rows = String(this.#records.length);
    this.#rows.setCount(this.#records.length, rowsChanged);
  }

  #row(index: number): HTMLElement {
    const r = this.#records[index]!;
    const status = r.status === null ? 'failed' : String(r.status);
    const row = el('div', { className: `table-row requests-row${index === this.#selected ? ' selected' : ''}${r.status === null || r.status >= 400 ? ' bad' : ''}` },
      el('span', { className: 'cell', text: String(r.id) }),
      el('span', { className: 'cell', text: r.method }),
      el('span', { className: 'cell', text: r.url, title: r.url }),
      el('span', { className: 'cell', text: status }),
      el('span', { className: 'cell', text: size(r.sizeBytes) }),
      el('span', { className: 'cell', text: `${r.timeMs} ms` }),
      el('span', { className: 'cell', text: r.callback }));
    row.addEventListener('click', () => {
      this.#selected = index;
      this.#rows.refresh();
      this.#inspect(r);
    });
    return row;
  }

  #inspect(record: RequestRecord): void {
    const rendered = el('iframe', { className: 'rendered', title: 'Rendered response' });
    // No scripts, no same-origin access: the page is shown, never run.
    rendered.sandbox.value = '';
    rendered.srcdoc = `<base href="${record.url.replaceAll('"', '&quot;')}">${record.body}`;
    const source = el('pre', { className: 'source', text: record.body });
    source.hidden = true;
    const show = (renderedShown: boolean): void => {
      rendered.hidden = !renderedShown;
      source.hidden = renderedShown;
    };
    const tab = (label: string, renderedShown: boolean): HTMLButtonElement => {
      const button = el('button', { className: 'small', text: label });
      button.addEventListener('click', () => show(renderedShown));
      return button;
    };
    const test = el('button', { className: 'small', text: 'Test selectors on it' });
    test.addEventListener('click', () => this.#onTestSelectors(record));
    const title = `${record.method} ${record.url} -> ${record.status ?? 'failed'}${record.error ? ` (${record.error})` : ''}`;
    this.#inspector.replaceChildren(
      el('div', { className: 'inspector-title', text: title }),
      el('div', { className: 'headers-pair' }, headerList('Request headers', record.requestHeaders), headerList('Response headers', record.responseHeaders)),
      el('div', { className: 'toolbar' }, tab('Rendered', true), tab('Source', false), test),
      rendered, source);
  }
}
