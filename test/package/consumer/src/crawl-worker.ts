// The crawl worker the page starts: registers the spiders runInWorker may run, by name.
import { serveCrawls } from 'skitter';
import ProductsSpider from '../spiders/products.ts';

serveCrawls([ProductsSpider]);
