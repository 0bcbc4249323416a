/**
 * Live stats (pages, items, pages/s, queue, errors, elapsed) while a crawl runs, and the final
 * stats dump (Scrapy's "Dumping Scrapy stats") when it ends.
 * @module
 */
import { el } from './dom.ts';

function count(stats: Record<string, unknown>, key: string): number {
  const value = stats[key];
  return typeof value === 'number' ? value : 0;
}

/** The stats bar and the final dump. */
export class StatsView {
  /** The live counters (a bar above the tabs). */
  readonly bar: HTMLElement;
  /** The final stats, as JSON. */
  readonly dump: HTMLElement;
  #fields: Record<'pages' | 'items' | 'rate' | 'queue' | 'errors' | 'elapsed', HTMLElement>;
  #startedAt = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #items = 0;
  #stats: Record<string, unknown> = {};

  constructor() {
    const field = (label: string, testId: string): [HTMLElement, HTMLElement] => {
      const value = el('strong', { testId, text: '0' });
      return [el('span', { className: 'stat' }, el('span', { text: label }), value), value];
    };
    const [pages, pagesValue] = field('pages', 'stats-pages');
    const [items, itemsValue] = field('items', 'stats-items');
    const [rate, rateValue] = field('pages/s', 'stats-rate');
    const [queue, queueValue] = field('queue', 'stats-queue');
    const [errors, errorsValue] = field('errors', 'stats-errors');
    const [elapsed, elapsedValue] = field('elapsed', 'stats-elapsed');
    this.#fields = { pages: pagesValue, items: itemsValue, rate: rateValue, queue: queueValue, errors: errorsValue, elapsed: elapsedValue };
    this.bar = el('div', { className: 'stats-bar' }, pages, items, rate, queue, errors, elapsed);
    this.dump = el('pre', { className: 'stats-dump', testId: 'stats-dump', text: 'The final stats appear here when a crawl ends.' });
  }

  /** A crawl started: counters to zero, the clock running. */
  start(): void {
    this.#startedAt = performance.now();
    this.#items = 0;
    this.#stats = {};
    this.dump.textContent = 'Crawling...';
    clearInterval(this.#timer);
    this.#timer = setInterval(() => this.#render(), 250);
    this.#render();
  }

  /** Items received so far (counted in the page, so the number matches the table exactly). */
  set items(value: number) {
    this.#items = value;
    this.#fields.items.textContent = String(value);
  }

  /** A stats snapshot from the crawl. */
  update(stats: Record<string, unknown>): void {
    this.#stats = stats;
    this.#render();
  }

  /** The crawl ended: the final snapshot and the dump. */
  finish(stats: Record<string, unknown> | undefined): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (stats) this.#stats = stats;
    this.#render();
    this.dump.textContent = stats ? JSON.stringify(stats, null, 2) : 'The crawl did not run (see the error).';
  }

  #render(): void {
    const s = this.#stats;
    const pages = count(s, 'response_received_count');
    const seconds = typeof s.elapsed_time_seconds === 'number' && this.#timer === undefined
      ? s.elapsed_time_seconds
      : (performance.now() - this.#startedAt) / 1000;
    this.#fields.pages.textContent = String(pages);
    this.#fields.items.textContent = String(this.#items);
    this.#fields.rate.textContent = seconds > 0 ? (pages / seconds).toFixed(0) : '0';
    this.#fields.queue.textContent = String(Math.max(0, count(s, 'scheduler/enqueued') - count(s, 'scheduler/dequeued')));
    this.#fields.errors.textContent = String(count(s, 'log_count/ERROR'));
    this.#fields.elapsed.textContent = `${seconds.toFixed(1)} s`;
  }
}
