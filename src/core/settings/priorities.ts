/**
 * Settings priorities, as in Scrapy: a value set at a higher priority wins over a lower one.
 * `default` < `command` < `addon` < `project` < `spider` (`customSettings`) < `cmdline` (`-s`).
 * @see Scrapy's SETTINGS_PRIORITIES
 */
export const SETTINGS_PRIORITIES = {
  default: 0,
  command: 10,
  addon: 15,
  project: 20,
  spider: 30,
  cmdline: 40,
} as const;

/** A priority name or a raw number. */
export type SettingsPriority = keyof typeof SETTINGS_PRIORITIES | number;

/** Resolves a priority name to its number. */
export function priorityValue(priority: SettingsPriority): number {
  return typeof priority === 'number' ? priority : SETTINGS_PRIORITIES[priority];
}
