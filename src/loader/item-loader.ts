import type { Response } from '../http/response.ts';
import { extractRegex } from '../selector/regex.ts';
import { Selector, type SelectorList } from '../selector/selector.ts';
import { argToArray, Identity, type LoaderContext, type Processor } from './processors.ts';

/** Input and output processors of one field (Scrapy's `Field(input_processor=, output_processor=)`). */
export interface FieldProcessors {
  /** Applied to each batch of values as it is added. @default the loader's `defaultInputProcessor` */
  inputProcessor?: Processor;
  /** Applied to all collected values by `getOutputValue` / `loadItem`. @default the loader's `defaultOutputProcessor` */
  outputProcessor?: Processor;
}

/** An item class that declares processors per field, as Scrapy `Item` classes do with `Field` metadata. */
export interface ItemClassWithFields {
  /** Field processors; the loader's own `fieldProcessors` take precedence. */
  fields?: Record<string, FieldProcessors>;
}

/** Options of {@link ItemLoader}. */
export interface ItemLoaderOptions<T extends object> {
  /** The item to fill; its existing values are collected first. @default a new `defaultItemClass` (a plain object) */
  item?: T;
  /** The selector `addCss` / `addXpath` query (a list queries every selector in it). @default `response.selector` */
  selector?: Selector | SelectorList;
  /** The response to take the selector from (and put in the context). */
  response?: Response;
  /** Extra context for processors (merged into `context`; Scrapy's `**context`). */
  context?: LoaderContext;
  /** A parent loader: nested loaders share its item and collected values (use `nestedCss` / `nestedXpath`). */
  parent?: ItemLoader<T>;
}

/** Options of the `add*` / `replace*` / `get*` methods. */
export interface ValueOptions {
  /** A regular expression (Python syntax accepted) whose matches replace each value, as `Selector.re()`. */
  re?: RegExp | string;
}

type FieldName<T> = Extract<keyof T, string>;

/**
 * Scrapy's `ItemLoader`: collects values for an item's fields from selectors and plain values, runs
 * each batch through the field's input processor as it arrives, and the collected values through
 * its output processor when the item is loaded.
 *
 * Processors per field come from, in order: the loader's `fieldProcessors`, the item class's static
 * `fields` (Scrapy's `Field` metadata), then `defaultInputProcessor` / `defaultOutputProcessor`
 * (both `Identity()` by default). Subclass to set them once per item type.
 *
 * Values that are `null`, `undefined`, `''` or an empty array after input processing are not
 * collected (as Scrapy's truthiness check, except that `0` and `false` are kept).
 *
 * @example
 * class ProductLoader extends ItemLoader<Product> {
 *   override defaultOutputProcessor = TakeFirst();
 *   override fieldProcessors = {
 *     name: { inputProcessor: MapCompose((s: string) => s.trim()) },
 *     price: { inputProcessor: MapCompose(Number) },
 *     tags: { outputProcessor: Identity() },
 *   };
 * }
 * const loader = new ProductLoader({ response });
 * loader.addCss('name', 'h1::text');
 * loader.addCss('price', '.price::text', { re: '[\\d.]+' });
 * loader.addValue('url', response.url);
 * yield loader.loadItem();
 * @see https://docs.scrapy.org/en/latest/topics/loaders.html
 */
export class ItemLoader<T extends object = Record<string, unknown>> {
  /** The class of new items when none is given. @default a plain object */
  defaultItemClass: (new () => T) | undefined = undefined;
  /** Input processor of fields that declare none. @default Identity() */
  defaultInputProcessor: Processor = Identity();
  /** Output processor of fields that declare none. @default Identity() */
  defaultOutputProcessor: Processor = Identity();
  /** Processors per field; they take precedence over the item class's `fields`. @default {} */
  fieldProcessors: Partial<Record<FieldName<T>, FieldProcessors>> = {};
  /** What processors receive as their context: the options' `context` (and a parent's), plus `selector` and `response`. */
  readonly context: LoaderContext;
  /** The selector (or list: nested loaders) queries run on, if any. */
  readonly selector: Selector | SelectorList | undefined;
  /** The loader this one was nested in. */
  readonly parent: ItemLoader<T> | undefined;

  #item: T | undefined;
  #values: Map<string, unknown[]>;
  #initialItem: T | undefined;

