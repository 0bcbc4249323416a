/**
 * A scrolling list that renders only the rows in view (plus a few), so a table of 10,000 items or
 * a log of 50,000 lines scrolls as smoothly as one of ten. Windowing is @tanstack/virtual-core's;
 * this file only puts its rows into the DOM.
 * @module
 */
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer } from '@tanstack/virtual-core';

/** Rows rendered above and below the visible ones, so fast scrolling shows no blank rows. */
const OVERSCAN_ROWS = 10;
/**
 * Least time between redraws caused by new rows, in ms: a crawl adds rows many times a second,
 * and ten redraws a second look live while leaving the main thread free. Scrolling redraws at once.
 */
const GROWTH_REDRAW_INTERVAL_MS = 100;

/** A virtualised list of fixed-height rows inside `scroller`. */
export class VirtualRows {
  #scroller: HTMLElement;
  #spacer: HTMLElement;
  #rowHeight: number;
  #renderRow: (index: number) => HTMLElement;
  #virtualizer: Virtualizer<HTMLElement, HTMLElement>;
  #count = 0;
  #frame = 0;
  #growthTimer: ReturnType<typeof setTimeout> | undefined;
  #followEnd = false;
  /** The rows in the DOM (`first-last`), and whether their content changed since they were drawn. */
  #drawn = '';
  #dirty = true;

  /**
   * @param scroller the scrolling element (its height is set by CSS).
   * @param rowHeightPx the height of every row, in CSS pixels.
   * @param renderRow builds the element of row `index` (called for visible rows only).
   */
  constructor(scroller: HTMLElement, rowHeightPx: number, renderRow: (index: number) => HTMLElement) {
    this.#scroller = scroller;
    this.#rowHeight = rowHeightPx;
    this.#renderRow = renderRow;
    this.#spacer = document.createElement('div');
    this.#spacer.className = 'virtual-spacer';
    scroller.append(this.#spacer);
    this.#virtualizer = new Virtualizer<HTMLElement, HTMLElement>(this.#options());
    this.#virtualizer._didMount();
    this.#virtualizer._willUpdate();
  }

  /** Number of rows. */
  get count(): number {
    return this.#count;
  }

  /** Keep the last row in view as rows are added (a log's tail). */
  set followEnd(value: boolean) {
    this.#followEnd = value;
  }

  /**
   * Sets the number of rows and redraws: on the next frame when rows changed, at most every
   * {@link GROWTH_REDRAW_INTERVAL_MS} when rows were only added.
   * @param rowsChanged false when rows were only appended (the rows already drawn stay as they
   *   are: a table growing below the visible rows costs no redraw), true when they were replaced.
   */
  setCount(count: number, rowsChanged = false): void {
    this.#count = count;
    this.#dirty ||= rowsChanged;
    this.#virtualizer.setOptions(this.#options());
    if (rowsChanged) this.#schedule();
    else this.#growthTimer ??= setTimeout(() => {
      this.#growthTimer = undefined;
      this.#schedule();
    }, GROWTH_REDRAW_INTERVAL_MS);
  }

  /** Redraws the visible rows on the next frame (their data changed). */
  refresh(): void {
    this.#dirty = true;
    this.#schedule();
  }

  #options() {
    return {
      count: this.#count,
      getScrollElement: () => this.#scroller,
      estimateSize: () => this.#rowHeight,
      overscan: OVERSCAN_ROWS,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      onChange: () => this.#schedule(),
    };
  }

  #schedule(): void {
    if (this.#frame !== 0) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#draw();
    });
  }

  #draw(): void {
    const atEnd = this.#scroller.scrollTop + this.#scroller.clientHeight >= this.#scroller.scrollHeight - this.#rowHeight * 2;
    this.#virtualizer._willUpdate();
    this.#spacer.style.height = `${this.#virtualizer.getTotalSize()}px`;
    const visible = this.#virtualizer.getVirtualItems();
    const range = visible.length === 0 ? '' : `${visible[0]!.index}-${visible.at(-1)!.index}`;
    if (range !== this.#drawn || this.#dirty) this.#drawRows(visible);
    if (this.#followEnd && atEnd) this.#scroller.scrollTop = this.#scroller.scrollHeight;
  }

  #drawRows(visible: readonly { index: number; start: number }[]): void {
    this.#drawn = visible.length === 0 ? '' : `${visible[0]!.index}-${visible.at(-1)!.index}`;
    this.#dirty = false;
    const rows: HTMLElement[] = [];
    for (const item of visible) {
      const row = this.#renderRow(item.index);
      row.style.transform = `translateY(${item.start}px)`;
      row.style.height = `${this.#rowHeight}px`;
      row.classList.add('virtual-row');
      rows.push(row);
    }
    this.#spacer.replaceChildren(...rows);
  }
}
