import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { BIN, parseJsonLines, runCli, tempDir } from './run-cli.ts';

/**
 * Runs `skitter ...args` in a real pseudo-terminal (util-linux `script`), so the REPL sees a TTY
 * as it does for a person. `type()` sends a line; `waitFor()` waits for text on the screen.
 */
function startInTerminal(args: string[], cwd: string) {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: { ...process.env, NO_COLOR: '1', TERM: 'dumb' } });
  let screen = '';
  const waiters: Array<{ text: string; from: number; resolve: () => void }> = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    screen += d;
    for (const w of waiters.splice(0)) (screen.indexOf(w.text, w.from) >= 0 ? w.resolve() : waiters.push(w));
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let mark = 0;
  return {
    /** Types a line, as Enter sends it. */
    type(line: string) {
      mark = screen.length;
      child.stdin.write(`${line}\r`);
    },
    /** Resolves when `text` appears after the last typed line. */
    waitFor(text: string): Promise<void> {
      if (screen.indexOf(text, mark) >= 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ text, from: mark, resolve }));
    },
    get screen() {
      return screen;
    },
    exited,
  };
}

describe('skitter shell', () => {
  let site: DemoSite;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    site = await startDemoSite({ products: 20, pageBytes: 0 });
    tmp = tempDir();
  });
  afterAll(async () => {
    await site.close();
    tmp.remove();
  });

  it('in a terminal: answers a CSS and an XPath selector on the page, fetches another page, exits cleanly', async () => {
    const product = site.catalogue.products[3]!;
    const term = startInTerminal(['shell', site.catalogue.productUrl(site.url, product)], tmp.dir);
    await term.waitFor('>>> ');
    expect(term.screen).toContain(`[s]   response   <200 ${site.catalogue.productUrl(site.url, product)}>`);
    term.type("response.css('h1::text').get()");
    await term.waitFor(`'${product.title}'`);
    term.type("response.xpath('//p[@class=\"availability\"]/text()').get()");
    await term.waitFor(`'${product.availability}'`);
    term.type(`(await fetch('${site.url}/about')).status`);
    await term.waitFor('200');
    term.type('response.url');
    await term.waitFor(`'${site.url}/about'`);
    term.type('.exit');
    expect(await term.exited).toBe(0);
  });

  it('-c evaluates code (with await) and prints the result; local files; errors; view()', async () => {
    const product = site.catalogue.products[0]!;
    const one = await runCli(['shell', site.catalogue.productUrl(site.url, product), '-c', "response.css('.price::text').get()"], tmp.dir);
    expect(one).toMatchObject({ code: 0, stdout: `£${product.price.toFixed(2)}\n` });
    writeFileSync(join(tmp.dir, 'page.html'), '<html><body><h1>Local</h1></body></html>');
    const file = await runCli(['shell', 'page.html', '-c', "[response.url.startsWith('file://'), response.css('h1::text').get()]"], tmp.dir);
    expect(file.stdout).toBe("[ true, 'Local' ]\n");
    const viewed = await runCli(['shell', `${site.url}/about`, '-c', 'require', '-L', 'CRITICAL'], tmp.dir);
    expect(viewed.code).toBe(1);
    expect(viewed.stderr).toContain('require is not defined');
    const saved = await runCli(['shell', `${site.url}/about`, '-c', 'view()'], tmp.dir);
    const path = /Saved .* to (.*): open it in a browser/.exec(saved.stdout)![1]!;
    expect(readFileSync(path, 'utf8')).toContain(`<base href="${site.url}/about">`);
  });

  it('inspectResponse() opens the shell inside a running crawl, which goes on after .exit', async () => {
    writeFileSync(join(tmp.dir, 'inspect.ts'), `
import { Request, Spider, inspectResponse, type TextResponse } from 'skitter';
export default class InspectSpider extends Spider {
  name = 'inspect';
  site = '';
  async *start() { yield new Request(this.site + '/'); }
  async *parse(response: TextResponse) {
    await inspectResponse(response, this);
    yield { url: response.url };
  }
}
`);
    const term = startInTerminal(['runspider', 'inspect.ts', '-a', `site=${site.url}`, '-O', 'out.jsonl', '-L', 'WARNING'], tmp.dir);
    await term.waitFor('>>> ');
    term.type('spider.name');
    await term.waitFor("'inspect'");
    term.type('response.css("title::text").get()');
    await term.waitFor("'Home | Skitter Demo Store'");
    term.type('.exit');
    expect(await term.exited).toBe(0);
    expect(parseJsonLines(readFileSync(join(tmp.dir, 'out.jsonl'), 'utf8'))).toEqual([{ url: `${site.url}/` }]);
  });
});
