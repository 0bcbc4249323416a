/**
 * Takes the README's screenshot of the popup mid-crawl: builds the starter, loads it into headless
 * Chromium, starts the demo-shop spider against a demo site on 127.0.0.1 and captures the popup.
 *
 *   npx node examples/extension/screenshot.ts [out.png]    (default docs/images/extension-popup.png)
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { build } from 'vite';
import { startDemoSite } from '../../demo/site/server.ts';
import { CHROMIUM_ARGS, requireChromium } from '../../test/browser/chromium.ts';

const out = process.argv[2] ?? fileURLToPath(new URL('../../docs/images/extension-popup.png', import.meta.url));
const workDir = await mkdtemp(join(tmpdir(), 'skitter-shot-'));
const extensionDir = join(workDir, 'extension');
await build({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)), logLevel: 'warn', build: { outDir: extensionDir } });
const site = await startDemoSite({ products: 200 });
const context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
  executablePath: requireChromium(),
  headless: true,
  args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...CHROMIUM_ARGS],
});
try {
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 464, height: 640 });
  await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
  await popup.getByTestId('spider').locator('option').first().waitFor({ state: 'attached' });
  // A finished run first, so the past-runs table has rows.
  await popup.getByTestId('spider').selectOption('product-list');
  await popup.getByTestId('start-url').fill(`${site.url}/js/products`);
  await popup.getByTestId('start').click();
  await popup.getByTestId('status').filter({ hasText: 'finished' }).waitFor({ timeout: 60_000 });
  await popup.getByTestId('spider').selectOption('demo-shop');
  await popup.getByTestId('start-url').fill(`${site.url}/`);
  await popup.getByTestId('args').fill('delay=0.05');
  await popup.getByTestId('start').click();
  await popup.waitForFunction(() => Number(document.querySelector('[data-testid="stats-items"]')?.textContent) >= 12, undefined, { timeout: 60_000 });
  await popup.screenshot({ path: out, fullPage: true });
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await context.close();
  await site.close();
  await rm(workDir, { recursive: true, force: true });
}
