/**
 * Benchmark child: the limit. Fetches a known URL list with the global fetch at a fixed
 * concurrency, reads each body, parses nothing. Prints a `RESULT` line (see measure.ts).
 * @module
 */
import { readFileSync } from 'node:fs';
import { readArgs, report, startSampler } from './measure.ts';

const args = readArgs();
const urls = readFileSync(args.urlsFile!, 'utf8').split('\n').filter(Boolean);
let next = 0;
let pages = 0;
let bytes = 0;
let failed = 0;

async function worker(): Promise<void> {
  while (next < urls.length) {
    const url = urls[next++]!;
    try {
      const res = await fetch(url, { redirect: 'manual' });
      bytes += (await res.arrayBuffer()).byteLength;
      if (res.status === 200) pages++;
      else failed++;
    } catch {
      failed++;
    }
  }
}

const sampler = startSampler(() => pages);
await Promise.all(Array.from({ length: args.concurrency }, worker));
const wallMs = performance.now() - sampler.t0;
report({ pages, items: 0, wallMs, samples: sampler.stop(), extra: { bytes, non200: failed } });
