/**
 * Which platform a crawl uses when a Node process loads two skitter entry points (a spider file
 * written for browsers, a library importing `skitter/web`): the first platform stays the default,
 * a second one is announced on the console, and a crawl's default components (file feeds, `file:`
 * downloads) come from the platform of the adapter it runs on. Each case is a fresh Node process.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../cli/run-cli.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

const WEB_SECOND = "[skitter] the web platform (skitter/web) was loaded in a process that already uses the node platform: crawls keep running on node, with its feeds and download handlers. Set LOOP_ADAPTER: 'web' to run a crawl on web, or import only one skitter entry point.";
const NODE_SECOND = "[skitter] the node platform (skitter/node) was loaded in a process that already uses the web platform: crawls keep running on web, with its feeds and download handlers. Set LOOP_ADAPTER: 'node' to run a crawl on node, or import only one skitter entry point.";

/** Imports `first` then `second`, crawls one data: page into a JSON lines file with `settings`; prints what happened. */
function script(first: string, second: string, feed: string, settings: Record<string, unknown>): string {
  return `
const m = await import('${first}');
await import('${second}');
class One extends m.Spider {
  name = 'one';
  startUrls = ['data:text/html,<title>hello</title>'];
  parse(r) { return [{ title: r.css('title::text').get() }]; }
}
const crawler = new m.Crawler(One, { LOG_ENABLED: false, FEEDS: { ${JSON.stringify(feed)}: { format: 'jsonlines' } }, ...${JSON.stringify(settings)} });
let error = null;
await crawler.crawl().catch((e) => { error = e.message; });
console.log(JSON.stringify({ installed: m.installedPlatform().name, adapter: crawler.adapter.name, items: crawler.stats.getValue('item_scraped_count') ?? 0, error }));
`;
}

async function inFreshNode(code: string): Promise<{ result: Record<string, unknown>; stderr: string }> {
  const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', code], { cwd: root, timeout: 60_000 });
  return { result: JSON.parse(stdout.trim()) as Record<string, unknown>, stderr };
}

describe('two skitter entry points in one Node process', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  it("with LOOP_ADAPTER: 'node', the default components come from the node platform even when web was loaded first", async () => {
    const feed = join(tmp.dir, 'web-first.jsonl');
    const { result, stderr } = await inFreshNode(script('skitter/web', 'skitter/node', feed, { LOOP_ADAPTER: 'node' }));
    expect(stderr.trim()).toBe(NODE_SECOND);
    expect(result).toEqual({ installed: 'web', adapter: 'node', items: 1, error: null });
    expect(readFileSync(feed, 'utf8')).toBe('{"title":"hello"}\n');
  });

  it('runspider on a spider file importing skitter/web: one warning, the crawl stays on node and writes -o to a file', async () => {
    writeFileSync(join(tmp.dir, 'web-spider.ts'), `
import { Spider, type Response } from 'skitter/web';
export default class WebSpider extends Spider {
  name = 'web-spider';
  startUrls = ['data:text/html,<title>hello</title>'];
  parse(r: Response) { return [{ title: r.css('title::text').get() }]; }
}
`);
    const r = await runCli(['runspider', 'web-spider.ts', '-O', 'items.jsonl', '-L', 'INFO'], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('[skitter] the web platform'))).toEqual([WEB_SECOND]);
    expect(r.stderr).toContain("INFO: Crawling with <WebSpider 'web-spider'> on the node loop adapter");
    expect(readFileSync(join(tmp.dir, 'items.jsonl'), 'utf8')).toBe('{"title":"hello"}\n');
  });
});
