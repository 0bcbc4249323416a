/**
 * Where the CPU goes: summarises a V8 `.cpuprofile` by self time per area, file and function.
 *
 *   node bench/profile.ts FILE.cpuprofile [--top 30] [--pages N [--cpu-ms MS]]
 *   node bench/profile.ts --run [--products 5000] [--concurrency 64] [--top 30] [--plain]
 *
 * `--run` starts the benchmark server, crawls it with the skitter bench spider under
 * `node --cpu-prof`, and summarises that profile. The crawl runs with the node flags and environment
 * the `skitter crawl` command applies (bin/crawl-defaults.js); `--plain` runs it without them. `--pages N` (implied by `--run`) adds the
 * itemised table "CPU per page": each sample is charged to the innermost frame of its stack that
 * belongs to a known area ({@link ITEMS}), so the URL parsing under `response.follow()` counts as URL
 * joining and the SHA-1 under the dupefilter as fingerprints.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { crawlEnv } from '../bin/crawl-defaults.js';
import type { ChildResult } from './children/measure.ts';
import { startBenchServer } from './site-server.ts';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** The area a script belongs to: a package, a folder of src/, Node internals or V8 pseudo-frames. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const src = /\/(src|bench|demo)\/(.*?)([^/]+)$/.exec(url);
  if (src) return src[1] === 'src' ? `src/${src[2]!.split('/')[0] || src[3]}` : src[1]!;
  if (url.startsWith('node:')) return url.includes('undici') || url.includes('fetch') ? 'node:undici (fetch)' : 'node internals';
  return url;
}

/**
 * The areas of the itemised table, tried in order on each frame from the sampled (innermost) frame
 * outwards; the first area whose test matches a frame gets the sample. `fn` is the function name,
 * `url` the script.
 */
