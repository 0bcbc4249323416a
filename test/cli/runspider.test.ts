import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { closedPort, parseJsonLines, runCli, tempDir } from './run-cli.ts';

// A spider file as a user writes it, outside the repository, importing from 'skitter'.
const CARDS_SPIDER = `
import { Request, Spider, type TextResponse } from 'skitter';

export default class CardsSpider extends Spider {
  name = 'cards';
  site = '';
  category = '';

  async *start() {
    yield this.category
      ? new Request(\`\${this.site}/category/\${this.category}\`, { callback: this.parseCategory })
      : new Request(\`\${this.site}/\`);
  }

  *parse(response: TextResponse) {
    yield* response.followAll({ css: '.categories a' }, { callback: this.parseCategory });
  }

  *parseCategory(response: TextResponse) {
    for (const card of response.css('.product-card')) {
      yield {
        title: card.css('h2 a::text').get(),
        category: this.category,
        concurrency: this.settings.getInt('CONCURRENT_REQUESTS'),
      };
    }
    const next = response.css('li.next a::attr(href)').get();
    if (next) yield response.follow(next, { callback: this.parseCategory });
  }
}
`;

describe('skitter runspider', () => {
  let site: DemoSite;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    site = await startDemoSite({ products: 45, pageBytes: 0 });
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'cards.ts'), CARDS_SPIDER);
  });
  afterAll(async () => {
    await site.close();
    tmp.remove();
  });

  it('runs a TypeScript spider outside the repo and writes every item with -o', async () => {
    const r = await runCli(['runspider', 'cards.ts', '-a', `site=${site.url}`, '-o', 'items.jsonl', '-L', 'INFO'], tmp.dir);
    expect(r.code).toBe(0);
    const items = parseJsonLines(readFileSync(join(tmp.dir, 'items.jsonl'), 'utf8')) as Array<{ title: string }>;
    expect(items).toHaveLength(45);
    expect(new Set(items.map((i) => i.title))).toEqual(new Set(site.catalogue.products.map((p) => p.title)));
    expect(r.stderr).toContain("'item_scraped_count': 45,");
    expect(r.stderr).toContain("'finish_reason': 'finished',");
    expect(r.stderr).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[skitter\] INFO: Spider opened$/m);
    expect(r.stderr).toContain('Stored jsonlines feed (45 items) in: items.jsonl');
  });

  it('-o appends to an existing file, -O overwrites it', async () => {
    const args = ['runspider', 'cards.ts', '-a', `site=${site.url}`, '-a', 'category=kitchen', '--nolog'];
    const count = site.catalogue.category('kitchen')!.productIds.length;
    const file = join(tmp.dir, 'kitchen.jsonl');
    expect((await runCli([...args, '-o', 'kitchen.jsonl'], tmp.dir)).code).toBe(0);
    expect((await runCli([...args, '-o', 'kitchen.jsonl'], tmp.dir)).code).toBe(0);
    expect(parseJsonLines(readFileSync(file, 'utf8'))).toHaveLength(2 * count);
    expect((await runCli([...args, '-O', 'kitchen.jsonl'], tmp.dir)).code).toBe(0);
    expect(parseJsonLines(readFileSync(file, 'utf8'))).toHaveLength(count);
  });

  it('passes -s settings (cmdline priority, coerced) and -a arguments to the spider', async () => {
    const r = await runCli(
      ['runspider', 'cards.ts', '-a', `site=${site.url}`, '-a', 'category=tools', '-s', 'CONCURRENT_REQUESTS=2', '-O', 'tools.json', '--nolog'],
      tmp.dir,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const items = JSON.parse(readFileSync(join(tmp.dir, 'tools.json'), 'utf8')) as Array<{ title: string; category: string; concurrency: number }>;
    const tools = site.catalogue.category('tools')!;
    expect(items).toHaveLength(tools.productIds.length);
    expect(items.map((i) => i.title)).toEqual(tools.productIds.map((id) => site.catalogue.products[id - 1]!.title));
    for (const item of items) expect(item).toMatchObject({ category: 'tools', concurrency: 2 });
  });

  it('exits 0 with the error in the stats for an unreachable start URL', async () => {
    const port = await closedPort();
    const r = await runCli(['runspider', 'cards.ts', '-a', `site=http://127.0.0.1:${port}`, '-L', 'INFO'], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`ERROR: Error downloading <GET http://127.0.0.1:${port}/>`);
    expect(r.stderr).toMatch(/'log_count\/ERROR': [1-9]/);
    expect(r.stderr).toContain("'finish_reason': 'finished',");
  });

  it('exits 1 when start() throws before yielding a request', async () => {
    writeFileSync(join(tmp.dir, 'broken-start.ts'), `
import { Spider } from 'skitter';
export class BrokenStart extends Spider {
  name = 'broken';
  async *start() { throw new Error('no start URL configured'); }
}
`);
    const r = await runCli(['runspider', 'broken-start.ts', '-L', 'INFO'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ERROR: Error while reading start items and requests: no start URL configured');
    expect(r.stderr).toContain('skitter: error: spider "broken" failed at start');
  });

  it('exits 1 when the spider constructor throws', async () => {
    writeFileSync(join(tmp.dir, 'broken-ctor.ts'), `
import { Spider } from 'skitter';
export class BrokenCtor extends Spider {
  name = 'ctor';
  constructor() { super(); throw new Error('missing API key'); }
}
`);
    const r = await runCli(['runspider', 'broken-ctor.ts', '--nolog'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^skitter: error: missing API key\n/);
  });

  it('exits 1 with a one-line message for a missing file, a file without spiders, or several spiders', async () => {
    const missing = await runCli(['runspider', 'nope.ts'], tmp.dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`skitter: error: File not found: ${join(tmp.dir, 'nope.ts')}\n`);

    writeFileSync(join(tmp.dir, 'empty.ts'), `import { Spider } from 'skitter';\nexport const notASpider = 1;\nexport { Spider };\n`);
    const empty = await runCli(['runspider', 'empty.ts'], tmp.dir);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe(`skitter: error: No spider found in ${join(tmp.dir, 'empty.ts')}\n`);

    writeFileSync(join(tmp.dir, 'two.ts'), `import { Spider } from 'skitter';
export class A extends Spider { name = 'alpha'; }
export class B extends Spider { name = 'beta'; }
`);
    const two = await runCli(['runspider', 'two.ts'], tmp.dir);
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('exports 2 spiders (alpha, beta)');
  });

  it('exits 1 with the settings error message for a bad -s value or -o format, without a stack trace', async () => {
    const bad = await runCli(['runspider', 'cards.ts', '-s', 'CONCURRENT_REQUESTS=lots'], tmp.dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^skitter: error: Settings: CONCURRENT_REQUESTS .*\n$/);
    const format = await runCli(['runspider', 'cards.ts', '-o', 'items.txt'], tmp.dir);
    expect(format.code).toBe(1);
    expect(format.stderr).toMatch(/^skitter: error: crawl: cannot infer the feed format of "items.txt".*\n$/);
    const pair = await runCli(['runspider', 'cards.ts', '-a', 'oops'], tmp.dir);
    expect(pair.stderr).toBe('skitter: error: invalid -a value, use -a NAME=VALUE, got "oops"\n');
  });
});
