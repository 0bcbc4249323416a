/**
 * Which loop adapter a crawl runs on: the analog of installing Scrapy's reactor. Entry files
 * (`src/node.ts`, `src/web.ts`, `src/mv3.ts`) install their platform at import time; package.json
 * export conditions pick the entry at build time (MV3 forbids loading code at run time).
 * @module
 */
import type { LoopAdapter } from '../platform/loop-adapter.ts';
import type { SettingsInput } from './settings/settings.ts';
import { SettingsError } from '../errors/settings-error.ts';

/** A platform: its adapter and the default settings for its components (feeds, handlers). */
export interface Platform {
  /** `node`, `web`, `mv3`, ... */
  name: string;
  /** Creates the process-wide adapter (called once, lazily). */
  createAdapter(): LoopAdapter;
  /** Settings applied at `default` priority (e.g. FEED_STORAGES, DOWNLOAD_HANDLERS for `file:`). */
  defaults: SettingsInput;
}

let installed: Platform | undefined;
let running: LoopAdapter | undefined;
const registry = new Map<string, Platform>();

/**
 * Registers a platform by name. Called by entry files. The first platform installed in a process
 * stays its default: importing `skitter/web` in a Node process (a shared spider file, a library)
 * must not move Node crawls onto the web adapter. A second, different platform is registered (a
 * crawl may select it with LOOP_ADAPTER) and a warning says so on the console.
 */
export function installPlatform(platform: Platform): void {
  registry.set(platform.name, platform);
  if (!installed || installed.name === platform.name) {
    installed = platform;
    return;
  }
  console.warn(`[skitter] the ${platform.name} platform (skitter/${platform.name}) was loaded in a process that already uses the ${installed.name} platform: crawls keep running on ${installed.name}, with its feeds and download handlers. Set LOOP_ADAPTER: '${platform.name}' to run a crawl on ${platform.name}, or import only one skitter entry point.`);
}

/**
 * The platform whose default components (feed storages, download handlers) a crawl on `adapter`
 * uses: the one registered under the adapter's name, else the installed one (virtual and custom
 * adapters run with the host's components).
 */
export function platformForAdapter(adapter: LoopAdapter): Platform | undefined {
  return registry.get(adapter.name) ?? installed;
}

/** The installed platform, if an entry file installed one. */
export function installedPlatform(): Platform | undefined {
  return installed;
}

type AdapterClass = new () => LoopAdapter;

/**
 * Resolves the LOOP_ADAPTER setting to the process-wide adapter.
 * - `'auto'` (default): the installed platform's adapter;
 * - a platform name: that platform, which must match the running one;
 * - a LoopAdapter class: an instance of it, unless another adapter already runs crawls;
 * - a LoopAdapter instance: used as is (tests, custom hosts), same rule.
 * @throws {SettingsError} when a different adapter is already running crawls in this process
 * (Scrapy's "a different reactor is already installed"), or when no platform is installed.
 */
export function resolveLoopAdapter(setting: unknown): LoopAdapter {
  if (setting == null || setting === 'auto') {
    if (running) return running;
    if (!installed) throw new SettingsError('[skitter] LOOP_ADAPTER: no platform is installed; import skitter through its entry point (skitter, skitter/node, skitter/web, skitter/mv3) or set LOOP_ADAPTER to a LoopAdapter.');
    running = installed.createAdapter();
    return running;
  }
  if (typeof setting === 'string') {
    if (running) {
      if (running.name !== setting) throw differentAdapter(running.name, setting);
      return running;
    }
    const platform = registry.get(setting);
    if (!platform) {
      throw new SettingsError(`[skitter] LOOP_ADAPTER: unknown adapter ${JSON.stringify(setting)}; available here: ${[...registry.keys()].join(', ') || 'none'} (each runtime's entry point installs its own).`);
    }
    running = platform.createAdapter();
    return running;
  }
  if (typeof setting === 'function') {
    const cls = setting as AdapterClass;
    const current: LoopAdapter | undefined = running;
    if (current) {
      const currentName = current.name;
      if (!(current instanceof cls)) throw differentAdapter(currentName, cls.name);
      return current;
    }
    running = new cls();
    return running;
  }
  if (typeof setting === 'object' && typeof (setting as LoopAdapter).callLater === 'function') {
    const adapter = setting as LoopAdapter;
    if (running && running !== adapter && !isVirtual(adapter) && !isVirtual(running)) throw differentAdapter(running.name, (adapter as LoopAdapter).name);
    // A virtual adapter is per test and never becomes the process-wide one.
    if (!isVirtual(adapter)) running = adapter;
    return adapter;
  }
  throw new SettingsError(`[skitter] LOOP_ADAPTER must be "auto", a platform name, a LoopAdapter class or instance; got ${String(setting)}.`);
}

/** Forgets the running adapter once no crawl uses it (CrawlerRunner calls this when it is idle). */
export function releaseLoopAdapter(adapter: LoopAdapter): void {
  if (running === adapter) running = undefined;
}

function isVirtual(adapter: LoopAdapter): boolean {
  return adapter.name === 'virtual';
}

function differentAdapter(current: string, requested: string): SettingsError {
  return new SettingsError(`[skitter] LOOP_ADAPTER: this process already runs crawls on the ${current} adapter; it cannot switch to ${requested} (like Scrapy's "a different reactor is already installed"). Run the other crawl in another process or worker.`);
}
