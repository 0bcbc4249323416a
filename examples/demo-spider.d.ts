/**
 * Scrapes every product of the demo shop (`skitter demo` serves it and runs this spider):
 * home page -> category listings (following the "next" pagination) -> product pages, one item
 * per product. Run it against a demo site you started yourself with
 * `skitter runspider examples/demo-spider.ts -a site=http://127.0.0.1:8080 -o products.jsonl`.
 */
import { Request, Spider, type TextResponse } from 'skitter';
/** One scraped product. */
export interface ProductItem {
    url: string;
    title: string;
    /** In pounds. */
    price: number;
    availability: string;
    /** 1 to 5 stars. */
    rating: number;
}
export default class DemoSpider extends Spider {
    name: string;
    allowedDomains: string[];
    /** The shop's origin; a spider argument (`-a site=...`). */
    site: string;
    start(): AsyncGenerator<Request, void, unknown>;
    /** The home page: one request per category. */
    parse(response: TextResponse): Generator<Request, void, unknown>;
    /** A listing page: every product on it, then the next page. */
    parseCategory(response: TextResponse): Generator<Request, void, unknown>;
    parseProduct(response: TextResponse): ProductItem;
}
//# sourceMappingURL=demo-spider.d.ts.map