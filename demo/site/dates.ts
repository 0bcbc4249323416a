/**
 * Fixed calendar dates for generated reviews and sitemap `lastmod`s (never the clock, which
 * would break byte-identical pages).
 * @module
 */

const EPOCH_MS = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// Product pages print dozens of dates each: a table of the days they use keeps rendering cheap.
const TABLE_DAYS = 400;
const ISO_TABLE: string[] = [];
const LONG_TABLE: string[] = [];
for (let day = 0; day < TABLE_DAYS; day++) {
  const date = new Date(EPOCH_MS + day * DAY_MS);
  ISO_TABLE.push(date.toISOString().slice(0, 10));
  LONG_TABLE.push(`${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`);
}

/** `YYYY-MM-DD` of 1 January 2024 plus `days` (an integer >= 0). */
export function isoDay(days: number): string {
  return ISO_TABLE[days] ?? new Date(EPOCH_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** `2 March 2024` form of {@link isoDay}. */
export function longDay(days: number): string {
  const cached = LONG_TABLE[days];
  if (cached !== undefined) return cached;
  const date = new Date(EPOCH_MS + days * DAY_MS);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
