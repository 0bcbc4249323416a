import { describe, expect, it } from 'vitest';
import { gunzip, isGzip } from '../../src/spiders/gunzip.ts';
import { Sitemap, sitemapUrlsFromRobots } from '../../src/spiders/sitemap.ts';

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('Sitemap', () => {
  it('reads a urlset: fields by local name, stripped text, entities decoded, comments and CDATA handled', () => {
    const sitemap = new Sitemap(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <!-- first -->
  <url><loc> http://a.test/1?x=1&amp;y=2 </loc><lastmod>2024-01-02</lastmod><priority>0.5</priority></url>
  <url><loc><![CDATA[http://a.test/2]]></loc><changefreq>daily</changefreq></url>
  <url><lastmod>2024-01-03</lastmod></url>
  <url><loc>http://a.test/<!-- c -->3</loc><extra><b>nested</b></extra></url>
</urlset>`);
    expect(sitemap.type).toBe('urlset');
    expect([...sitemap]).toEqual([
      { loc: 'http://a.test/1?x=1&y=2', lastmod: '2024-01-02', priority: '0.5' },
      { loc: 'http://a.test/2', changefreq: 'daily' },
      { loc: 'http://a.test/3', extra: '' },
    ]);
  });

  it('ignores namespace prefixes and collects <xhtml:link> alternates', () => {
    const sitemap = new Sitemap(`<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
<sm:url><sm:loc>http://a.test/en</sm:loc>
  <xhtml:link rel="alternate" hreflang="de" href="http://a.test/de"/>
  <xhtml:link rel="alternate" hreflang="fr" href="http://a.test/fr"/>
  <xhtml:link rel="alternate" hreflang="xx"/>
</sm:url></sm:urlset>`);
    expect(sitemap.type).toBe('urlset');
    expect([...sitemap]).toEqual([{ loc: 'http://a.test/en', alternate: ['http://a.test/de', 'http://a.test/fr'] }]);
  });

  it('reads a sitemap index, and gives an empty type for a document without elements', () => {
    const index = new Sitemap('<sitemapindex><sitemap><loc>http://a.test/s1.xml</loc></sitemap><sitemap><loc>http://a.test/s2.xml.gz</loc></sitemap></sitemapindex>');
    expect(index.type).toBe('sitemapindex');
    expect([...index].map((e) => e.loc)).toEqual(['http://a.test/s1.xml', 'http://a.test/s2.xml.gz']);
    const empty = new Sitemap('not xml at all');
    expect(empty.type).toBe('');
    expect([...empty]).toEqual([]);
  });

  it('sitemapUrlsFromRobots finds Sitemap: lines in any case and resolves them', () => {
    const robots = 'User-agent: *\nDisallow: /private/\r\nSitemap: http://a.test/sitemap.xml\n  sitemap:/relative.xml\nSITEMAP : ignored\n# Sitemap: commented\n';
    expect(sitemapUrlsFromRobots(robots, 'http://a.test/robots.txt')).toEqual(['http://a.test/sitemap.xml', 'http://a.test/relative.xml']);
  });
});

describe('gunzip', () => {
  it('decompresses gzip data and recognises the magic number', async () => {
    const data = await gzip('<urlset>héllo</urlset>');
    expect(isGzip(data)).toBe(true);
    expect(isGzip(new TextEncoder().encode('<urlset/>'))).toBe(false);
    expect(new TextDecoder().decode((await gunzip(data))!)).toBe('<urlset>héllo</urlset>');
  });

  it('returns null past maxSizeBytes, and the decompressed prefix of truncated data', async () => {
    const text = 'x'.repeat(100_000);
    const data = await gzip(text);
    expect(await gunzip(data, 99_999)).toBeNull();
    expect((await gunzip(data, 100_000))!.byteLength).toBe(100_000);
    // Without the CRC/size trailer, or cut in the middle, what was decompressed is returned.
    expect((await gunzip(data.subarray(0, data.byteLength - 8)))!.byteLength).toBe(100_000);
    const truncated = await gunzip(data.subarray(0, data.byteLength / 2));
    expect(truncated!.byteLength).toBeGreaterThan(0);
    expect(truncated!.byteLength).toBeLessThan(100_000);
    expect(new TextDecoder().decode(truncated!)).toBe('x'.repeat(truncated!.byteLength));
    await expect(gunzip(new Uint8Array([0x1f, 0x8b, 0x08, 0, 1, 2, 3]))).rejects.toThrow();
  });
});
