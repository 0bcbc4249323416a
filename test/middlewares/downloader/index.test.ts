import { describe, expect, it } from 'vitest';
import { installedPlatform, Spider, VirtualLoopAdapter } from '../../../src/node.ts';
import { DOWNLOADER_MIDDLEWARES_BASE } from '../../../src/middlewares/downloader/index.ts';
import { runSpider } from '../../helpers/run-spider.ts';

class Idle extends Spider {
  override name = 'idle';
}

const enabled = (messages: string[]) => messages.find((m) => m.startsWith('Enabled downloader middlewares'));

describe('DOWNLOADER_MIDDLEWARES_BASE', () => {
  it("has Scrapy's orders, keyed by class name (CookiesMiddleware from the Node platform)", () => {
    const base = { ...DOWNLOADER_MIDDLEWARES_BASE, ...installedPlatform()!.defaults.DOWNLOADER_MIDDLEWARES_BASE };
    const orders = Object.entries(base).map(([key, entry]) => [key, (entry!.use as { name: string }).name, entry!.order])
      .sort((a, b) => (a[2] as number) - (b[2] as number));
    expect(orders).toEqual([
      ['OffsiteMiddleware', 'OffsiteMiddleware', 50],
      ['RobotsTxtMiddleware', 'RobotsTxtMiddleware', 100],
      ['HttpAuthMiddleware', 'HttpAuthMiddleware', 300],
      ['DownloadTimeoutMiddleware', 'DownloadTimeoutMiddleware', 350],
      ['DefaultHeadersMiddleware', 'DefaultHeadersMiddleware', 400],
      ['UserAgentMiddleware', 'UserAgentMiddleware', 500],
      ['RetryMiddleware', 'RetryMiddleware', 550],
      ['MetaRefreshMiddleware', 'MetaRefreshMiddleware', 580],
      ['HttpCompressionMiddleware', 'HttpCompressionMiddleware', 590],
      ['RedirectMiddleware', 'RedirectMiddleware', 600],
      ['CookiesMiddleware', 'CookiesMiddleware', 700],
      ['HttpProxyMiddleware', 'HttpProxyMiddleware', 750],
      ['DownloaderStats', 'DownloaderStats', 850],
      ['HttpCacheMiddleware', 'HttpCacheMiddleware', 900],
    ]);
  });

  it('enables what the Node platform supports by default', async () => {
    const run = await runSpider(Idle, { LOG_LEVEL: 'INFO' });
    expect(enabled(run.messages('INFO'))).toBe("Enabled downloader middlewares:\n['OffsiteMiddleware',\n 'HttpAuthMiddleware',\n 'DownloadTimeoutMiddleware',\n 'DefaultHeadersMiddleware',\n 'UserAgentMiddleware',\n 'RetryMiddleware',\n 'MetaRefreshMiddleware',\n 'RedirectMiddleware',\n 'CookiesMiddleware',\n 'HttpProxyMiddleware',\n 'DownloaderStats']");
  });

  it('leaves out cookies, proxies and compression on a browser-like platform, and honours null', async () => {
    const run = await runSpider(Idle, { LOG_LEVEL: 'INFO', ROBOTSTXT_OBEY: true, DOWNLOADER_MIDDLEWARES: { RetryMiddleware: null } }, { adapter: new VirtualLoopAdapter({ capabilities: [] }) });
    expect(enabled(run.messages('INFO'))).toBe("Enabled downloader middlewares:\n['OffsiteMiddleware',\n 'RobotsTxtMiddleware',\n 'HttpAuthMiddleware',\n 'DownloadTimeoutMiddleware',\n 'DefaultHeadersMiddleware',\n 'UserAgentMiddleware',\n 'MetaRefreshMiddleware',\n 'RedirectMiddleware',\n 'DownloaderStats']");
  });
});
