/**
 * Short names the command line accepts for component settings, e.g. `-s SCHEDULER=redis`: the one
 * place they live. Components stay code (never loaded by dotted strings); a short name just
 * picks one, imported only when named, so `skitter` does not load the Redis client otherwise.
 * @module
 */
import type { Settings } from '../core/settings/settings.ts';
import { UsageError } from './usage-error.ts';

type Loader = () => Promise<unknown>;

/** Setting -> short name -> the component it stands for. */
export const COMPONENT_SHORT_NAMES: Readonly<Record<string, Readonly<Record<string, Loader>>>> = {
  SCHEDULER: {
    redis: async () => (await import('../redis/index.ts')).RedisScheduler,
  },
  DUPEFILTER_CLASS: {
    redis: async () => (await import('../redis/index.ts')).RedisDupeFilter,
  },
};

/**
 * Replaces short names given as string values of component settings by their components, keeping
 * the priority they were set at.
 * @throws {UsageError} naming the setting and the known short names for an unknown one.
 */
export async function resolveComponentNames(settings: Settings): Promise<void> {
  for (const [key, names] of Object.entries(COMPONENT_SHORT_NAMES)) {
    const value = settings.get<unknown>(key);
    if (typeof value !== 'string') continue;
    const load = names[value];
    if (!load) {
      throw new UsageError(`unknown ${key} ${JSON.stringify(value)}; the command line knows ${Object.keys(names).map((n) => JSON.stringify(n)).join(', ')} (set a component in code otherwise)`);
    }
    settings.set(key, await load(), 'cmdline');
  }
}
