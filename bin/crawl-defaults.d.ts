/** Node flags the `skitter` command runs crawls with, each `--name=value`. */
export declare const CRAWL_NODE_FLAGS: readonly string[];
/** Environment variables crawls run with, set only where the user has not set them. */
export declare const CRAWL_ENV: Readonly<Record<string, string>>;
/** Commands that crawl (`crawl`, `runspider`). */
export declare const CRAWL_COMMANDS: ReadonlySet<string>;
/** The flags of {@link CRAWL_NODE_FLAGS} neither node's command line nor NODE_OPTIONS sets. */
export declare function missingCrawlFlags(execArgv: readonly string[], nodeOptions: string | undefined): string[];
/** `env` with {@link CRAWL_ENV} added where `env` does not set the variable. */
export declare function crawlEnv<T extends Record<string, string | undefined>>(env: T): T & Record<string, string | undefined>;
