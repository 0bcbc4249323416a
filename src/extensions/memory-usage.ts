import type { Crawler } from '../core/crawler.ts';
import { signals } from '../core/signals.ts';
import { NotConfigured } from '../errors/not-configured.ts';
import { hasCapability } from '../platform/capabilities.ts';
import type { DelayedCall } from '../platform/loop-adapter.ts';

/**
 * A loop adapter that can read the process's memory: platforms with the `memoryUsage`
 * capability expose this (Node: the process's resident set size).
 */
export interface MemoryUsageSource {
  /** The current resident set size, in bytes. */
  memoryUsage(): number;
}

const MIB = 1024 * 1024;

/**
 * Watches the process's memory (RSS) every MEMUSAGE_CHECK_INTERVAL_SECONDS while the engine runs:
 * records `memusage/startup` and `memusage/max` (bytes); above MEMUSAGE_WARNING_MB logs a warning
 * once (`memusage/warning_reached`); above MEMUSAGE_LIMIT_MB logs an error and closes the spider
 * with `memusage_exceeded` (`memusage/limit_reached`). Checks run once when the engine starts,
 * then every interval.
 *
 * Needs the `memoryUsage` capability and an adapter with {@link MemoryUsageSource.memoryUsage};
 * elsewhere (browsers, MV3) it raises NotConfigured.
 *
 * Settings: MEMUSAGE_ENABLED (default true), MEMUSAGE_LIMIT_MB (0 = no limit), MEMUSAGE_WARNING_MB
 * (0 = no warning), MEMUSAGE_CHECK_INTERVAL_SECONDS (seconds, default 60).
 * @throws {NotConfigured} when disabled or when the platform cannot measure memory.
 * @see https://docs.scrapy.org/en/latest/topics/extensions.html#module-scrapy.extensions.memusage
 */
export class MemoryUsage {
  /** MEMUSAGE_LIMIT_MB in bytes (0: none). */
  readonly limitBytes: number;
  /** MEMUSAGE_WARNING_MB in bytes (0: none). */
  readonly warningBytes: number;
  /** MEMUSAGE_CHECK_INTERVAL_SECONDS. */
  readonly checkIntervalS: number;
  #crawler: Crawler;
  #read: () => number;
  #task: DelayedCall | undefined;
  #warned = false;
  #limitHit = false;

  constructor(crawler: Crawler) {
    const s = crawler.settings;
    if (!s.getBool('MEMUSAGE_ENABLED')) throw new NotConfigured('MEMUSAGE_ENABLED is false');
    const adapter = crawler.adapter;
    const source = adapter as unknown as Partial<MemoryUsageSource>;
    if (!hasCapability(adapter, 'memoryUsage') || typeof source.memoryUsage !== 'function') {
      throw new NotConfigured(`the ${adapter.name} loop adapter cannot measure memory usage`);
    }
    this.#crawler = crawler;
    this.#read = () => source.memoryUsage!.call(adapter);
    this.limitBytes = s.getInt('MEMUSAGE_LIMIT_MB') * MIB;
    this.warningBytes = s.getInt('MEMUSAGE_WARNING_MB') * MIB;
    this.checkIntervalS = s.getFloat('MEMUSAGE_CHECK_INTERVAL_SECONDS');
    crawler.signals.connect(signals.engineStarted, () => this.#started());
    crawler.signals.connect(signals.engineStopped, () => this.#task?.cancel());
  }

  #started(): void {
    this.#crawler.stats.setValue('memusage/startup', this.#read());
    this.#check();
    this.#task = this.#crawler.adapter.loopingCall(this.checkIntervalS * 1000, () => this.#check());
  }

  #check(): void {
    const rss = this.#read();
    const stats = this.#crawler.stats;
    stats.maxValue('memusage/max', rss);
    if (this.limitBytes && rss > this.limitBytes && !this.#limitHit) {
      this.#limitHit = true;
      stats.setValue('memusage/limit_reached', 1);
      this.#crawler.logger.error(`Memory usage exceeded ${Math.trunc(this.limitBytes / MIB)}MiB. Shutting down skitter...`);
      void this.#crawler.engine.closeSpider('memusage_exceeded');
    }
    if (this.warningBytes && rss > this.warningBytes && !this.#warned) {
      this.#warned = true;
      stats.setValue('memusage/warning_reached', 1);
      this.#crawler.logger.warning(`Memory usage reached ${Math.trunc(this.warningBytes / MIB)}MiB`);
    }
  }
}
