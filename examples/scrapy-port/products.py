# The Scrapy original of products.ts (run: scrapy runspider products.py -a site=http://127.0.0.1:8080 -O items.jsonl).
# CrawlSpider rules, an inline request, a universal spider middleware and an async pipeline.
import asyncio

from scrapy import Request
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule
from scrapy.utils.defer import maybe_deferred_to_future


class TagMiddleware:
    def process_spider_output(self, response, result, spider):
        for o in result:
            yield self._tag(o)

    async def process_spider_output_async(self, response, result, spider):
        async for o in result:
            yield self._tag(o)

    def _tag(self, o):
        if isinstance(o, dict):
            o["tagged"] = True
        return o


class PencePipeline:
    async def process_item(self, item, spider):
        await asyncio.sleep(0.001)
        item["price_pence"] = round(item["price"] * 100)
        return item


class ProductsSpider(CrawlSpider):
    name = "products"
    site = "http://127.0.0.1:8080"
    custom_settings = {
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "SPIDER_MIDDLEWARES": {TagMiddleware: 500},
        "ITEM_PIPELINES": {PencePipeline: 300},
    }
    rules = (
        Rule(LinkExtractor(allow=r"/category/")),
        Rule(LinkExtractor(allow=r"/product/", restrict_css=".product-list"), callback="parse_product"),
    )

    def start_requests(self):
        yield Request(self.site + "/")

    async def parse_product(self, response):
        about = await maybe_deferred_to_future(self.crawler.engine.download(Request(response.urljoin("/about"))))
        yield {
            "url": response.url,
            "title": response.css("h1::text").get(),
            "price": float(response.css(".price::text").re_first(r"[\d.]+")),
            "sku": response.css("table.specs td::text").get(),
            "store": about.css("h1::text").get(),
        }