  constructor(options: ItemLoaderOptions<T> = {}) {
    this.parent = options.parent;
    const selector = options.selector ?? selectorOf(options.response);
    this.selector = selector;
    this.#values = options.parent ? options.parent.#values : new Map();
    this.#item = options.parent ? options.parent.item : options.item;
    this.#initialItem = options.parent ? undefined : options.item;
    this.context = { ...(options.parent?.context ?? {}), ...(options.context ?? {}), selector, response: options.response ?? options.parent?.context['response'] };
  }

  /** The item being filled (created on first use from `defaultItemClass`). */
  get item(): T {
    if (this.parent) return this.parent.item;
    if (!this.#item) this.#item = this.defaultItemClass ? new this.defaultItemClass() : ({} as T);
    if (this.#initialItem) {
      // An item given at construction: its values are collected as if added, once.
      const initial = this.#initialItem;
      this.#initialItem = undefined;
      for (const [key, value] of Object.entries(initial)) {
        if (value !== undefined) this.#values.set(key, [...(this.#values.get(key) ?? []), ...argToArray(value)]);
      }
    }
    return this.#item;
  }

  /**
   * Processes `value` (with `re` and `processors`, as {@link getValue}), then through the field's
   * input processor, and appends the result to the field's collected values. With `field`
   * `null`, `value` must be an object and each of its keys is added.
   */
  addValue(field: FieldName<T> | null, value: unknown, ...args: Array<Processor | ValueOptions>): void {
    this.#add(field, value, args, false);
  }

  /** As {@link addValue}, but replaces what the field had collected. */
  replaceValue(field: FieldName<T> | null, value: unknown, ...args: Array<Processor | ValueOptions>): void {
    this.#add(field, value, args, true);
  }

  /**
   * Runs `value` through `re` (each value replaced by its regex matches) and then `processors`
   * in turn, and returns the result without collecting it (Scrapy's `get_value`).
   */
  getValue(value: unknown, ...args: Array<Processor | ValueOptions>): unknown {
    const { processors, re } = splitArgs(args, 'getValue');
    let current = value;
    if (re !== undefined) current = argToArray(current).flatMap((v) => extractRegex(re, String(v)));
    for (const processor of processors) current = processor(current, this.context);
    return current;
  }

  /** Adds the `getall()` of a CSS query on the loader's selector (`::text`, `::attr()` work). */
  addCss(field: FieldName<T> | null, query: string, ...args: Array<Processor | ValueOptions>): void {
    this.addValue(field, this.#css(query), ...args);
  }

  /** As {@link addCss}, replacing what the field had collected. */
  replaceCss(field: FieldName<T> | null, query: string, ...args: Array<Processor | ValueOptions>): void {
    this.replaceValue(field, this.#css(query), ...args);
  }

  /** The values of a CSS query, processed as {@link getValue} does (not collected). */
  getCss(query: string, ...args: Array<Processor | ValueOptions>): unknown {
    return this.getValue(this.#css(query), ...args);
  }

  /** Adds the `getall()` of an XPath query on the loader's selector. */
  addXpath(field: FieldName<T> | null, query: string, ...args: Array<Processor | ValueOptions>): void {
    this.addValue(field, this.#xpath(query), ...args);
  }

  /** As {@link addXpath}, replacing what the field had collected. */
  replaceXpath(field: FieldName<T> | null, query: string, ...args: Array<Processor | ValueOptions>): void {
    this.replaceValue(field, this.#xpath(query), ...args);
  }

  /** The values of an XPath query, processed as {@link getValue} does (not collected). */
  getXpath(query: string, ...args: Array<Processor | ValueOptions>): unknown {
    return this.getValue(this.#xpath(query), ...args);
  }

  /**
   * A loader whose queries run inside the matches of `query` on this loader's selector (Scrapy's
   * `nested_css`): it fills the same item, so `loadItem()` on either gives everything.
   */
  nestedCss(query: string, context: LoaderContext = {}): ItemLoader<T> {
    return this.#nested(this.#selector('nestedCss').css(query), context);
  }

  /** As {@link nestedCss}, with an XPath query. */
  nestedXpath(query: string, context: LoaderContext = {}): ItemLoader<T> {
    return this.#nested(this.#selector('nestedXpath').xpath(query), context);
  }

  /** The values collected for a field so far, after input processing (Scrapy's `get_collected_values`). */
  getCollectedValues(field: FieldName<T>): unknown[] {
    void this.item;
    return [...(this.#values.get(field) ?? [])];
  }

  /** The field's collected values through its output processor (Scrapy's `get_output_value`). */
  getOutputValue(field: FieldName<T>): unknown {
    const processor = this.#processors(field).outputProcessor;
    try {
      return processor(this.getCollectedValues(field), this.context);
    } catch (error) {
      throw new Error(`[skitter] ItemLoader: error with output processor of field ${JSON.stringify(field)}: ${(error as Error).message}`, { cause: error });
    }
  }

  /**
   * Fills the item with the output value of every field that collected something, and returns it.
   * Fields whose output value is `undefined` or `null` are left out (Scrapy's `load_item`).
   */
  loadItem(): T {
    const item = this.item;
    for (const field of this.#values.keys()) {
      const value = this.getOutputValue(field as FieldName<T>);
      if (value != null) (item as Record<string, unknown>)[field] = value;
    }
    return item;
  }

  #add(field: FieldName<T> | null, value: unknown, args: Array<Processor | ValueOptions>, replace: boolean): void {
    void this.item;
    const processed = this.getValue(value, ...args);
    if (processed == null) return;
    if (field === null) {
      if (typeof processed !== 'object' || Array.isArray(processed)) {
        throw new TypeError('[skitter] ItemLoader.addValue: with field null, the value must be an object of field names to values.');
      }
      for (const [key, v] of Object.entries(processed)) this.#store(key, v, replace);
      return;
    }
    this.#store(field, processed, replace);
  }

  #store(field: string, value: unknown, replace: boolean): void {
    const input = this.#processors(field).inputProcessor;
    let processed: unknown;
    try {
      processed = input(argToArray(value), this.context);
    } catch (error) {
      throw new Error(`[skitter] ItemLoader: error with input processor of field ${JSON.stringify(field)}: ${(error as Error).message}`, { cause: error });
    }
    const values = argToArray(processed).filter((v) => v !== undefined);
    if (replace) this.#values.delete(field);
    if (values.length === 0 || values.every((v) => v === null || v === '')) {
      if (replace) this.#values.set(field, []);
      return;
    }
    this.#values.set(field, [...(this.#values.get(field) ?? []), ...values]);
  }

  #processors(field: string): Required<FieldProcessors> {
    const own = (this.fieldProcessors as Record<string, FieldProcessors | undefined>)[field];
    const declared = (this.item.constructor as ItemClassWithFields).fields?.[field];
    return {
      inputProcessor: own?.inputProcessor ?? declared?.inputProcessor ?? this.defaultInputProcessor,
      outputProcessor: own?.outputProcessor ?? declared?.outputProcessor ?? this.defaultOutputProcessor,
    };
  }

  #selector(method: string): Selector | SelectorList {
    if (!this.selector) {
      throw new Error(`[skitter] ItemLoader.${method}: this loader has no selector; create it with { response } or { selector }.`);
    }
    return this.selector;
  }

  #css(query: string): string[] {
    return this.#selector('addCss').css(query).getall();
  }

  #xpath(query: string): string[] {
    return this.#selector('addXpath').xpath(query).getall();
  }

  #nested(selector: SelectorList, context: LoaderContext): ItemLoader<T> {
    const LoaderClass = this.constructor as new (options: ItemLoaderOptions<T>) => ItemLoader<T>;
    const nested = new LoaderClass({ selector, parent: this, context });
    nested.defaultItemClass = this.defaultItemClass;
    nested.defaultInputProcessor = this.defaultInputProcessor;
    nested.defaultOutputProcessor = this.defaultOutputProcessor;
    nested.fieldProcessors = this.fieldProcessors;
    return nested;
  }
}

function selectorOf(response: Response | undefined): Selector | undefined {
  if (!response) return undefined;
  const selector = (response as { selector?: unknown }).selector;
  return selector instanceof Selector ? selector : undefined;
}

function splitArgs(args: Array<Processor | ValueOptions>, method: string): { processors: Processor[]; re: RegExp | string | undefined } {
  const processors: Processor[] = [];
  let re: RegExp | string | undefined;
  for (const arg of args) {
    if (typeof arg === 'function') processors.push(arg);
    else if (arg && typeof arg === 'object') re = arg.re ?? re;
    else throw new TypeError(`[skitter] ItemLoader.${method}: processors must be functions, got ${arg === null ? 'null' : typeof arg}.`);
  }
  return { processors, re };
}
