/**
 * What a transpiled spider module calls in the crawl worker (see `../spider-module.ts`, which
 * writes the module): `require` for its imports, and `pickSpider` for the class to run, which it
 * then exports as `spider`.
 * @module
 */
import type * as Skitter from 'skitter';

type SkitterModule = typeof Skitter;

/** The runtime a spider module reaches through the worker global. */
export interface SpiderModuleRuntime {
  /** The module's imports: `skitter` (and `skitter/web`) only. @throws {Error} for anything else. */
  require(specifier: string): unknown;
  /**
   * The spider class among the module's exports (the default export, else the only Spider
   * subclass), extended so the crawl's requests are recorded.
   * @throws {Error} naming what the module exports when it has no spider or several.
   */
  pickSpider(exports: Record<string, unknown>): Skitter.SpiderClass;
}

/** The runtime over the worker's `skitter`; `onCrawler` receives the crawler once it binds the spider. */
export function spiderModuleRuntime(skitter: SkitterModule, onCrawler: (crawler: Skitter.Crawler) => void): SpiderModuleRuntime {
  const isSpiderClass = (value: unknown): value is Skitter.SpiderClass =>
    typeof value === 'function' && (value === skitter.Spider || value.prototype instanceof skitter.Spider);

  return {
    require(specifier) {
      if (specifier === 'skitter' || specifier === 'skitter/web') return skitter;
      throw new Error(`The playground runs a single file that may import only from 'skitter' (it imports '${specifier}'). Paste what you need into the file.`);
    },
    pickSpider(exports) {
      const spiders = Object.entries(exports).filter((entry): entry is [string, Skitter.SpiderClass] => isSpiderClass(entry[1]));
      const picked = isSpiderClass(exports.default) ? exports.default : spiders.length === 1 ? spiders[0]![1] : undefined;
      if (picked === undefined) {
        throw new Error(spiders.length === 0
          ? 'The file exports no Spider class: export your spider (`export default class MySpider extends Spider { ... }`).'
          : `The file exports ${spiders.length} Spider classes (${spiders.map(([name]) => name).join(', ')}): make the one to run the default export.`);
      }
      // A subclass keeps the visitor's class untouched and names itself after it in logs.
      const recorded = class extends (picked as new () => Skitter.Spider) {
        override bindCrawler(crawler: Skitter.Crawler): void {
          super.bindCrawler(crawler);
          onCrawler(crawler);
        }
      };
      Object.defineProperty(recorded, 'name', { value: picked.name });
      return recorded;
    },
  };
}
