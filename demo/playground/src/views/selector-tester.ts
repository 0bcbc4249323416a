/**
 * The selector tester, the page's `scrapy shell`: pick a downloaded response (or type any URL:
 * the demo shop's or a CORS-enabled site's), type a CSS or XPath query and, optionally, a regular
 * expression, and see `get()`, `getall()` and `re()` as a spider would get them, with the matches
 * highlighted in the page's source. It runs skitter's own Selector, so `::text`, `::attr(name)`
 * and XPath 1.0 behave exactly as in spiders.
 * @module
 */
import { Selector } from '../../../../src/selector/index.ts';
import { el } from './dom.ts';

/** A response to test queries on. */
export interface TestedPage {
  url: string;
  body: string;
  contentType: string;
}

/** Wait after the last keystroke before querying, in ms: queries on a big page take a few ms. */
const QUERY_DEBOUNCE_MS = 120;
/** Matches highlighted at most: past that the source view would cost more than it tells. */
const MAX_HIGHLIGHTS = 500;

/** The selector tester panel. */
export class SelectorTester {
  readonly element: HTMLElement;
  #url: HTMLInputElement;
  #urls: HTMLDataListElement;
  #type: HTMLSelectElement;
  #query: HTMLInputElement;
  #regex: HTMLInputElement;
  #results: HTMLElement;
  #source: HTMLElement;
  #status: HTMLElement;
  #page: TestedPage | undefined;
  #selector: Selector | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #find: (url: string) => TestedPage | undefined;

  /** @param find a downloaded response for a URL, if the last crawl fetched it. */
  constructor(find: (url: string) => TestedPage | undefined) {
    this.#find = find;
    this.#url = el('input', { testId: 'selector-url', className: 'grow' });
    this.#url.placeholder = 'URL of a downloaded page, the shop or a CORS-enabled site';
    this.#urls = el('datalist');
    this.#urls.id = 'selector-urls';
    this.#url.setAttribute('list', this.#urls.id);
    const load = el('button', { testId: 'selector-load', className: 'small', text: 'Load' });
    load.addEventListener('click', () => void this.load(this.#url.value));
    this.#url.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') void this.load(this.#url.value);
    });
    this.#type = el('select', { testId: 'selector-type' }, el('option', { text: 'CSS' }), el('option', { text: 'XPath' }));
    this.#query = el('input', { testId: 'selector-input', className: 'grow' });
    this.#query.placeholder = "CSS: .product-card h2 a::attr(href)   XPath: //h1/text()";
    this.#regex = el('input', { testId: 'selector-re' });
    this.#regex.placeholder = 're(): optional regular expression';
    for (const input of [this.#query, this.#regex]) input.addEventListener('input', () => this.#schedule());
    this.#type.addEventListener('change', () => this.#schedule());
    this.#status = el('div', { className: 'selector-status', testId: 'selector-status', text: 'Load a page to query it.' });
    this.#results = el('div', { className: 'selector-results', testId: 'selector-results' });
    this.#source = el('pre', { className: 'source selector-source', testId: 'selector-source' });
    this.element = el('div', { className: 'selector-tester' },
      el('div', { className: 'toolbar' }, this.#url, this.#urls, load),
      el('div', { className: 'toolbar' }, this.#type, this.#query, this.#regex),
      this.#status, this.#results, this.#source);
  }

  /** Offers these URLs (the last crawl's pages) in the URL box. */
  suggest(urls: readonly string[]): void {
    this.#urls.replaceChildren(...urls.slice(-200).map((url) => el('option', { text: url })));
  }

  /** Tests queries on `page`. */
  show(page: TestedPage): void {
    this.#page = page;
    this.#url.value = page.url;
    const xml = /xml/.test(page.contentType) && !/html/.test(page.contentType);
    this.#selector = new Selector({ text: page.body, type: xml ? 'xml' : 'html' });
    this.#status.textContent = `${page.url} (${page.body.length} characters)`;
    this.#run();
  }

  /** Loads `url`: the crawl's copy when it downloaded it, otherwise a fetch from the page. */
  async load(url: string): Promise<void> {
    const known = this.#find(url);
    if (known) return this.show(known);
    this.#status.textContent = `Fetching ${url}...`;
    try {
      const response = await fetch(url);
      this.show({ url: response.url || url, body: await response.text(), contentType: response.headers.get('content-type') ?? '' });
    } catch (error) {
      const crossOrigin = URL.canParse(url) && new URL(url).origin !== location.origin;
      this.#status.textContent = `Could not fetch ${url}: ${error instanceof Error ? error.message : String(error)}.`
        + (crossOrigin ? ' The site probably does not allow CORS (see the log for what that means).' : '');
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), QUERY_DEBOUNCE_MS);
  }

  #run(): void {
    const query = this.#query.value.trim();
    if (!this.#selector || !this.#page || query === '') {
      this.#results.replaceChildren();
      this.#source.replaceChildren(this.#page?.body ?? '');
      return;
    }
    try {
      const list = this.#type.value === 'XPath' ? this.#selector.xpath(query) : this.#selector.css(query);
      const all = list.getall();
      const regex = this.#regex.value;
      const matched = regex === '' ? undefined : list.re(regex);
      const rows = [
        el('div', { className: 'result-count', text: `${all.length} match${all.length === 1 ? '' : 'es'}` }),
        el('div', {}, el('b', { text: '.get(): ' }), el('code', { text: JSON.stringify(list.get()) })),
        el('div', {}, el('b', { text: '.getall():' })),
        el('ol', {}, ...all.map((value) => el('li', {}, el('code', { className: 'match', text: value })))),
      ];
      if (matched) rows.push(el('div', {}, el('b', { text: `.re(${JSON.stringify(regex)}): ` }), el('code', { text: JSON.stringify(matched) })));
      this.#results.replaceChildren(...rows);
      this.#highlight(all);
    } catch (error) {
      this.#results.replaceChildren(el('div', { className: 'query-error', text: error instanceof Error ? error.message : String(error) }));
      this.#source.replaceChildren(this.#page.body);
    }
  }

  /** The source with each match marked where it occurs, in order (text as serialised may differ: those are left unmarked). */
  #highlight(matches: readonly string[]): void {
    const body = this.#page!.body;
    const parts: (Node | string)[] = [];
    let from = 0;
    let marked = 0;
    for (const match of matches) {
      if (marked >= MAX_HIGHLIGHTS || match.trim() === '') continue;
      const at = body.indexOf(match, from);
      if (at < 0) continue;
      parts.push(body.slice(from, at), el('mark', { text: match }));
      from = at + match.length;
      marked++;
    }
    parts.push(body.slice(from));
    this.#source.replaceChildren(...parts);
    this.#source.dataset.highlights = String(marked);
    this.#source.querySelector('mark')?.scrollIntoView({ block: 'nearest' });
  }
}
