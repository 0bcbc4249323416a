/**
 * Benchmark child for the CLI rows: runs `skitter runspider bench/children/cli-spider.ts -O
 * items.jsonl` (the repository's CLI, with ENGINE_THREADS from `BENCH_THREADS`) under
 * `/usr/bin/time` (at LOG_LEVEL INFO: the stats dump gives the page and item counts), so the wall time is the whole process's, start-up included, and the CPU time
 * and peak RSS are those of the CLI process with all its threads. Prints the usual RESULT line.
 * @module
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildResult } from './measure.ts';
import { readArgs } from './measure.ts';

const args = readArgs();
const threads = Number(process.env.BENCH_THREADS ?? 0);
const bin = fileURLToPath(new URL('../../bin/skitter.js', import.meta.url));
const spider = fileURLToPath(new URL('./cli-spider.ts', import.meta.url));
const c = String(args.concurrency);
const cli = [
  process.execPath, ...process.execArgv, bin, 'runspider', spider, '-O', `${args.itemsFile}:jsonlines`, '-L', args.logLevel ?? 'INFO',
  '-s', `CONCURRENT_REQUESTS=${c}`, '-s', `CONCURRENT_REQUESTS_PER_DOMAIN=${c}`, '-s', `ENGINE_THREADS=${threads}`,
];
const child = spawn('/usr/bin/time', ['-f', 'TIME %e %U %S %M', ...cli], { env: { ...process.env, BENCH_ORIGIN: args.origin }, stdio: ['ignore', 'inherit', 'pipe'] });
let stderr = '';
child.stderr.setEncoding('utf8').on('data', (d: string) => {
  stderr += d;
});
child.on('exit', (code) => {
  const time = /^TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/m.exec(stderr);
  if (code !== 0 || !time) {
    process.stderr.write(stderr.slice(-5000));
    process.exit(1);
  }
  const stat = (key: string): number => Number(new RegExp(`'${key.replaceAll('/', '\\/')}': (\\d+)`).exec(stderr)?.[1] ?? 0);
  const result: ChildResult = {
    // Callback invocations: the 200 responses (404s and redirects never reach the callback).
    pages: stat('downloader/response_status_count/200'),
    items: stat('item_scraped_count'),
    wallMs: Number(time[1]) * 1000,
    cpuUserS: Number(time[2]),
    cpuSysS: Number(time[3]),
    maxRssMb: Number(time[4]) / 1024,
    samples: [],
    extra: { threads, finishReason: /'finish_reason': '([^']+)'/.exec(stderr)?.[1] },
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
});
