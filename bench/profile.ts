/**
 * Where the CPU goes: summarises a V8 `.cpuprofile` by self time per area, file and function.
 *
 *   node bench/profile.ts FILE.cpuprofile [--top 30]
 *   node bench/profile.ts --run [--products 5000] [--concurrency 64] [--top 30]
 *
 * `--run` starts the benchmark server, crawls it with the skitter bench spider under
 * `node --cpu-prof`, and summarises that profile.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
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
export function summarise(profile: CpuProfile, top = 30): string {
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
  const table = (title: string, rows: Array<[string, number]>): string =>
    `### ${title}\n\n| self ms | % | where |\n|---:|---:|---|\n${rows.slice(0, top).map(([k, ms]) => `| ${ms.toFixed(0)} | ${((ms / total) * 100).toFixed(1)} | ${k} |`).join('\n')}\n`;
  const idle = selfTimes(profile, (n) => n.callFrame.functionName).find(([k]) => k === '(idle)')?.[1] ?? 0;
  return `Profile: ${total.toFixed(0)} ms sampled, ${idle.toFixed(0)} ms idle.\n\n`
    + table('By area', selfTimes(profile, (n) => areaOf(n.callFrame.url, n.callFrame.functionName)))
    + '\n' + table('By file', selfTimes(profile, (n) => shortUrl(n.callFrame.url) || n.callFrame.functionName))
    + '\n' + table('By function', selfTimes(profile, (n) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`));
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { run: { type: 'boolean', default: false }, products: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '64' }, top: { type: 'string', default: '30' } },
  });
  let file = positionals[0];
  if (values.run) {
    const server = await startBenchServer(Number(values.products), 30000);
    const dir = mkdtempSync(join(tmpdir(), 'skitter-prof-'));
    try {
      const child = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, 'bench/children/skitter-crawl.ts',
        JSON.stringify({ origin: server.origin, concurrency: Number(values.concurrency) })], { encoding: 'utf8' });
      process.stderr.write(child.stdout.split('\n').find((l) => l.startsWith('RESULT'))?.slice(0, 300) ?? child.stderr);
      process.stderr.write('\n');
    } finally {
      await server.stop();
    }
    file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
    process.stderr.write(`profile: ${file}\n`);
  }
  if (!file) throw new Error('usage: node bench/profile.ts FILE.cpuprofile | --run');
  process.stdout.write(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(values.top)));
}
