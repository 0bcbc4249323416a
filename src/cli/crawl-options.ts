/**
 * The options shared by the crawling commands (`runspider`, `crawl`, `demo`, `fetch`) and how they
 * become settings and spider arguments, as Scrapy's `ScrapyCommand.process_options`.
 * @module
 */
import { parseLogLevel } from '../core/log.ts';
import { Settings, type SettingsInput } from '../core/settings/settings.ts';
import { feedsFromCliArgs } from '../feeds/cli-feeds.ts';
import { listOption, stringOption, type OptionSpec, type OptionValues } from './command.ts';
import { UsageError } from './usage-error.ts';

/** `-s NAME=VALUE`, `-L LEVEL`, `--nolog`: every crawling command has them. */
export const SETTINGS_OPTIONS: readonly OptionSpec[] = [
  { long: 'set', short: 's', type: 'string', multiple: true, metavar: 'NAME=VALUE', help: 'set/override setting (may be repeated)' },
  { long: 'loglevel', short: 'L', type: 'string', metavar: 'LEVEL', help: 'log level (DEBUG, INFO, WARNING, ERROR, CRITICAL)' },
  { long: 'nolog', type: 'boolean', help: 'disable logging completely' },
];

/** `-o`/`-O`: feed outputs. */
export const OUTPUT_OPTIONS: readonly OptionSpec[] = [
  { long: 'output', short: 'o', type: 'string', multiple: true, metavar: 'FILE', help: 'append scraped items to the end of FILE (use - for stdout, with a :format suffix, e.g. -o -:jsonlines)' },
  { long: 'overwrite-output', short: 'O', type: 'string', multiple: true, metavar: 'FILE', help: 'dump scraped items into FILE, overwriting any existing file' },
];

/** `-a NAME=VALUE`: spider arguments. */
export const SPIDER_ARG_OPTION: OptionSpec = {
  long: 'arg', short: 'a', type: 'string', multiple: true, metavar: 'NAME=VALUE', help: 'set spider argument (may be repeated)',
};

/** The options of `runspider` and `crawl`. */
export const CRAWL_OPTIONS: readonly OptionSpec[] = [SPIDER_ARG_OPTION, ...OUTPUT_OPTIONS, ...SETTINGS_OPTIONS];

/**
 * Splits `NAME=VALUE` at the first `=`.
 * @throws {UsageError} without `=` or with an empty name.
 */
export function splitNameValue(pair: string, flag: string): [string, string] {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new UsageError(`invalid ${flag} value, use ${flag} NAME=VALUE, got ${JSON.stringify(pair)}`);
  return [pair.slice(0, eq), pair.slice(eq + 1)];
}

/** Spider arguments from `-a NAME=VALUE` (strings, the last one wins, as in Scrapy). */
export function spiderArgsFrom(values: OptionValues): Record<string, string> {
  const args: Record<string, string> = {};
  for (const pair of listOption(values, 'arg')) {
    const [name, value] = splitNameValue(pair, '-a');
    args[name] = value;
  }
  return args;
}

let projectSettings: SettingsInput = {};

/**
 * Sets the settings of the project the command runs in (`skitter.config.ts`), applied by
 * {@link settingsFrom} at `project` priority. `main` calls it once per command.
 */
export function setProjectSettings(settings: SettingsInput): void {
  projectSettings = settings;
}

/**
 * The command line's settings: `commandDefaults` at `command` priority, the project's
 * `skitter.config.ts` at `project` priority, then `-s` pairs (strings,
 * converted by Settings for typed keys), FEEDS from `-o`/`-O`, LOG_LEVEL from `-L` and
 * LOG_ENABLED from `--nolog`, all at `cmdline` priority.
 * @throws {UsageError} for a malformed `-s` pair or an unknown `-L` level.
 * @throws {SettingsError} for a value of the wrong type, or bad `-o`/`-O` outputs.
 */
export function settingsFrom(values: OptionValues, commandDefaults: SettingsInput = {}): Settings {
  // Unknown keys are reported once, by the Crawler, when it copies these settings.
  const settings = new Settings(undefined, 'default', () => {});
  settings.update(commandDefaults, 'command');
  settings.update(projectSettings, 'project');
  for (const pair of listOption(values, 'set')) {
    const [name, value] = splitNameValue(pair, '-s');
    settings.set(name, value, 'cmdline');
  }
  const outputs = listOption(values, 'output');
  const overwrites = listOption(values, 'overwrite-output');
  if (outputs.length > 0 || overwrites.length > 0) settings.set('FEEDS', feedsFromCliArgs(outputs, overwrites), 'cmdline');
  const level = stringOption(values, 'loglevel');
  if (level !== undefined) {
    try {
      settings.set('LOG_LEVEL', parseLogLevel(level), 'cmdline');
    } catch {
      throw new UsageError(`invalid log level ${JSON.stringify(level)}; use one of DEBUG, INFO, WARNING, ERROR, CRITICAL`);
    }
  }
  if (values.nolog === true) settings.set('LOG_ENABLED', false, 'cmdline');
  return settings;
}
