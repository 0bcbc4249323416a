/** Node flags the `skitter` command runs crawls with, each `--name=value`. */
export declare const CRAWL_NODE_FLAGS: readonly string[];
/** Environment variables crawls run with, set only where the user has not set them. */
export declare const CRAWL_ENV: Readonly<Record<string, string>>;
/** Commands that crawl (`crawl`, `runspider`). */
export declare const CRAWL_COMMANDS: ReadonlySet<string>;
/** The flags of {@link CRAWL_NODE_FLAGS} neither node's command line nor NODE_OPTIONS sets. */
export declare function missingCrawlFlags(execArgv: readonly string[], nodeOptions: string | undefined): string[];
/** `env` with CRAWL_ENV where unset and the missing flags in NODE_OPTIONS, or null when nothing is missing. */
export declare function crawlEnv(env: Record<string, string | undefined>, execArgv: readonly string[]): Record<string, string | undefined> | null;
