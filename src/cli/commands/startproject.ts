import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from '../command.ts';
import { projectFiles } from '../templates/project-files.ts';
import { UsageError } from '../usage-error.ts';
import { skitterVersion } from './version.ts';

/** Project names become package names and class prefixes: a letter, then letters, digits, `_`, `-`. */
const PROJECT_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * `skitter startproject NAME [DIR]`: creates a project folder (settings module, pipeline and
 * middleware stubs, spiders folder, package.json depending on skitter, tsconfig, README).
 * @see Scrapy's `scrapy startproject`
 */
export const startprojectCommand: Command = {
  name: 'startproject',
  summary: 'Create new project',
  syntax: '<project_name> [project_dir]',
  description:
    'Create a new skitter project named <project_name> in [project_dir] (default: ./<project_name>): skitter.config.ts\n' +
    '(the settings every command inside the folder uses), spiders/, pipelines.ts, middlewares.ts, items.ts,\n' +
    'package.json, tsconfig.json and a README. Then: cd into it, npm install, skitter genspider NAME DOMAIN.',
  options: [],
  async run(_values, positionals, io) {
    if (positionals.length < 1 || positionals.length > 2) throw new UsageError('startproject takes a project name and, optionally, a folder (see "skitter startproject --help")');
    const name = positionals[0]!;
    if (!PROJECT_NAME.test(name)) {
      throw new UsageError(`Project names must begin with a letter and contain only letters, numbers, "_" and "-": ${JSON.stringify(name)}`);
    }
    const dir = resolve(io.cwd, positionals[1] ?? name);
    if (existsSync(join(dir, 'skitter.config.ts'))) throw new UsageError(`${join(dir, 'skitter.config.ts')} already exists`);
    if (existsSync(dir) && readdirSync(dir).length > 0 && positionals[1] === undefined) {
      throw new UsageError(`Folder ${dir} already exists and is not empty; choose another name or give an empty [project_dir]`);
    }
    for (const [path, content] of Object.entries(projectFiles(name, skitterVersion()))) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    const cdTo = positionals[1] ?? basename(dir);
    io.stdout.write(
      `New skitter project '${name}' created in:\n    ${dir}\n\nYou can start your first spider with:\n` +
        `    cd ${cdTo}\n    npm install\n    npx skitter genspider example example.com\n`,
    );
    return 0;
  },
};
