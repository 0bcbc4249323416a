import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { closedPort, runCli, tempDir } from './run-cli.ts';

describe('skitter fetch', () => {
  let site: DemoSite;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    site = await startDemoSite({ products: 20 });
    tmp = tempDir();
  });
  afterAll(async () => {
    await site.close();
    tmp.remove();
  });

  it('prints the body on stdout and the log on stderr', async () => {
    const r = await runCli(['fetch', `${site.url}/about`], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(site.catalogue.render('/about').body);
    expect(r.stderr).toContain(`DEBUG: Crawled (200) <GET ${site.url}/about>`);
    expect(site.requestsFor('/about')).toBe(1);
  });

  it('prints a 404 page too, and nothing on stderr with --nolog', async () => {
    const r = await runCli(['fetch', '--nolog', `${site.url}/missing`], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(site.catalogue.render('/missing').body);
    expect(r.stderr).toBe('');
  });

  it('prints the request and response headers with --headers', async () => {
    const r = await runCli(['fetch', '--nolog', '--headers', `${site.url}/robots.txt`], tmp.dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const separator = lines.indexOf('>');
    expect(separator).toBeGreaterThanOrEqual(0);
    expect(lines.slice(0, separator).every((l) => l.startsWith('> '))).toBe(true);
    expect(lines.slice(separator + 1).filter((l) => l !== '').every((l) => l.startsWith('< '))).toBe(true);
    expect(lines).toContain('< content-type: text/plain; charset=utf-8');
    expect(r.stdout).not.toContain('Disallow');
  });

  it('exits 1 when nothing could be fetched', async () => {
    const port = await closedPort();
    const r = await runCli(['fetch', '--nolog', `http://127.0.0.1:${port}/`], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^skitter: error: could not fetch http://127\\.0\\.0\\.1:${port}/: .+\\n$`));
  });

  it('rejects a missing or invalid URL', async () => {
    expect((await runCli(['fetch'], tmp.dir)).stderr).toBe('skitter: error: fetch takes exactly one URL (see "skitter fetch --help")\n');
    const bad = await runCli(['fetch', 'not a url'], tmp.dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('skitter: error: invalid URL: not a url\n');
  });
});
