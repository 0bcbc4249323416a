"""Benchmark child: the same spider in Scrapy (every same-host link, one {url, title, name, price}
per product page). Reads its JSON arguments from argv[1]; prints 'RESULT {json}' as the Node
children do (CPU time and peak RSS from getrusage of this process)."""
import json
import resource
import sys
import time

import scrapy
from scrapy.crawler import CrawlerProcess

args = json.loads(sys.argv[1])
prefix = args["origin"] + "/"
items = []
state = {"pages": 0}
samples = []
t0 = time.perf_counter()


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


class CataloguePage(scrapy.Spider):
    name = "bench-catalogue"
    start_urls = [prefix]

    def parse(self, response):
        state["pages"] += 1
        if state["pages"] % 1000 == 0:
            samples.append({"ms": round((time.perf_counter() - t0) * 1000), "pages": state["pages"], "rssMb": rss_mb()})
        if response.url.startswith(prefix + "product/"):
            yield {
                "url": response.url,
                "title": response.css("title::text").get(),
                "name": response.css("h1::text").get(),
                "price": response.css("article.product > p.price::text").get(),
            }
        for href in response.css("a::attr(href)").getall():
            request = response.follow(href)
            if request.url.startswith(prefix):
                yield request


class Collect:
    def process_item(self, item, spider):
        items.append(item)
        return item


process = CrawlerProcess({
    "LOG_LEVEL": args.get("logLevel", "WARNING"),
    "CONCURRENT_REQUESTS": args["concurrency"],
    "CONCURRENT_REQUESTS_PER_DOMAIN": args["concurrency"],
    "TELNETCONSOLE_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
    "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    "ITEM_PIPELINES": {Collect: 100},
})
process.crawl(CataloguePage)
t0 = time.perf_counter()
process.start()
wall_ms = (time.perf_counter() - t0) * 1000
if args.get("itemsFile"):
    with open(args["itemsFile"], "w") as out:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
usage = resource.getrusage(resource.RUSAGE_SELF)
print("RESULT " + json.dumps({
    "pages": state["pages"], "items": len(items), "wallMs": wall_ms,
    "cpuUserS": usage.ru_utime, "cpuSysS": usage.ru_stime, "maxRssMb": usage.ru_maxrss / 1024,
    "samples": samples, "extra": {"scrapyVersion": scrapy.__version__},
}), flush=True)
