import { resolve } from 'node:path';
import type { Command } from '../command.ts';
import { CRAWL_OPTIONS, settingsFrom, spiderArgsFrom } from '../crawl-options.ts';
import { runCrawl } from '../run-crawl.ts';
import { loadSpiderFromFile } from '../spider-loader.ts';
import { UsageError } from '../usage-error.ts';

/**
 * `skitter runspider FILE`: runs the spider a .ts/.js file exports, no project needed.
 * @see Scrapy's `scrapy runspider`
 */
export const runspiderCommand: Command = {
  name: 'runspider',
  summary: 'Run a self-contained spider (without creating a project)',
  syntax: '[options] <spider_file>',
  description:
    'Run the spider defined in the given file (.ts, .mts, .js or .mjs; TypeScript runs without a build\n' +
    "step). The file imports from 'skitter' and exports one Spider subclass (default or named export).",
  options: CRAWL_OPTIONS,
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError('runspider takes exactly one spider file (see "skitter runspider --help")');
    const settings = settingsFrom(values);
    const args = spiderArgsFrom(values);
    const spiderFile = resolve(io.cwd, positionals[0]!);
    const spiderClass = await loadSpiderFromFile(spiderFile);
    return (await runCrawl(spiderClass, settings, args, io, { spiderFile, cliValues: values, cwd: io.cwd })).code;
  },
};
