/**
 * Engine threads for CLI crawls (ENGINE_THREADS): the spider runs in N `worker_threads`, each with
 * its own engine, downloader and spider instance, around one frontier in the main thread. See
 * docs/threads.md for what changes with threads.
 * @module
 */
import type { Settings } from '../core/settings/settings.ts';
import type { ThreadRecipe } from './messages.ts';
import { ThreadDownloader } from './thread-downloader.node.ts';

/**
 * Turns the crawl these `settings` configure into a threaded one when ENGINE_THREADS > 0: the
 * main thread's downloader becomes a {@link ThreadDownloader}, and its downloader and spider
 * middlewares are off (they run in the threads, around the downloads and callbacks). Returns a warning to log when threads were
 * asked for but cannot be used (no `recipe`: the spider was not loaded from a file the threads can
 * import), else undefined.
 */
export function useEngineThreads(settings: Settings, recipe: ThreadRecipe | undefined): string | undefined {
  const threads = settings.getInt('ENGINE_THREADS');
  if (threads <= 0) return undefined;
  if (!recipe) return `ENGINE_THREADS=${threads} is only supported by "skitter runspider" and "skitter crawl"; this crawl runs in one thread`;
  settings.set('DOWNLOADER', ThreadDownloader.spec(recipe, threads), 'cmdline');
  settings.set('SPIDER_MIDDLEWARES_BASE', {}, 'cmdline');
  settings.set('SPIDER_MIDDLEWARES', {}, 'cmdline');
  settings.set('DOWNLOADER_MIDDLEWARES_BASE', {}, 'cmdline');
  settings.set('DOWNLOADER_MIDDLEWARES', {}, 'cmdline');
  return undefined;
}
