import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';

/** The package version, read from package.json (found as the package's own `skitter/package.json`, from the sources or the build). */
export function skitterVersion(): string {
  const pkg = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('skitter/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * `skitter version [-v]`: prints `skitter X.Y.Z`, and with `-v` the Node version and platform.
 * @see Scrapy's `scrapy version`
 */
export const versionCommand: Command = {
  name: 'version',
  summary: 'Print skitter version',
  syntax: '[-v]',
  description: 'Print the skitter version. With -v, also the Node version and platform (for bug reports).',
  options: [{ long: 'verbose', short: 'v', type: 'boolean', help: 'also print Node, V8 and platform versions' }],
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError('version takes no arguments');
    if (values.verbose !== true) {
      io.stdout.write(`skitter ${skitterVersion()}\n`);
      return 0;
    }
    const rows: Array<[string, string]> = [
      ['skitter', skitterVersion()],
      ['Node', process.versions.node],
      ['V8', process.versions.v8],
      ['Platform', `${process.platform} ${process.arch}`],
    ];
    for (const [name, value] of rows) io.stdout.write(`${name.padEnd(10)}: ${value}\n`);
    return 0;
  },
};
