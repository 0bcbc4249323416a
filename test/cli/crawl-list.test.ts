import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { parseJsonLines, runCli, tempDir } from './run-cli.ts';

const titleSpider = (className: string, name: string, path: string): string => `
import { Request, Spider, type TextResponse } from 'skitter';
export class ${className} extends Spider {
  name = '${name}';
  site = '';
  async *start() { yield new Request(this.site + '${path}'); }
  parse(response: TextResponse) { return { spider: this.name, title: response.css('title::text').get() }; }
}
`;

describe('skitter list and crawl', () => {
  let site: DemoSite;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    site = await startDemoSite({ products: 10 });
    tmp = tempDir();
    mkdirSync(join(tmp.dir, 'spiders', 'shop'), { recursive: true });
    writeFileSync(join(tmp.dir, 'spiders', 'about.ts'), titleSpider('AboutSpider', 'about', '/about'));
    // Two spiders in one file, in a subfolder, plus an abstract base class without a name.
    writeFileSync(join(tmp.dir, 'spiders', 'shop', 'pages.ts'), `${titleSpider('HomeSpider', 'home', '/')}
export class Base extends Spider {}
${titleSpider('LegacySpider', 'legacy', '/legacy').replace(/^import .*$/m, '')}`);
    // Not imported at all (their top level would throw): a module without a class, tests, build output.
    writeFileSync(join(tmp.dir, 'spiders', 'worker.ts'), 'throw new Error("modules without classes are not imported");\n');
    writeFileSync(join(tmp.dir, 'spiders', 'about.test.ts'), 'class X extends Object {}\nthrow new Error("tests are not imported");\n');
    mkdirSync(join(tmp.dir, 'spiders', 'dist'));
    writeFileSync(join(tmp.dir, 'spiders', 'dist', 'bundle.js'), 'class X extends Object {}\nthrow new Error("build output is not imported");\n');
    mkdirSync(join(tmp.dir, 'more'));
    writeFileSync(join(tmp.dir, 'more', 'other.ts'), titleSpider('OtherSpider', 'other', '/about'));
  });
  afterAll(async () => {
    await site.close();
    tmp.remove();
  });

  it('lists the spiders of ./spiders, sorted', async () => {
    const r = await runCli(['list'], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('about\nhome\nlegacy\n');
    expect(r.stderr).toBe('');
  });

  it('lists the folders given with --spiders or SPIDER_MODULES instead', async () => {
    expect((await runCli(['list', '--spiders', 'more'], tmp.dir)).stdout).toBe('other\n');
    expect((await runCli(['list', '--spiders', 'more', '--spiders', 'spiders'], tmp.dir)).stdout).toBe('about\nhome\nlegacy\nother\n');
    expect((await runCli(['list', '-s', 'SPIDER_MODULES=more'], tmp.dir)).stdout).toBe('other\n');
  });

  it('crawls a spider by name', async () => {
    const r = await runCli(['crawl', 'legacy', '-a', `site=${site.url}`, '-O', 'legacy.jsonl', '-L', 'INFO'], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Crawling with <LegacySpider 'legacy'>");
    expect(parseJsonLines(readFileSync(join(tmp.dir, 'legacy.jsonl'), 'utf8'))).toEqual([{ spider: 'legacy', title: 'Legacy catalogue' }]);
  });

  it('exits 1 naming the known spiders for an unknown name', async () => {
    const r = await runCli(['crawl', 'nope'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('skitter: error: Spider not found: nope (in spiders; known: about, home, legacy)\n');
  });

  it('warns about a spider file that fails to import and about duplicate names, and goes on', async () => {
    const project = tempDir();
    try {
      mkdirSync(join(project.dir, 'spiders'));
      writeFileSync(join(project.dir, 'spiders', 'a.ts'), titleSpider('A', 'same', '/'));
      writeFileSync(join(project.dir, 'spiders', 'b.ts'), titleSpider('B', 'same', '/about'));
      writeFileSync(join(project.dir, 'spiders', 'broken.ts'), 'export class Broken extends Spider { name = ; }\n');
      const r = await runCli(['list'], project.dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('same\n');
      expect(r.stderr).toContain(`skitter: warning: ${join(project.dir, 'spiders', 'broken.ts')}:1:45: Expression expected\nhint: fix the TypeScript syntax at that line and column.\n`);
      expect(r.stderr).toContain('skitter: warning: There are several spiders with the same name "same": spiders/a.ts and spiders/b.ts; using the first');
    } finally {
      project.remove();
    }
  });

  it('exits 1 when there is no spider folder', async () => {
    const empty = tempDir();
    try {
      const r = await runCli(['list'], empty.dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('skitter: error: no spider folder: create ./spiders (or ./examples), pass --spiders DIR or set -s SPIDER_MODULES=DIR\n');
    } finally {
      empty.remove();
    }
  });
});
