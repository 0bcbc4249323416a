// V8 flags the `skitter` command runs crawls with (`crawl`, `runspider`), in plain JavaScript so
// bin/skitter.js can apply them before anything else loads, and the benchmark can run its crawls
// the way the command does.
//
// Why: Node sizes V8's young generation from the machine's memory. On a 24 GB machine each of its
// two semi-spaces grows to 64 MB during a crawl, because every page in flight (its body, text and
// parsed tree) survives a young collection or two; that is 128 MB of the ~500 MB peak RSS of a
// 20,000-page crawl whose live heap is ~30-50 MB. 8 MB semi-spaces bring that crawl to ~300 MB
// peak RSS; the extra young collections are cheap because what survives them is small.

/** The flags, each `--name=value`. */
export const CRAWL_V8_FLAGS = ['--max-semi-space-size=8'];

/** Commands that crawl, and so run with {@link CRAWL_V8_FLAGS}. */
export const CRAWL_COMMANDS = new Set(['crawl', 'runspider']);

/**
 * The flags of {@link CRAWL_V8_FLAGS} the user has not set (on the command line of node or in
 * NODE_OPTIONS): a user's own value always wins.
 * @param {readonly string[]} execArgv
 * @param {string | undefined} nodeOptions
 * @returns {string[]}
 */
export function missingCrawlFlags(execArgv, nodeOptions) {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].map((flag) => flag.split('=')[0].replaceAll('_', '-'));
  return CRAWL_V8_FLAGS.filter((flag) => !given.includes(flag.split('=')[0]));
}
