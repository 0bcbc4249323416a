/**
 * The project a command runs in, Scrapy's `scrapy.cfg` + `settings.py`: the nearest
 * `skitter.config.ts` (or `.mts`, `.js`, `.mjs`) in the current folder or above, whose default
 * export is the project's settings. `skitter startproject` writes one.
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SettingsInput } from '../core/settings/settings.ts';
import { importSpiderModule } from './spider-loader.ts';
import { UsageError } from './usage-error.ts';

/** File names of a project's settings module, in the order they are looked for. */
export const PROJECT_CONFIG_FILES = ['skitter.config.ts', 'skitter.config.mts', 'skitter.config.js', 'skitter.config.mjs'];

/** A project found around the current folder. */
export interface Project {
  /** The folder holding the config file. */
  root: string;
  /** The config file. */
  file: string;
  /** Its default export: settings applied at `project` priority. */
  settings: SettingsInput;
}

/** The nearest config file from `cwd` upwards, or `undefined` outside a project. */
export function findProjectConfig(cwd: string): string | undefined {
  let dir = cwd;
  for (;;) {
    for (const name of PROJECT_CONFIG_FILES) {
      const file = join(dir, name);
      if (existsSync(file)) return file;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Loads the project around `cwd`. Relative SPIDER_MODULES are made relative to the project's root,
 * so `skitter crawl` works from any folder inside the project.
 * @throws {UsageError} when the config file's default export is not a settings object.
 */
export async function loadProject(cwd: string): Promise<Project | undefined> {
  const file = findProjectConfig(cwd);
  if (!file) return undefined;
  const module = await importSpiderModule(file);
  const settings = module['default'] ?? module['settings'];
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
    throw new UsageError(`${file} must export its settings object as default (export default { BOT_NAME: '...', ... })`);
  }
  const root = dirname(file);
  const input = { ...(settings as SettingsInput) };
  const modules = input['SPIDER_MODULES'];
  if (Array.isArray(modules)) input['SPIDER_MODULES'] = modules.map((m) => (typeof m === 'string' && !m.startsWith('/') ? join(root, m) : m));
  return { root, file, settings: input };
}
