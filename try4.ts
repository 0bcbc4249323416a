import { chromium } from 'playwright';
import { startStaticServer } from './test/fixtures/static-server.ts';
import { startDemoSite } from './demo/site/server.ts';
import { CHROMIUM_ARGS } from './test/browser/chromium.ts';
const server = await startStaticServer('demo/playground/dist');
const site = await startDemoSite({});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
await page.goto(server.url + '/');
await page.waitForSelector('[data-testid=run]:not([disabled])', { timeout: 15000 });
for (const base of ['', site.url, '']) {
console.log(base || 'sw', await page.evaluate(async (base) => {
  const t0 = performance.now();
  for (let i = 0; i < 50; i++) await (await fetch(base + '/category/kitchen?page=2')).text();
  const t1 = performance.now();
  await Promise.all(Array.from({length: 100}, async () => (await fetch(base + '/category/kitchen?page=2')).text()));
  const t2 = performance.now();
  return { seqMs: (t1 - t0) / 50, par100perReq: (t2 - t1) / 100 };
}, base));
}
await browser.close(); await server.close(); await site.close();
