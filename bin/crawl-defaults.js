// How the `skitter` command runs crawls (`crawl`, `runspider`): the node flags and environment it
// restarts itself with. Plain JavaScript, so bin/skitter.js can apply them before anything else
// loads, and the benchmark can run its crawls the way the command does.
//
// Why (measured on a 20,000-page crawl whose live heap is ~30-50 MB, bench/analysis.md):
// - Node sizes V8's young generation from the machine's memory: on a 24 GB machine each of its two
//   semi-spaces grows to 64 MB during a crawl, because every page in flight (body, text, parsed
//   tree) survives a young collection or two. 8 MB semi-spaces take ~200-240 MB off the peak RSS;
//   the price is more time in garbage collection (~32 % of the crawl's CPU instead of ~21 %;
//   16 MB: ~26 %, but ~40 MB more). Worker threads each have their own young generation, so the
//   saving counts once per engine thread.
// - glibc gives each thread that allocates (V8's GC and compiler threads, libuv's pool) its own
//   malloc arena and keeps their freed memory: two arenas took up to ~35 MB off.

/** Node flags, each `--name=value`. */
export const CRAWL_NODE_FLAGS = ['--max-semi-space-size=8'];

/** Environment variables, set only where the user has not set them. */
export const CRAWL_ENV = { MALLOC_ARENA_MAX: '2' };

/** Commands that crawl, and so run with {@link CRAWL_NODE_FLAGS} and {@link CRAWL_ENV}. */
export const CRAWL_COMMANDS = new Set(['crawl', 'runspider']);

/**
 * The flags of {@link CRAWL_NODE_FLAGS} the user has not set (on node's command line or in
 * NODE_OPTIONS): a user's own value always wins.
 * @param {readonly string[]} execArgv
 * @param {string | undefined} nodeOptions
 * @returns {string[]}
 */
export function missingCrawlFlags(execArgv, nodeOptions) {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].map((flag) => flag.split('=')[0].replaceAll('_', '-'));
  return CRAWL_NODE_FLAGS.filter((flag) => !given.includes(flag.split('=')[0]));
}

/**
 * The environment a crawl restarts with: `env` plus {@link CRAWL_ENV} where unset and the missing
 * {@link CRAWL_NODE_FLAGS} appended to NODE_OPTIONS (not to node's arguments: `process.execArgv`
 * is what worker threads are started with, and they refuse V8 flags), or `null` when `env` and
 * `execArgv` already have everything.
 * @param {Record<string, string | undefined>} env
 * @param {readonly string[]} execArgv
 * @returns {Record<string, string | undefined> | null}
 */
export function crawlEnv(env, execArgv) {
  const flags = missingCrawlFlags(execArgv, env.NODE_OPTIONS);
  const unset = Object.keys(CRAWL_ENV).filter((name) => env[name] === undefined);
  if (flags.length === 0 && unset.length === 0) return null;
  const out = { ...CRAWL_ENV, ...env };
  if (flags.length > 0) out.NODE_OPTIONS = [env.NODE_OPTIONS, ...flags].filter(Boolean).join(' ');
  return out;
}
