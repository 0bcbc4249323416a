/**
 * Renders the benchmark's results as markdown (bench/results.md): medians per crawler and
 * concurrency, then the scale scenarios with their memory growth.
 * @module
 */
import type { ChildResult } from './children/measure.ts';

/** All runs of one crawler at one concurrency. */
export interface RunRow {
  crawler: string;
  concurrency: number;
  results?: Array<ChildResult & { serverCpuS: number; ok: boolean; problems: string[] }>;
  failures?: string[];
  skipped?: string;
}

/** One run of a scale scenario. */
export interface ScaleRow {
  name: string;
  scenario: string;
  result: ChildResult | { error: string };
  serverCpuS: number;
  ok: boolean;
  problems: string[];
}

export interface ResultsInput {
  date: string;
  machine: string;
  versions: Record<string, string>;
  server: string;
  products: number;
  pageBytes: number;
  pagesPerCrawl: number;
  quick: boolean;
  rows: RunRow[];
  scale: { rows: ScaleRow[]; server: string } | null;
  /** Markdown appended after the tables (bench/analysis.md: the profile and the gaps). */
  analysis?: string;
}

/** Issue #14's targets for skitter on a 2-core machine (and issue #10's JOBDIR cost), checked against this run. */
function targetsSection(input: ResultsInput): string {
  const done = (r: RunRow): boolean => !!r.results && r.results.length > 0;
  const rate = (r: RunRow): number => median(r.results!.map((x) => x.pages / (x.wallMs / 1000)));
  const rss = (r: RunRow): number => median(r.results!.map((x) => x.maxRssMb));
  const verdict = (met: boolean, share: number): string => (met ? 'met' : `not met (${Math.round(share * 100)} %)`);
  const lines: string[] = [];
  for (const concurrency of [16, 64]) {
    const cli = input.rows.filter((r) => r.crawler.startsWith('skitter CLI') && r.concurrency === concurrency && done(r));
    if (cli.length === 0) continue;
    const best = cli.reduce((a, b) => (rate(b) > rate(a) ? b : a));
    lines.push(`| CLI pages/s, ${input.products.toLocaleString('en')} products, concurrency ${concurrency} (best CLI row: ${best.crawler}) | >= 1,500 | ${Math.round(rate(best))} | ${verdict(rate(best) >= 1500, rate(best) / 1500)} |`);
  }
  const oneThread = input.rows.filter((r) => r.crawler === 'skitter CLI' && done(r));
  if (oneThread.length > 0) {
    const peak = Math.max(...oneThread.map(rss));
    lines.push(`| peak RSS, ${input.products.toLocaleString('en')} products (skitter CLI, one thread) | <= 250 MB | ${Math.round(peak)} MB | ${peak <= 250 ? 'met' : 'not met'} |`);
  }
  const million = input.scale?.rows.find((r) => r.name === 'skitter' && r.scenario.includes('1,000,000'));
  if (million && 'maxRssMb' in million.result) {
    const m = million.result.maxRssMb;
    lines.push(`| \`start()\` with 1,000,000 requests, peak RSS | <= 300 MB | ${Math.round(m)} MB | ${m <= 300 ? 'met' : 'not met'} |`);
  }
  for (const concurrency of [16, 64]) {
    const plain = input.rows.find((r) => r.crawler === 'skitter' && r.concurrency === concurrency && done(r));
    const job = input.rows.find((r) => r.crawler === 'skitter + JOBDIR' && r.concurrency === concurrency && done(r));
    if (!plain || !job) continue;
    const slower = 1 - rate(job) / rate(plain);
    lines.push(`| JOBDIR cost, concurrency ${concurrency} (issue #10) | <= 25 % slower | ${slower > 0 ? `${Math.round(slower * 100)} % slower` : `none (${Math.round(-slower * 100)} % faster)`} | ${slower <= 0.25 ? 'met' : 'not met'} |`);
  }
  if (lines.length === 0) return '';
  return `## Targets (issue #14)\n\n| target | goal | measured | |\n|---|---|---|---|\n${lines.join('\n')}\n\n`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const f0 = (n: number): string => n.toFixed(0);
const f1 = (n: number): string => n.toFixed(1);
const f2 = (n: number): string => n.toFixed(2);

function mainTable(rows: RunRow[]): string {
  let md = '| crawler | concurrency | runs | pages | items | wall s | pages/s | CPU ms/page | peak RSS MB | server CPU s | status |\n'
    + '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n';
  for (const row of rows) {
    if (row.skipped) {
      md += `| ${row.crawler} | | | | | | | | | | skipped: ${row.skipped} |\n`;
      continue;
    }
    const rs = row.results ?? [];
    const failures = row.failures ?? [];
    if (rs.length === 0) {
      md += `| ${row.crawler} | ${row.concurrency} | 0 | | | | | | | | FAILED: ${failures.join('; ')} |\n`;
      continue;
    }
    const wall = median(rs.map((r) => r.wallMs / 1000));
    const pages = median(rs.map((r) => r.pages));
    const cpuPerPage = median(rs.map((r) => ((r.cpuUserS + r.cpuSysS) * 1000) / Math.max(1, r.pages)));
    const rss = median(rs.map((r) => r.maxRssMb));
    const serverCpu = median(rs.map((r) => r.serverCpuS));
    const bad = rs.filter((r) => !r.ok);
    const status = failures.length || bad.length
      ? `FAILED: ${[...failures, ...bad.flatMap((r) => r.problems.slice(0, 2))].join('; ')}`
      : row.crawler.startsWith('bare') ? 'ok (no items: fetch only)' : 'ok (one correct item per product)';
    // Chromium rows: the renderer's share of the tree's CPU (where the spider and fetch's JS side run).
    const rendererMs = rs.flatMap((r) => {
      const seconds = (r.extra?.cpuByRole as { renderer?: number } | undefined)?.renderer;
      return seconds === undefined ? [] : [(seconds * 1000) / Math.max(1, r.pages)];
    });
    const rendererShare = rendererMs.length > 0 ? `; renderer ${f2(median(rendererMs))} ms/page` : '';
    const jobBytes = rs.map((r) => Number(r.extra?.jobStateBytes ?? NaN)).filter((n) => !Number.isNaN(n));
    const jobState = jobBytes.length > 0 ? `; job state on disk ${f1(median(jobBytes) / 1_048_576)} MB` : '';
    md += `| ${row.crawler} | ${row.concurrency} | ${rs.length} | ${f0(pages)} | ${f0(median(rs.map((r) => r.items)))} | ${f1(wall)} | `
      + `**${f0(median(rs.map((r) => r.pages / (r.wallMs / 1000))))}** | ${f2(cpuPerPage)} | ${f0(rss)} | ${f1(serverCpu)} | ${status}${jobState}${rendererShare} |\n`;
  }
  return md;
}

function growth(result: ChildResult): string {
  const samples = result.samples;
  if (samples.length === 0) return '';
  const picks = new Set<number>();
  for (let i = 1; i <= 10; i++) picks.add(Math.min(samples.length - 1, Math.round((i * (samples.length - 1)) / 10)));
  picks.add(0);
  return [...picks].sort((a, b) => a - b).map((i) => samples[i]!)
    .map((s) => `${f1(s.ms / 1000)} s: ${s.pages.toLocaleString('en')} pages, ${s.rssMb} MB`).join('<br>');
}

function scaleTable(rows: ScaleRow[]): string {
  let md = '| crawler | scenario | pages | wall s | pages/s | CPU ms/page | peak RSS MB | server CPU s | RSS over time | status |\n'
    + '|---|---|---:|---:|---:|---:|---:|---:|---|---|\n';
  for (const row of rows) {
    const r = row.result;
    if ('error' in r) {
      md += `| ${row.name} | ${row.scenario} | | | | | | | | FAILED: ${r.error} |\n`;
      continue;
    }
    const extra = r.extra?.scheduled !== undefined ? ` (${Number(r.extra.scheduled).toLocaleString('en')} requests scheduled = fingerprints held by the dupefilter at the end)` : '';
    md += `| ${row.name} | ${row.scenario} | ${r.pages.toLocaleString('en')} | ${f1(r.wallMs / 1000)} | ${f0(r.pages / (r.wallMs / 1000))} | `
      + `${f2(((r.cpuUserS + r.cpuSysS) * 1000) / Math.max(1, r.pages))} | ${f0(r.maxRssMb)} | ${f1(row.serverCpuS)} | ${growth(r)} | `
      + `${row.ok ? 'ok' : `FAILED: ${row.problems.join('; ') || 'wrong count'}`}${extra} |\n`;
  }
  return md;
}

export function renderResults(input: ResultsInput): string {
  const versions = Object.entries(input.versions).map(([k, v]) => `${k} ${v}`).join(', ');
  return `# skitter benchmark${input.quick ? ' (quick smoke run)' : ''}

- Date: ${input.date}
- Machine: ${input.machine}
- Versions: ${versions}
- Site: the demo catalogue (\`createCatalogue({ products: ${input.products}, pageBytes: ${input.pageBytes} })\`), ${input.pagesPerCrawl.toLocaleString('en')} pages per full crawl, served by **${input.server}** from a separate process on 127.0.0.1.
- Every crawler follows every same-host \`<a href>\` from \`/\` and yields \`{ url, title, name, price }\` per product page; the items are checked against the catalogue (count, no duplicates, exact fields). The bare fetch loop fetches the known URL list with no parsing (the limit).
- Medians over the runs. CPU is the crawler process's user + system time; peak RSS is its max resident set (getrusage); server CPU is the server process tree's.
- Chromium rows (headless Chromium, no DevTools client attached unless \`--browser-driver playwright\`): wall time inside the browser around \`crawler.crawl()\`; CPU is the whole Chromium process tree's user + system time from /proc between the start and the end of the crawl (browser process with its network service, renderer, GPU), the renderer's share in the status; peak RSS is the renderer's high-water mark. Chromium opens at most 6 HTTP/1.1 connections per host, whatever the crawl's concurrency.

## ${input.products.toLocaleString('en')} products

${mainTable(input.rows)}
${input.scale ? `## Scale (skitter only; server: ${input.scale.server})\n\n${scaleTable(input.scale.rows)}` : ''}
${input.quick ? '' : targetsSection(input)}${input.analysis ? `${input.analysis.trim()}\n\n` : ''}Reproduce: \`npm run bench\` (\`-- --quick\` for a smoke run). See bench/README.md.
`;
}
