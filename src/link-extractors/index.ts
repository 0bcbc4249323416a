/**
 * Link extractors: find the links of a page worth following (Scrapy's `scrapy.linkextractors`).
 * @module
 */
export { LinkExtractor, type LinkExtractorOptions } from './link-extractor.ts';
export { Link } from './link.ts';
export { IGNORED_EXTENSIONS } from './ignored-extensions.ts';
export { type UrlPattern, type OneOrMany } from './url-matching.ts';
