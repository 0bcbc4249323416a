/**
 * Spiders: the base {@link Spider} and Scrapy's generic spiders (rule-based crawling, sitemaps).
 * @module
 */
export { Spider, isSpiderClass, type SpiderClass, type SpiderWithClosed } from './spider.ts';
export { CrawlSpider } from './crawl-spider.ts';
export { Rule, type RuleOptions, type ProcessLinks, type ProcessRequest } from './rule.ts';
export { SitemapSpider, type SitemapRule } from './sitemap-spider.ts';
export { XMLFeedSpider, type XmlFeedIterator } from './xml-feed-spider.ts';
export { CSVFeedSpider } from './csv-feed-spider.ts';
export { Sitemap, type SitemapEntry, sitemapUrlsFromRobots } from './sitemap.ts';
