// How the `skitter` command runs crawls (`crawl`, `runspider`): the node flags and environment it
// restarts itself with. Plain JavaScript, so bin/skitter.js can apply them before anything else
// loads, and the benchmark can run its crawls the way the command does.
//
// Why (measured on a 20,000-page crawl whose live heap is ~30-50 MB, bench/analysis.md):
// - Node sizes V8's young generation from the machine's memory: on a 24 GB machine each of its two
//   semi-spaces grows to 64 MB during a crawl, because every page in flight (body, text, parsed
//   tree) survives a young collection or two. 16 MB semi-spaces take ~200 MB off the peak RSS for
//   ~5 % more GC time (8 MB: ~15-30 MB less again, but ~11 % more GC time).
// - glibc gives each thread that allocates (V8's GC and compiler threads, libuv's pool) its own
//   malloc arena and keeps their freed memory: two arenas take another ~20-35 MB off.

/** Node flags, each `--name=value`. */
export const CRAWL_NODE_FLAGS = ['--max-semi-space-size=16'];

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
 * `env` with {@link CRAWL_ENV} added where `env` does not set the variable.
 * @param {Record<string, string | undefined>} env
 * @returns {Record<string, string | undefined>}
 */
export function crawlEnv(env) {
  return { ...CRAWL_ENV, ...env };
}
