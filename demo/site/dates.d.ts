/**
 * Fixed calendar dates for generated reviews and sitemap `lastmod`s (never the clock, which
 * would break byte-identical pages).
 * @module
 */
/** `YYYY-MM-DD` of 1 January 2024 plus `days` (an integer >= 0). */
export declare function isoDay(days: number): string;
/** `2 March 2024` form of {@link isoDay}. */
export declare function longDay(days: number): string;
//# sourceMappingURL=dates.d.ts.map