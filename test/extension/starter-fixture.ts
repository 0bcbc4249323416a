/**
 * Test fixture for the starter extension (`examples/extension/`): builds it with its own vite
 * config into a temporary folder, loads it unpacked into headless Chromium with Playwright, and
 * drives its popup page through the `data-testid` hooks.
 * @module
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright';
import { build } from 'vite';
import { expect } from 'vitest';
import { CHROMIUM_ARGS, requireChromium } from '../browser/chromium.ts';

const starterConfig = fileURLToPath(new URL('../../examples/extension/vite.config.ts', import.meta.url));

/** The loaded starter extension. */
export interface StarterExtension {
  context: BrowserContext;
  extensionId: string;
  extensionDir: string;
  /** The current service worker (a new one after Chrome restarted it). */
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

/** Builds the starter (always from the sources, so a stale `dist/` cannot pass) and loads it. */
export async function launchStarter(): Promise<StarterExtension> {
  const executablePath = requireChromium();
  const workDir = await mkdtemp(join(tmpdir(), 'skitter-starter-'));
  const extensionDir = join(workDir, 'extension');
  await build({ configFile: starterConfig, logLevel: 'warn', build: { outDir: extensionDir, emptyOutDir: true } });
  const context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
    executablePath,
    headless: true,
    acceptDownloads: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...CHROMIUM_ARGS],
  });
  const first = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  const extensionId = new URL(first.url()).host;
  return {
    context,
    extensionId,
    extensionDir,
    serviceWorker: async () => context.serviceWorkers().find((w) => w.url().includes(extensionId)) ?? context.waitForEvent('serviceworker'),
    close: async () => {
      await context.close();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/** Opens the popup as a page and waits until it listed the spiders. */
export async function openPopup(starter: StarterExtension): Promise<Page> {
  const page = await starter.context.newPage();
  await page.goto(`chrome-extension://${starter.extensionId}/popup.html`);
  await expect.poll(() => page.getByTestId('spider').locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  return page;
}

/** The text of a `data-testid` element. */
export async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}

/** A number shown by a `data-testid` element. */
export async function count(page: Page, testId: string): Promise<number> {
  return Number(await text(page, testId));
}

/** The id of the newest run in the popup's runs table ('' when there is none). */
async function newestRunId(page: Page): Promise<string> {
  const row = page.getByTestId('runs').locator('tr').first();
  return (await row.count()) === 0 ? '' : ((await row.getAttribute('data-run-id')) ?? '');
}

/** Fills the popup's form, clicks Start, and waits until the new run is the one shown. */
export async function startCrawl(page: Page, spider: string, startUrl: string, args = ''): Promise<string> {
  const before = await newestRunId(page);
  await page.getByTestId('spider').selectOption(spider);
  await page.getByTestId('start-url').fill(startUrl);
  await page.getByTestId('args').fill(args);
  await page.getByTestId('start').click();
  await expect.poll(() => newestRunId(page), { timeout: 10_000 }).not.toBe(before);
  return newestRunId(page);
}

/** Waits for the popup's status to read `status`. */
export async function waitForStatus(page: Page, status: string, timeoutMs = 30_000): Promise<void> {
  await expect.poll(() => text(page, 'status'), { timeout: timeoutMs }).toBe(status);
}

/** Clicks a download button and returns the downloaded file's text. */
export async function downloadText(page: Page, testId: string): Promise<{ fileName: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await download.path();
  return { fileName: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** JSON Lines text to values. */
export function parseJsonLines(text: string): unknown[] {
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown);
}
