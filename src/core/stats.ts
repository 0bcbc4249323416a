/**
 * Scrapy's stats collector (MemoryStatsCollector): a flat map of counters and values under
 * Scrapy's keys (`downloader/request_count`, `item_scraped_count`, `finish_reason`, ...).
 * @see https://docs.scrapy.org/en/latest/topics/stats.html
 */
export class StatsCollector {
  #stats = new Map<string, unknown>();

  /** A value, or `fallback` when unset. */
  getValue<T = unknown>(key: string, fallback?: T): T | undefined {
    return this.#stats.has(key) ? (this.#stats.get(key) as T) : fallback;
  }

  /** Every stat as a plain object, keys sorted (as Scrapy prints them). */
  getStats(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of [...this.#stats.keys()].sort()) out[key] = this.#stats.get(key);
    return out;
  }

  setValue(key: string, value: unknown): void {
    this.#stats.set(key, value);
  }

  /** Replaces every stat. */
  setStats(stats: Record<string, unknown>): void {
    this.#stats = new Map(Object.entries(stats));
  }

  /** Adds `count` (default 1) to a counter, starting from `start` (default 0). */
  incValue(key: string, count = 1, start = 0): void {
    const current = this.#stats.get(key);
    this.#stats.set(key, (typeof current === 'number' ? current : start) + count);
  }

  /** Keeps the larger of the current value and `value`. */
  maxValue(key: string, value: number): void {
    const current = this.#stats.get(key);
    if (typeof current !== 'number' || value > current) this.#stats.set(key, value);
  }

  /** Keeps the smaller of the current value and `value`. */
  minValue(key: string, value: number): void {
    const current = this.#stats.get(key);
    if (typeof current !== 'number' || value < current) this.#stats.set(key, value);
  }

  clearStats(): void {
    this.#stats.clear();
  }
}
