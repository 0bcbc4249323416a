import type { Command } from '../command.ts';
import { listOption } from '../command.ts';
import { SETTINGS_OPTIONS, settingsFrom } from '../crawl-options.ts';
import { findSpiders, spiderDirs } from '../spider-loader.ts';
import { UsageError } from '../usage-error.ts';
import { SPIDERS_DIR_OPTION } from './crawl.ts';

/**
 * `skitter list`: prints the names of the project's spiders, one a line, sorted.
 * @see Scrapy's `scrapy list`
 */
export const listCommand: Command = {
  name: 'list',
  summary: 'List available spiders',
  syntax: '[options]',
  description: 'List the spiders of the spider folders (the same folders "skitter crawl" searches), one name a line.',
  options: [SPIDERS_DIR_OPTION, SETTINGS_OPTIONS[0]!],
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError('list takes no arguments (see "skitter list --help")');
    const settings = settingsFrom(values);
    const dirs = spiderDirs(listOption(values, 'spiders'), settings.getList('SPIDER_MODULES'), io.cwd);
    const { spiders, warnings } = await findSpiders(dirs, io.cwd);
    for (const w of warnings) io.terminal.writeLine(`skitter: warning: ${w}`);
    for (const name of [...spiders.keys()].sort()) io.stdout.write(`${name}\n`);
    return 0;
  },
};
