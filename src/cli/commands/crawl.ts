import type { Command } from '../command.ts';
import { listOption, type OptionSpec } from '../command.ts';
import { CRAWL_OPTIONS, settingsFrom, spiderArgsFrom } from '../crawl-options.ts';
import { runCrawl } from '../run-crawl.ts';
import { findSpiders, spiderDirs } from '../spider-loader.ts';
import { UsageError } from '../usage-error.ts';

/** `--spiders DIR`: where `crawl` and `list` look for spiders. */
export const SPIDERS_DIR_OPTION: OptionSpec = {
  long: 'spiders', type: 'string', multiple: true, metavar: 'DIR',
  help: 'folder of spider files (may be repeated); default: SPIDER_MODULES, else ./spiders and ./examples',
};

/**
 * `skitter crawl NAME`: runs the spider named NAME from the project's spider folders.
 * @see Scrapy's `scrapy crawl`
 */
export const crawlCommand: Command = {
  name: 'crawl',
  summary: 'Run a spider of the project by name',
  syntax: '[options] <spider>',
  description:
    'Run the spider named <spider>, found in the spider folders: --spiders DIR, else the SPIDER_MODULES\n' +
    'setting (-s SPIDER_MODULES=dir1,dir2), else ./spiders and ./examples.',
  options: [...CRAWL_OPTIONS, SPIDERS_DIR_OPTION],
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError('crawl takes exactly one spider name (see "skitter crawl --help"; "skitter list" shows the names)');
    const name = positionals[0]!;
    const settings = settingsFrom(values);
    const args = spiderArgsFrom(values);
    const dirs = spiderDirs(listOption(values, 'spiders'), settings.getList('SPIDER_MODULES'), io.cwd);
    const { spiders, warnings } = await findSpiders(dirs, io.cwd);
    for (const w of warnings) io.terminal.writeLine(`skitter: warning: ${w}`);
    const found = spiders.get(name);
    if (!found) {
      const known = [...spiders.keys()].sort();
      throw new UsageError(`Spider not found: ${name} (in ${dirs.join(', ')}; ${known.length > 0 ? `known: ${known.join(', ')}` : 'no spiders found'})`);
    }
    return (await runCrawl(found.spiderClass, settings, args, io, { spiderFile: found.file, spiderName: name, cliValues: values, cwd: io.cwd })).code;
  },
};
