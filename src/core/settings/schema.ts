/**
 * Every built-in setting: its key (Scrapy's), its kind (for validation and for coercing `-s`
 * strings) and its default. Units follow Scrapy: DOWNLOAD_DELAY, DOWNLOAD_TIMEOUT, AUTOTHROTTLE_*,
 * CLOSESPIDER_TIMEOUT and LOGSTATS_INTERVAL are in seconds; sizes are in bytes.
 * The component maps' base values (`*_BASE`) live in `default-components.ts`.
 * @module
 */

/** How a setting's value is checked and how a string from the command line is read. */
export type SettingKind = 'int' | 'float' | 'bool' | 'string' | 'list' | 'dict' | 'components' | 'any';

/** One setting's definition. */
export interface SettingDefinition {
  kind: SettingKind;
  default: unknown;
  /** Smallest allowed number, for numeric kinds. */
  min?: number;
  /** One line for the README's settings table and `--help`. */
  doc: string;
}

// Generic in `kind` so SettingsInput can type each key's value from its kind.
const def = <K extends SettingKind>(kind: K, value: unknown, doc: string, min?: number): SettingDefinition & { kind: K } =>
  min === undefined ? { kind, default: value, doc } : { kind, default: value, doc, min };

/** The built-in settings (Scrapy's keys, Scrapy's defaults unless noted). */
export const SETTINGS_SCHEMA = {
  BOT_NAME: def('string', 'skitter', 'Name of the bot, used in the default User-Agent.'),
  CONCURRENT_ITEMS: def('int', 100, 'Outputs of one response processed in parallel (items in pipelines).', 1),
  CONCURRENT_REQUESTS: def('int', 16, 'Requests in flight at once, all domains together.', 1),
  CONCURRENT_REQUESTS_PER_DOMAIN: def('int', 8, 'Requests in flight at once per download slot (domain).', 1),
  ENGINE_THREADS: def('int', 0, 'Node CLI only (runspider, crawl): worker threads that download, parse and run the spider, while the main thread keeps the scheduler, dupefilter, pipelines and feeds; 0 runs everything in one thread. Each thread has its own spider instance and middleware state (cookies, spider.state). Not with DOWNLOAD_DELAY, AUTOTHROTTLE_ENABLED, JOBDIR or a custom SCHEDULER. Read from project settings and the command line, not customSettings. See docs/threads.md.', 0),
  DOWNLOAD_DELAY: def('float', 0, 'Seconds to wait between requests to the same slot (x 0.5-1.5 when randomized).', 0),
  RANDOMIZE_DOWNLOAD_DELAY: def('bool', true, 'Multiply DOWNLOAD_DELAY by a random factor in [0.5, 1.5).'),
  DOWNLOAD_SLOTS: def('dict', {}, 'Per-slot overrides: { "example.com": { concurrency, delay (s), randomize_delay } }.'),
  DOWNLOAD_TIMEOUT: def('float', 180, 'Seconds before a download (http or file:) is cancelled (meta download_timeout overrides).', 0),
  DOWNLOAD_MAXSIZE: def('int', 1024 * 1024 * 1024, 'Largest response body in bytes, counted as the decoded bytes arrive (a gzip body is measured decoded, whatever Content-Length says); the transfer is cancelled past it. Applies to file: too. 0 disables (meta download_maxsize).', 0),
  DOWNLOAD_WARNSIZE: def('int', 32 * 1024 * 1024, 'Decoded body size in bytes above which a warning is logged once; 0 disables (meta download_warnsize).', 0),
  DOWNLOAD_HANDLERS: def('dict', {}, 'Download handlers by URL scheme, merged over DOWNLOAD_HANDLERS_BASE; null disables.'),
  RENDER_MAX_TABS: def('int', 2, 'Extensions: background tabs RenderedTabDownloadHandler keeps open at once (meta render).', 1),
  RENDER_TIMEOUT: def('float', 30, 'Extensions: seconds a rendered request may take: load, then render_wait_for / render_network_quiet (meta render_timeout overrides).', 0),
  DOWNLOADER: def('any', null, 'A custom downloader component (class or factory); null uses the built-in one.'),
  DOWNLOAD_HANDLERS_BASE: def('dict', {}, 'Built-in download handlers by scheme (set by the platform).'),
  DOWNLOADER_MIDDLEWARES: def('components', {}, 'Downloader middlewares merged over DOWNLOADER_MIDDLEWARES_BASE.'),
  DOWNLOADER_MIDDLEWARES_BASE: def('components', {}, 'Built-in downloader middlewares and their order.'),
  DOWNLOADER_STATS: def('bool', true, 'Collect downloader stats (DownloaderStats middleware).'),
  SPIDER_MIDDLEWARES: def('components', {}, 'Spider middlewares merged over SPIDER_MIDDLEWARES_BASE.'),
  SPIDER_MIDDLEWARES_BASE: def('components', {}, 'Built-in spider middlewares and their order.'),
  ITEM_PIPELINES: def('components', {}, 'Item pipelines, run in ascending order.'),
  EXTENSIONS: def('components', {}, 'Extensions merged over EXTENSIONS_BASE.'),
  EXTENSIONS_BASE: def('components', {}, 'Built-in extensions and their order.'),
  SCHEDULER: def('any', null, 'A custom scheduler component (class or factory); null uses the built-in one (the job scheduler when JOBDIR is set).'),
  JOBDIR: def('string', '', 'Where a crash-safe, resumable job keeps its state: a directory in Node, an IndexedDB database name in browsers and MV3 service workers. Running the same spider with the same JOBDIR resumes it; empty disables jobs. See docs/jobs.md. With the Redis scheduler it is one worker\'s own state and identity instead (its item journal, for exactly-once feeds; see docs/distributed.md).'),
  JOBDIR_START_SKIP: def('bool', true, 'On resume, skip the values start() yielded in earlier runs of the job (start() must then yield the same sequence every run). Set false for a start() that keeps its own cursor in spider.state.'),
  JOBDIR_STORE: def('any', null, 'The job store factory JOBDIR uses (set by the platform: SQLite in Node, IndexedDB in browsers).'),
  DUPEFILTER_CLASS: def('any', null, 'A custom dupefilter component; null uses the fingerprint dupefilter.'),
  DUPEFILTER_DEBUG: def('bool', false, 'Log every filtered duplicate, not only the first.'),
  SCHEDULER_DEBUG: def('bool', false, 'Log scheduler details.'),
  SCRAPER_SLOT_MAX_ACTIVE_SIZE: def('int', 5_000_000, 'Response bytes being scraped above which the engine backs out.', 1),
  DEPTH_LIMIT: def('int', 0, 'Maximum depth of requests from start requests; 0 means no limit.', 0),
  DEPTH_PRIORITY: def('int', 0, 'Priority adjustment per depth level (positive: breadth-first-ish).'),
  DEPTH_STATS_VERBOSE: def('bool', false, 'Count requests per depth in stats (request_depth_count/N).'),
  USER_AGENT: def('string', 'skitter/0.1 (+https://github.com/skitter)', 'Default User-Agent header.'),
  DEFAULT_REQUEST_HEADERS: def('dict', {
    Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'Accept-Language': 'en',
  }, 'Headers added to every request that does not set them.'),
  ROBOTSTXT_OBEY: def('bool', false, 'Obey robots.txt rules (RobotsTxtMiddleware).'),
  ROBOTSTXT_USER_AGENT: def('string', '', 'User agent matched against robots.txt; defaults to USER_AGENT.'),
  COOKIES_ENABLED: def('bool', true, 'Enable the cookie middleware.'),
  COOKIES_DEBUG: def('bool', false, 'Log cookies sent and received.'),
  RETRY_ENABLED: def('bool', true, 'Retry failed requests.'),
  RETRY_TIMES: def('int', 2, 'Retries per request (not counting the first download).', 0),
  RETRY_HTTP_CODES: def('list', [500, 502, 503, 504, 522, 524, 408, 429], 'HTTP codes that are retried.'),
  RETRY_EXCEPTIONS: def('any', null, 'Errors retried (classes or names); null: ConnectionError, DownloadTimeoutError and fetch network errors.'),
  RETRY_PRIORITY_ADJUST: def('int', -1, 'Priority change of a retried request relative to the original.'),
  REDIRECT_ENABLED: def('bool', true, 'Follow redirects (RedirectMiddleware).'),
  REDIRECT_MAX_TIMES: def('int', 20, 'Maximum redirects followed for one request.', 0),
  REDIRECT_PRIORITY_ADJUST: def('int', 2, 'Priority change of a redirected request.'),
  METAREFRESH_ENABLED: def('bool', true, 'Follow <meta http-equiv="refresh"> redirects.'),
  METAREFRESH_IGNORE_TAGS: def('list', [], 'Tags inside which meta refresh is ignored.'),
  METAREFRESH_MAXDELAY: def('float', 100, 'Longest meta refresh delay (seconds) that is followed.', 0),
  COMPRESSION_ENABLED: def('bool', true, 'Decode gzip/deflate/br bodies where the platform leaves them encoded.'),
  HTTPERROR_ALLOWED_CODES: def('list', [], 'Non-2xx codes passed to callbacks.'),
  HTTPERROR_ALLOW_ALL: def('bool', false, 'Pass every response to callbacks.'),
  HTTPPROXY_ENABLED: def('bool', true, 'Enable HttpProxyMiddleware (Node only).'),
  HTTPPROXY_AUTH_ENCODING: def('string', 'latin-1', 'Encoding of proxy credentials.'),
  HTTPCACHE_ENABLED: def('bool', false, 'Enable the HTTP cache (HttpCacheMiddleware).'),
  HTTPCACHE_DIR: def('string', 'httpcache', 'Cache location: a directory in Node (relative: under .skitter/), an IndexedDB database name in browsers.'),
  HTTPCACHE_EXPIRATION_SECS: def('float', 0, 'Seconds after which a cached response is a miss; 0 keeps it forever.', 0),
  HTTPCACHE_IGNORE_HTTP_CODES: def('list', [], 'Status codes the dummy policy does not store.'),
  HTTPCACHE_IGNORE_SCHEMES: def('list', ['file'], 'URL schemes never cached.'),
  HTTPCACHE_IGNORE_MISSING: def('bool', false, 'Drop (IgnoreRequest) requests the cache does not hold.'),
  HTTPCACHE_POLICY: def('any', 'dummy', 'Cache policy: "dummy" (cache everything), "rfc2616" (HTTP caching rules) or a policy class.'),
  HTTPCACHE_STORAGE: def('any', null, 'Cache storage class; null uses the platform\'s (files in Node, IndexedDB in browsers).'),
  HTTPCACHE_GZIP: def('bool', false, 'Gzip cached bodies (file storage).'),
  HTTPCACHE_ALWAYS_STORE: def('bool', false, 'rfc2616 policy: store every response, even without caching headers.'),
  HTTPCACHE_IGNORE_RESPONSE_CACHE_CONTROLS: def('list', [], 'rfc2616 policy: Cache-Control directives of responses to ignore.'),
  REFERER_ENABLED: def('bool', true, 'Enable RefererMiddleware.'),
  REFERRER_POLICY: def('any', 'scrapy-default', 'Referrer policy (W3C names or scrapy-default).'),
  URLLENGTH_LIMIT: def('int', 2083, 'Longest URL followed; 0 disables.', 0),
  AUTOTHROTTLE_ENABLED: def('bool', false, 'Enable the AutoThrottle extension.'),
  AUTOTHROTTLE_START_DELAY: def('float', 5, 'Initial download delay, seconds.', 0),
  AUTOTHROTTLE_MAX_DELAY: def('float', 60, 'Maximum download delay, seconds.', 0),
  AUTOTHROTTLE_TARGET_CONCURRENCY: def('float', 1, 'Average parallel requests AutoThrottle aims for per slot.', 0),
  AUTOTHROTTLE_DEBUG: def('bool', false, 'Log every throttling decision.'),
  CLOSESPIDER_TIMEOUT: def('float', 0, 'Close the spider after this many seconds (closespider_timeout); 0 disables.', 0),
  CLOSESPIDER_ITEMCOUNT: def('int', 0, 'Close after this many items (closespider_itemcount); 0 disables.', 0),
  CLOSESPIDER_PAGECOUNT: def('int', 0, 'Close after this many responses (closespider_pagecount); 0 disables.', 0),
  CLOSESPIDER_ERRORCOUNT: def('int', 0, 'Close after this many spider errors (closespider_errorcount); 0 disables.', 0),
  CLOSESPIDER_TIMEOUT_NO_ITEM: def('float', 0, 'Close (closespider_timeout_no_item) after this many seconds without a scraped item; 0 disables.', 0),
  CLOSESPIDER_PAGECOUNT_NO_ITEM: def('int', 0, 'Close (closespider_pagecount_no_item) after this many responses without a scraped item; 0 disables.', 0),
  MEMUSAGE_ENABLED: def('bool', true, 'Enable the MemoryUsage extension where the platform can measure memory.'),
  MEMUSAGE_LIMIT_MB: def('int', 0, 'Close the spider (memusage_exceeded) above this RSS in MB; 0 disables.', 0),
  MEMUSAGE_WARNING_MB: def('int', 0, 'Warn above this RSS in MB; 0 disables.', 0),
  MEMUSAGE_CHECK_INTERVAL_SECONDS: def('float', 60, 'Seconds between memory checks.', 0),
  FEEDS: def('dict', {}, 'Feed exports: { "items.jsonl": { format: "jsonlines", overwrite: true } }.'),
  FEED_EXPORT_ENCODING: def('string', 'utf-8', 'Encoding of feed files.'),
  FEED_EXPORT_BATCH_ITEM_COUNT: def('int', 0, 'Start a new feed file every this many items (URI needs %(batch_id)d or %(batch_time)s); 0 disables.', 0),
  FEED_URI_PARAMS: def('any', null, 'Function (params, spider) => params giving the %(key)s values of feed URIs; null: time, batch_id, batch_time and spider attributes.'),
  FEED_EXPORT_FIELDS: def('any', null, 'Field names (and order) to export; null exports every field seen.'),
  FEED_EXPORT_INDENT: def('int', 0, 'JSON indentation; 0 writes one item per line.', 0),
  FEED_STORE_EMPTY: def('bool', true, 'Create feed files even when no item was scraped.'),
  FEED_STORAGES: def('dict', {}, 'Feed storages by URI scheme, merged over FEED_STORAGES_BASE.'),
  FEED_STORAGES_BASE: def('dict', {}, 'Built-in feed storages by URI scheme (set by the platform).'),
  FEED_EXPORTERS: def('dict', {}, 'Feed exporters by format name, merged over FEED_EXPORTERS_BASE.'),
  FEED_EXPORTERS_BASE: def('dict', {}, 'Built-in feed exporters by format name.'),
  FILES_STORE: def('any', null, 'FilesPipeline store: a folder (Node), idb://<database> (browsers) or a store; unset disables the pipeline.'),
  FILES_URLS_FIELD: def('string', 'file_urls', 'Item field holding the URLs FilesPipeline downloads.'),
  FILES_RESULT_FIELD: def('string', 'files', 'Item field FilesPipeline writes its results to.'),
  FILES_EXPIRES: def('float', 90, 'Days a stored file stays fresh (not downloaded again).', 0),
  FILES_STORAGES: def('dict', {}, 'Files stores by URI scheme, merged over FILES_STORAGES_BASE.'),
  FILES_STORAGES_BASE: def('dict', {}, 'Built-in files stores by URI scheme (set by the platform).'),
  IMAGES_STORE: def('any', null, 'ImagesPipeline store (as FILES_STORE); unset disables the pipeline.'),
  IMAGES_URLS_FIELD: def('string', 'image_urls', 'Item field holding the image URLs.'),
  IMAGES_RESULT_FIELD: def('string', 'images', 'Item field ImagesPipeline writes its results to.'),
  IMAGES_EXPIRES: def('float', 90, 'Days a stored image stays fresh.', 0),
  IMAGES_MIN_WIDTH: def('int', 0, 'Images narrower than this many pixels are skipped.', 0),
  IMAGES_MIN_HEIGHT: def('int', 0, 'Images shorter than this many pixels are skipped.', 0),
  IMAGES_THUMBS: def('dict', {}, 'Thumbnails to make: { name: [width, height] } in pixels.'),
  MAIL_HOST: def('string', 'localhost', 'SMTP host of MailSender.'),
  MAIL_PORT: def('int', 25, 'SMTP port of MailSender.', 1),
  MAIL_FROM: def('string', 'skitter@localhost', 'Sender address of MailSender.'),
  MAIL_USER: def('string', '', 'SMTP user; empty: no authentication.'),
  MAIL_PASS: def('string', '', 'SMTP password.'),
  MAIL_TLS: def('bool', false, 'Upgrade the SMTP connection with STARTTLS.'),
  MAIL_SSL: def('bool', false, 'Connect to the SMTP server over TLS (SMTPS).'),
  STATSMAILER_RCPTS: def('list', [], 'Addresses the StatsMailer extension (enable it in EXTENSIONS) mails the stats to when the spider closes.'),
  LOG_ENABLED: def('bool', true, 'Enable logging.'),
  LOG_LEVEL: def('string', 'DEBUG', 'Minimum level logged: DEBUG, INFO, WARNING, ERROR, CRITICAL.'),
  LOGSTATS_INTERVAL: def('float', 60, 'Seconds between periodic stats lines; 0 disables.', 0),
  STATS_DUMP: def('bool', true, 'Log the stats when the spider closes.'),
  LOOP_ADAPTER: def('any', 'auto', 'Loop adapter: "auto", a platform name or a LoopAdapter class (process-wide).'),
  CRAWLSPIDER_FOLLOW_LINKS: def('bool', true, 'Let CrawlSpider rules follow links (set false to only run callbacks).'),
  SPIDER_MODULES: def('list', [], 'Folders (Node) where `skitter crawl NAME` looks for spiders.'),
  REDIS_URL: def('string', 'redis://127.0.0.1:6379', 'Redis server of a distributed crawl (skitter/redis), redis://[:password@]host:port[/db].'),
  REDIS_KEY_PREFIX: def('string', '', 'Prefix of the Redis keys of a distributed crawl (keys are <prefix><spider>:requests, ...).'),
  REDIS_LEASE_TIMEOUT: def('float', 60, 'Seconds after which a leased request of a dead worker returns to the shared queue.', 0.1),
  REDIS_START_URLS_KEY: def('any', null, 'Redis list of start URLs for every spider (%(name)s is the spider name); a RedisSpider uses its redisKey.'),
  REDIS_START_URLS_BATCH_SIZE: def('int', 0, 'Start-list entries taken per read; 0 uses CONCURRENT_REQUESTS.', 0),
  SCHEDULER_PERSIST: def('bool', false, 'Keep the Redis frontier and dupefilter after a finished distributed crawl.'),
  MAX_IDLE_TIME_BEFORE_CLOSE: def('float', 0, 'Seconds a start-list (redisKey) crawl may stay idle before closing; 0 waits forever.', 0),
} as const satisfies Record<string, SettingDefinition>;

/** The names of the built-in settings. */
export type BuiltinSettingName = keyof typeof SETTINGS_SCHEMA;

/** Looks up a built-in setting. */
export function settingDefinition(name: string): SettingDefinition | undefined {
  return (SETTINGS_SCHEMA as Record<string, SettingDefinition>)[name];
}
