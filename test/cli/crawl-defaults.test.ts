import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRAWL_NODE_FLAGS, crawlEnv, missingCrawlFlags } from '../../bin/crawl-defaults.js';
import { BIN, parseJsonLines, tempDir } from './run-cli.ts';

// Reports the node flags and the process id the crawl ran with; needs no server (a data: URL).
const FLAGS_SPIDER = `
import { Worker } from 'node:worker_threads';
import { Request, Spider } from 'skitter';

export default class FlagsSpider extends Spider {
  name = 'flags';

  async *start() {
    yield new Request('data:text/plain,x');
  }

  async parse() {
    // A worker thread started with the process's execArgv, as skitter's own threads are.
    const worker = await new Promise((resolve) => {
      const w = new Worker('require("node:worker_threads").parentPort.postMessage("ok")', { eval: true, execArgv: process.execArgv });
      w.once('message', (m) => void w.terminate().then(() => resolve(m)));
      w.once('error', (e) => resolve(String(e)));
    });
    return [{ worker, execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS ?? '', pid: process.pid, mallocArenaMax: process.env.MALLOC_ARENA_MAX ?? null }];
  }
}
`;

interface Flags { worker: string; execArgv: string[]; nodeOptions: string; pid: number; mallocArenaMax: string | null }

/** Runs `skitter runspider flags.ts -O out.jsonl` with `env` added; the item and the child's pid. */
async function crawlFlags(dir: string, env: Record<string, string>): Promise<{ item: Flags; pid: number; code: number | null }> {
  const child = spawn(process.execPath, [BIN, 'runspider', 'flags.ts', '-O', 'out.jsonl', '--nolog'], { cwd: dir, env: { ...process.env, ...env }, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const [item] = parseJsonLines(readFileSync(join(dir, 'out.jsonl'), 'utf8')) as Array<Flags>;
  return { item: item!, pid: child.pid!, code };
}

describe('the node flags and environment crawls run with', () => {
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(() => {
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'flags.ts'), FLAGS_SPIDER);
  });
  afterAll(() => tmp.remove());

  it('runspider restarts itself in place with them', async () => {
    const { item, pid, code } = await crawlFlags(tmp.dir, {});
    expect(code).toBe(0);
    expect(CRAWL_NODE_FLAGS).toEqual(['--max-semi-space-size=8']);
    // In NODE_OPTIONS, not in execArgv: worker threads start with execArgv and refuse V8 flags.
    expect(item.nodeOptions.split(' ').slice(-CRAWL_NODE_FLAGS.length)).toEqual(CRAWL_NODE_FLAGS);
    expect(item.execArgv).not.toContain('--max-semi-space-size=8');
    expect(item.worker).toBe('ok');
    expect(item.mallocArenaMax).toBe(process.env.MALLOC_ARENA_MAX ?? '2');
    // process.execve keeps the process: signals and exit codes reach the one the user started.
    expect(item.pid).toBe(pid);
  });

  it('leaves what the user set in NODE_OPTIONS and the environment, and SKITTER_NODE_FLAGS=0 turns them off', async () => {
    const own = await crawlFlags(tmp.dir, { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-semi-space-size=32`, MALLOC_ARENA_MAX: '4' });
    expect(own.code).toBe(0);
    expect(own.item.nodeOptions).not.toContain('--max-semi-space-size=8');
    expect(own.item.mallocArenaMax).toBe('4');
    const off = await crawlFlags(tmp.dir, { SKITTER_NODE_FLAGS: '0' });
    expect(off.code).toBe(0);
    expect(off.item.nodeOptions).not.toContain('--max-semi-space-size=8');
  });

  it('crawlEnv adds MALLOC_ARENA_MAX=2 and the flags to NODE_OPTIONS where unset, and says when nothing is missing', () => {
    expect(crawlEnv({ HOME: '/h' }, [])).toEqual({ HOME: '/h', MALLOC_ARENA_MAX: '2', NODE_OPTIONS: '--max-semi-space-size=8' });
    expect(crawlEnv({ MALLOC_ARENA_MAX: '8', NODE_OPTIONS: '--trace-gc' }, [])).toEqual({ MALLOC_ARENA_MAX: '8', NODE_OPTIONS: '--trace-gc --max-semi-space-size=8' });
    expect(crawlEnv({ NODE_OPTIONS: '--max-semi-space-size=4' }, [])).toEqual({ MALLOC_ARENA_MAX: '2', NODE_OPTIONS: '--max-semi-space-size=4' });
    expect(crawlEnv({ MALLOC_ARENA_MAX: '2' }, ['--max-semi-space-size=64'])).toBeNull();
    expect(crawlEnv({ MALLOC_ARENA_MAX: '2', NODE_OPTIONS: '--max-semi-space-size=8' }, [])).toBeNull();
  });

  it('missingCrawlFlags keeps only the flags neither node\'s command line nor NODE_OPTIONS set', () => {
    expect(missingCrawlFlags([], undefined)).toEqual(['--max-semi-space-size=8']);
    expect(missingCrawlFlags(['--max-semi-space-size=32'], undefined)).toEqual([]);
    expect(missingCrawlFlags(['--inspect'], '--max_semi_space_size=4 --trace-gc')).toEqual([]);
    expect(missingCrawlFlags(['--max-old-space-size=100'], '--trace-gc')).toEqual(['--max-semi-space-size=8']);
  });
});