export const ITEMS: Array<{ area: string; test: (fn: string, url: string) => boolean }> = [
  { area: 'GC', test: (fn) => fn === '(garbage collector)' },
  { area: 'idle', test: (fn) => fn === '(idle)' },
  { area: 'startup (module loading)', test: (_fn, url) => /node:internal\/(modules|deps\/amaro)|amaro/.test(url) },
  { area: 'fingerprints', test: (_fn, url) => /src\/(http\/(fingerprint|canonicalize-url)|utils\/sha1|core\/scheduler\/(fingerprint-set|dupefilter))\.ts/.test(url) },
  { area: 'URL joining', test: (fn, url) => /src\/http\/join-url\.ts/.test(url) || (/src\/http\/request\.ts/.test(url) && fn === 'normalizeUrl') || /^(follow|followAll|urljoin)$/.test(fn) || url === 'node:internal/url' },
  { area: 'decompression', test: (fn, url) => /zlib|decompress|brotli|zstd/i.test(url) || /^(zlib|inflate|gunzip)/i.test(fn) },
  { area: 'decoding', test: (fn, url) => /src\/http\/encoding\.ts|node:internal\/encoding/.test(url) || fn === 'decodeUTF8' || fn === 'decodeLatin1' },
  { area: 'parsing', test: (_fn, url) => /node_modules\/(htmlparser2|domhandler|entities|linkedom)\/|src\/selector\/(linear-parser|parsed-markup)\.ts/.test(url) },
  { area: 'selectors', test: (_fn, url) => /node_modules\/(css-select|css-what|boolbase|nth-check|domutils|xpath)\/|src\/selector\//.test(url) },
  { area: 'feed and pipelines', test: (_fn, url) => /src\/(feeds|pipelines)\/|src\/core\/scraper\/item-pipeline/.test(url) },
  { area: 'middlewares', test: (_fn, url) => /src\/middlewares\/|src\/core\/(middleware\/|downloader\/downloader-middleware-manager|scraper\/spider-middleware-manager)|node_modules\/(tough-cookie|tldts[^/]*)\//.test(url) },
  { area: 'fetch (ky, undici, sockets, headers)', test: (_fn, url) => /node_modules\/(ky|undici)\/|node:internal\/deps\/undici|src\/core\/downloader\/handlers\/|src\/http\/headers\.ts|^wasm:|node:(net|internal\/(stream_base_commons|net|streams|webstreams|http|tls|dns))/.test(url) },
  { area: 'scheduling (engine, scheduler, slots)', test: (_fn, url) => /src\/core\/(engine|scheduler|downloader)\//.test(url) },
  { area: 'requests and responses (src/http)', test: (_fn, url) => /src\/http\//.test(url) },
  { area: 'scraper and callbacks (spider code)', test: (_fn, url) => /src\/core\/scraper\/|src\/utils\/maybe-async|src\/spiders\/|\/bench\//.test(url) },
];

/** CPU ms per area (see {@link ITEMS}); samples no area claims are `other`. */
export function itemise(profile: CpuProfile): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const areaOfNode = new Map<number, string>();
  const classify = (id: number): string => {
    const known = areaOfNode.get(id);
    if (known !== undefined) return known;
    const { functionName, url } = byId.get(id)!.callFrame;
    const item = ITEMS.find((it) => it.test(functionName, url));
    const p = parent.get(id);
    const area = item ? item.area : p === undefined ? 'other (V8, Node internals, microtasks)' : classify(p);
    areaOfNode.set(id, area);
    return area;
  };
  const totals = new Map<string, number>(ITEMS.map((it) => [it.area, 0]));
  for (let i = 0; i < profile.samples.length; i++) {
    const area = classify(profile.samples[i]!);
    totals.set(area, (totals.get(area) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/**
 * The itemised markdown table. A profile's sample intervals are wall-clock time, which a loaded
 * machine inflates (the crawl waits for a core while the profiler keeps counting), so the shares
 * are what a profile measures; given the process's CPU time (`cpuMs`, getrusage user + system),
 * ms per page are that time split by those shares, else the sampled time.
 */
export function itemisedTable(profile: CpuProfile, pages: number, cpuMs?: number): string {
  const rows = itemise(profile).filter(([k]) => k !== 'idle');
  const sampled = rows.reduce((a, [, ms]) => a + ms, 0);
  const scale = cpuMs === undefined ? 1 : cpuMs / sampled;
  const isStartup = (k: string): boolean => k.startsWith('startup');
  const crawl = rows.filter(([k]) => !isStartup(k)).reduce((a, [, ms]) => a + ms, 0);
  const body = rows.map(([k, ms]) => `| ${k} | ${((ms * scale) / pages).toFixed(3)} | ${isStartup(k) ? '-' : ((ms / crawl) * 100).toFixed(1)} |`).join('\n');
  const basis = cpuMs === undefined ? 'sampled time' : 'getrusage CPU time split by the profile\'s shares';
  return `### CPU per page, itemised (${pages} pages; ${((crawl * scale) / pages).toFixed(3)} ms/page without startup; ${basis})\n\n`
    + `| area | ms/page | % of crawl |\n|---|---:|---:|\n${body}\n`;
}

/** Self time in ms per key, highest first. */
function selfTimes(profile: CpuProfile, key: (node: ProfileNode) => string): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!)!;
    const k = key(node);
    totals.set(k, (totals.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/(node_modules|src|bench|demo)\//, '$1/');
}

/** A markdown summary of a profile. */
export function summarise(profile: CpuProfile, top = 30, pages = 0, cpuMs?: number): string {
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
  const table = (title: string, rows: Array<[string, number]>): string =>
    `### ${title}\n\n| self ms | % | where |\n|---:|---:|---|\n${rows.slice(0, top).map(([k, ms]) => `| ${ms.toFixed(0)} | ${((ms / total) * 100).toFixed(1)} | ${k} |`).join('\n')}\n`;
  const idle = selfTimes(profile, (n) => n.callFrame.functionName).find(([k]) => k === '(idle)')?.[1] ?? 0;
  return `Profile: ${total.toFixed(0)} ms sampled, ${idle.toFixed(0)} ms idle.\n\n`
    + (pages > 0 ? itemisedTable(profile, pages, cpuMs) + '\n' : '')
    + table('By area', selfTimes(profile, (n) => areaOf(n.callFrame.url, n.callFrame.functionName)))
    + '\n' + table('By file', selfTimes(profile, (n) => shortUrl(n.callFrame.url) || n.callFrame.functionName))
    + '\n' + table('By function', selfTimes(profile, (n) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`));
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { run: { type: 'boolean', default: false }, products: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '64' }, top: { type: 'string', default: '30' }, plain: { type: 'boolean', default: false }, pages: { type: 'string', default: '0' }, 'cpu-ms': { type: 'string' } },
  });
  let file = positionals[0];
  let pages = Number(values.pages);
  let cpuMs = values['cpu-ms'] ? Number(values['cpu-ms']) : undefined;
  if (values.run) {
    const server = await startBenchServer(Number(values.products), 30000);
    const dir = mkdtempSync(join(tmpdir(), 'skitter-prof-'));
    try {
      // The compile cache the benchmark's children use, so module loading is not charged to the crawl.
      const crawl: Record<string, string | undefined> = values.plain ? process.env : crawlEnv(process.env, process.execArgv) ?? process.env;
      const env: Record<string, string | undefined> = { ...crawl, NODE_COMPILE_CACHE: join(tmpdir(), 'skitter-bench-compile-cache') };
      const child = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, 'bench/children/skitter-crawl.ts',
        JSON.stringify({ origin: server.origin, concurrency: Number(values.concurrency) })], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
      const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT'));
      if (!line) throw new Error(`the profiled crawl failed:\n${child.stderr}`);
      const result = JSON.parse(line.slice('RESULT '.length)) as ChildResult;
      pages = result.pages;
      cpuMs = (result.cpuUserS + result.cpuSysS) * 1000;
      process.stderr.write(`crawl (${values.plain ? 'plain node' : `as skitter crawl runs it: NODE_OPTIONS=${env.NODE_OPTIONS ?? ''} MALLOC_ARENA_MAX=${env.MALLOC_ARENA_MAX ?? ''}`}): ${result.pages} pages, ${result.items} items, ${(result.wallMs / 1000).toFixed(1)} s, `
        + `${(cpuMs / result.pages).toFixed(3)} ms CPU/page (getrusage, profiler overhead included), peak RSS ${result.maxRssMb.toFixed(0)} MB\n`);
    } finally {
      await server.stop();
    }
    file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
    process.stderr.write(`profile: ${file}\n`);
  }
  if (!file) throw new Error('usage: node bench/profile.ts FILE.cpuprofile | --run');
  process.stdout.write(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(values.top), pages, cpuMs));
}
