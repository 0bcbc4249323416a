/**
 * The log pane: every record of the crawl (virtualised), filtered by minimum level and by text;
 * clicking a record shows it in full (with its stack), and a record from the spider's own code
 * links to its line in the editor.
 * @module
 */
import { el } from './dom.ts';
import { VirtualRows } from './virtual-rows.ts';

/** Scrapy's levels, lowest first, as in skitter's `LOG_LEVELS`. */
const LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;
type Level = (typeof LEVELS)[number];

/** One line of the log pane. */
export interface LogEntry {
  level: Level;
  logger: string;
  message: string;
  /** Wall-clock ms since the epoch. */
  time: number;
  /** The error's first line (`TypeError: ...`), shown after the message. */
  error?: string;
  /** Shown when the entry is opened: the error's stack, with the spider's frames as `spider.ts:LINE`. */
  detail?: string;
  /** The spider's line the entry is about (a callback's exception). */
  line?: number;
}

const ROW_HEIGHT_PX = 20;

function clock(time: number): string {
  return new Date(time).toISOString().slice(11, 23);
}

/** The log pane. `onLine` is called when the visitor follows an entry's link to the editor. */
export class LogView {
  readonly element: HTMLElement;
  #entries: LogEntry[] = [];
  /** Indexes into #entries of the entries the filters let through. */
  #shown: number[] = [];
  #minLevel = 0;
  #text = '';
  #rows: VirtualRows;
  #detail: HTMLElement;
  #onLine: (line: number) => void;

  constructor(onLine: (line: number) => void) {
    this.#onLine = onLine;
    const level = el('select', { testId: 'log-level', title: 'Minimum level' }, ...LEVELS.map((name) => el('option', { text: name })));
    level.addEventListener('change', () => {
      this.#minLevel = level.selectedIndex;
      this.#refilter();
    });
    const filter = el('input', { testId: 'log-filter', className: 'grow' });
    filter.placeholder = 'Filter the log';
    filter.addEventListener('input', () => {
      this.#text = filter.value.toLowerCase();
      this.#refilter();
    });
    const scroller = el('div', { className: 'log-body', testId: 'log' });
    this.#rows = new VirtualRows(scroller, ROW_HEIGHT_PX, (index) => this.#row(index));
    this.#rows.followEnd = true;
    this.#detail = el('pre', { className: 'log-detail', testId: 'log-detail' });
    this.#detail.hidden = true;
    this.element = el('div', { className: 'log-view' }, el('div', { className: 'toolbar' }, level, filter), scroller, this.#detail);
  }

  /** Empties the log (a new crawl). */
  clear(): void {
    this.#entries = [];
    this.#detail.hidden = true;
    this.#refilter();
  }

  /** Appends entries; the pane redraws on the next frame. */
  add(entries: readonly LogEntry[]): void {
    for (const entry of entries) {
      this.#entries.push(entry);
      if (this.#matches(entry)) this.#shown.push(this.#entries.length - 1);
    }
    this.#rows.setCount(this.#shown.length);
  }

  #matches(entry: LogEntry): boolean {
    if (LEVELS.indexOf(entry.level) < this.#minLevel) return false;
    return this.#text === '' || `${entry.logger} ${entry.message} ${entry.error ?? ''}`.toLowerCase().includes(this.#text);
  }

  #refilter(): void {
    this.#shown = [];
    this.#entries.forEach((entry, index) => {
      if (this.#matches(entry)) this.#shown.push(index);
    });
    this.#rows.setCount(this.#shown.length, true);
  }

  #row(index: number): HTMLElement {
    const entry = this.#entries[this.#shown[index]!]!;
    const row = el('div', { className: `log-row level-${entry.level.toLowerCase()}` },
      el('span', { className: 'log-time', text: clock(entry.time) }),
      el('span', { className: 'log-level', text: entry.level }),
      el('span', { className: 'log-logger', text: `[${entry.logger}]` }),
      el('span', { className: 'log-message', text: entry.message }));
    if (entry.error !== undefined) row.append(el('span', { className: 'log-error', text: entry.error }));
    if (entry.line !== undefined) {
      const link = el('button', { className: 'link', text: `spider.ts line ${entry.line}` });
      link.addEventListener('click', (event) => {
        event.stopPropagation();
        this.#onLine(entry.line!);
      });
      row.append(link);
    }
    row.addEventListener('click', () => {
      this.#detail.hidden = false;
      this.#detail.textContent = `${entry.level} [${entry.logger}] ${entry.message}${entry.detail ? `\n\n${entry.detail}` : ''}`;
    });
    return row;
  }
}
