import type { Crawler } from '../crawler.ts';
import type { Spider } from '../../spiders/spider.ts';
import { InvalidOutputError } from '../../errors/invalid-output-error.ts';
import { isPromiseLike, type MaybePromise } from '../../utils/maybe-async.ts';
import { hookName } from '../middleware/describe.ts';

/**
 * An item pipeline (ITEM_PIPELINES). `processItem` may be sync or async; it returns the item (or
 * a replacement) or throws DropItem.
 * @see https://docs.scrapy.org/en/latest/topics/item-pipeline.html
 */
export interface ItemPipeline {
  processItem?(item: unknown, spider: Spider): MaybePromise<unknown>;
  openSpider?(spider: Spider): MaybePromise<void>;
  closeSpider?(spider: Spider): MaybePromise<void>;
}

/** Runs items through the pipelines in ascending order (Scrapy's ItemPipelineManager). */
export class ItemPipelineManager {
  readonly pipelines: readonly ItemPipeline[];
  #hooks: ItemPipeline[];
  #crawler: Crawler;

  constructor(crawler: Crawler, pipelines: ItemPipeline[]) {
    this.#crawler = crawler;
    this.pipelines = pipelines;
    this.#hooks = pipelines.filter((p) => typeof p.processItem === 'function');
  }

  /** True when no pipeline has `processItem` (items pass through unchanged). */
  get empty(): boolean {
    return this.#hooks.length === 0;
  }

  async openSpider(spider: Spider): Promise<void> {
    for (const p of this.pipelines) await p.openSpider?.(spider);
  }

  async closeSpider(spider: Spider): Promise<void> {
    for (const p of this.pipelines) await p.closeSpider?.(spider);
  }

  /**
   * Passes `item` through every pipeline. Returns the final item synchronously when every
   * pipeline was sync (the common case costs no promise), else a promise.
   * @throws DropItem or the pipeline's error.
   */
  processItem(item: unknown): MaybePromise<unknown> {
    const spider = this.#crawler.spider;
    const list = this.#hooks;
    for (let i = 0; i < list.length; i++) {
      const out = list[i]!.processItem!(item, spider);
      if (isPromiseLike(out)) return this.#continueAsync(out, i);
      item = checked(list[i]!, out);
    }
    return item;
  }

  async #continueAsync(pending: PromiseLike<unknown>, index: number): Promise<unknown> {
    const spider = this.#crawler.spider;
    const list = this.#hooks;
    let item = checked(list[index]!, await pending);
    for (let i = index + 1; i < list.length; i++) {
      let out = list[i]!.processItem!(item, spider);
      if (isPromiseLike(out)) out = await out;
      item = checked(list[i]!, out);
    }
    return item;
  }
}

function checked(pipeline: ItemPipeline, out: unknown): unknown {
  if (out === undefined) {
    throw new InvalidOutputError(`[skitter] ${hookName(pipeline, 'processItem')} returned undefined; return the item (or throw DropItem to drop it).`);
  }
  return out;
}
