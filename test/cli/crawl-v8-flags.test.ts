import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRAWL_V8_FLAGS, missingCrawlFlags } from '../../bin/crawl-v8-flags.js';
import { BIN, parseJsonLines, tempDir } from './run-cli.ts';

// Reports the node flags and the process id the crawl ran with; needs no server (a data: URL).
const FLAGS_SPIDER = `
import { Request, Spider } from 'skitter';

export default class FlagsSpider extends Spider {
  name = 'flags';

  async *start() {
    yield new Request('data:text/plain,x');
  }

  parse() {
    return [{ execArgv: process.execArgv, pid: process.pid }];
  }
}
`;

/** Runs `skitter runspider flags.ts -O out.jsonl` with `env` added; the item and the child's pid. */
async function crawlFlags(dir: string, env: Record<string, string>): Promise<{ item: { execArgv: string[]; pid: number }; pid: number; code: number | null }> {
  const child = spawn(process.execPath, [BIN, 'runspider', 'flags.ts', '-O', 'out.jsonl', '--nolog'], { cwd: dir, env: { ...process.env, ...env }, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const [item] = parseJsonLines(readFileSync(join(dir, 'out.jsonl'), 'utf8')) as Array<{ execArgv: string[]; pid: number }>;
  return { item: item!, pid: child.pid!, code };
}

describe('the V8 flags crawls run with', () => {
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(() => {
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'flags.ts'), FLAGS_SPIDER);
  });
  afterAll(() => tmp.remove());

  it('runspider restarts itself in place with them', async () => {
    const { item, pid, code } = await crawlFlags(tmp.dir, {});
    expect(code).toBe(0);
    expect(CRAWL_V8_FLAGS).toEqual(['--max-semi-space-size=8']);
    expect(item.execArgv.slice(0, CRAWL_V8_FLAGS.length)).toEqual(CRAWL_V8_FLAGS);
    // process.execve keeps the process: signals and exit codes reach the one the user started.
    expect(item.pid).toBe(pid);
  });

  it('leaves a flag the user set in NODE_OPTIONS, and SKITTER_NODE_FLAGS=0 turns them off', async () => {
    const own = await crawlFlags(tmp.dir, { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-semi-space-size=16` });
    expect(own.code).toBe(0);
    expect(own.item.execArgv).not.toContain('--max-semi-space-size=8');
    const off = await crawlFlags(tmp.dir, { SKITTER_NODE_FLAGS: '0' });
    expect(off.code).toBe(0);
    expect(off.item.execArgv).not.toContain('--max-semi-space-size=8');
  });

  it('missingCrawlFlags keeps only the flags neither node\'s command line nor NODE_OPTIONS set', () => {
    expect(missingCrawlFlags([], undefined)).toEqual(['--max-semi-space-size=8']);
    expect(missingCrawlFlags(['--max-semi-space-size=32'], undefined)).toEqual([]);
    expect(missingCrawlFlags(['--inspect'], '--max_semi_space_size=4 --trace-gc')).toEqual([]);
    expect(missingCrawlFlags(['--max-old-space-size=100'], '--trace-gc')).toEqual(['--max-semi-space-size=8']);
  });
});
