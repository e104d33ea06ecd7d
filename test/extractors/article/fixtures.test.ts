/**
 * The bundled fixture pages (fixtures/pages, read-only here) through the article extractor: the seed story's shape,
 * debris, charset, microdata, Next.js markup, wire and syndicated copies, a home page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/index.js';
import { pagePR, shingleCounts } from '../../../scripts/eval/_shingles.js';

const root = join(import.meta.dirname, '../../../fixtures/pages');
const BASE = 'http://127.0.0.1:8080';
const load = (path: string) => {
  // the fixture server's byte-level {{BASE}} replacement, without a charset in Content-Type
  const bytes = Buffer.from(readFileSync(join(root, path)).toString('latin1').replaceAll('{{BASE}}', BASE), 'latin1');
  return extractArticle(bytes, { url: `${BASE}/pages/${path}`, contentType: 'text/html' });
};
const has = (path: string) => existsSync(join(root, path));

describe.skipIf(!has('daily-ledger/tiktok-oracle.html'))('fixture pages', () => {
  it('seed story: body without debris, blocks apart, metadata and credit line', () => {
    const a = load('daily-ledger/tiktok-oracle.html');
    expect(a.title).toBe("ByteDance Rejects Microsoft's Bid for TikTok, Oracle Likely Partner");
    expect(a.authors).toEqual(['Dana Whitfield']);
    expect(a.publishedAt).toBe('2020-09-13T21:08:00-04:00');
    expect(a.modifiedAt).toBe('2020-09-13T22:41:00-04:00');
    expect(a.text.startsWith('ByteDance has rejected Microsoft’s bid')).toBe(true);
    expect(a.text).not.toMatch(/Choose your Reaction|Leave a Comment|Advertisement|Read more/u);
    expect(a.text).toMatch(/\n\nMore to come\.\n\nThis article originally appeared on The Hollywood Reporter\.$/u);
    expect(a.syndication).toMatchObject({ source: 'The Hollywood Reporter', rule: 'originally-appeared' });
    expect(a.isArticle).toBe(true);
  });

  const seed = '/work/shared/seed/000_c7a1a37e0fdd24e3.txt';
  it.skipIf(!existsSync(seed))('seed story: the page body matches the seed text (debris lines aside)', () => {
    const gold = readFileSync(seed, 'utf8').replace(/\n*Choose your Reaction!\s*Leave a Comment\s*$/u, '');
    const { p, r } = pagePR(shingleCounts(gold, load('daily-ledger/tiktok-oracle.html').text));
    expect(p).toBeGreaterThan(0.99);
    expect(r).toBeGreaterThan(0.9);
  });

  it('syndicated copy: credit line named, editor note and caption not body', () => {
    const a = load('northfold-courier/bytedance-turns-down-microsoft.html');
    expect(a.syndication).toMatchObject({ source: 'The Hollywood Reporter', rule: 'originally-appeared' });
    expect(a.canonicalUrl).toMatch(/^https:\/\/www\.hollywoodreporter\.com\//u);
    expect(a.url).toBe(`${BASE}/pages/northfold-courier/bytedance-turns-down-microsoft.html`);
    expect(a.text).not.toMatch(/Editor’s note|Courier photo/u);
    expect(a.authors).toContain('Dana Whitfield');
    expect(a.provenance.authors).toBe('microdata');
  });

  it('windows-1252 table layout: names survive, kicker and page chrome are not title or body', () => {
    const a = load('port-alden-gazette/gulls-comeback.html');
    expect(a.title).toBe('Mariners Erase 21-Point Deficit to Stun Cedar Point');
    expect(a.text).toContain('José Ibáñez');
    expect(a.publishedAt).toBe('2020-09-05T00:35:00');
    expect(a.text).not.toMatch(/Reader Comments|Comments are the opinions/u);
  });

  it('body written as <br><br> text inside <font>', () => {
    const a = load('port-alden-gazette/cannery-closing.html');
    expect(a.text.split('\n\n').length).toBeGreaterThan(5);
    expect(a.text).toContain('140 jobs');
  });

  it("Next.js markup: the embedded JSON's UTC instant takes the byline's local day, body from divs", () => {
    const a = load('brightwater-signal/tiktok-global-deal.html');
    // the JSON says 2020-09-20T00:45:00.000Z, the byline "Sept. 19, 2020": the publisher's local day
    expect(a.publishedAt).toBe('2020-09-19');
    expect(a.provenance.publishedAt).toBe('visible-text');
    expect(a.text.split('\n\n').length).toBeGreaterThan(5);
  });

  it('wire story: AP dateline, @graph author, caption dropped', () => {
    const a = load('kestrel-bay-sentinel/retail-sales-wire.html');
    expect(a.syndication).toMatchObject({ source: 'Associated Press', rule: 'wire-dateline' });
    expect(a.authors).toEqual(['Carla Jennings']);
    expect(a.text.startsWith('NEW YORK (AP) —')).toBe(true);
  });

  it('malformed JSON-LD: other rules fill the fields', () => {
    const a = load('kestrel-bay-sentinel/drought-water-rules.html');
    expect(a.publishedAt).toBe('2020-09-18T07:30:00-07:00');
    expect(a.authors).toEqual(['Lena Abernathy']);
    expect(a.text).not.toContain('Sentinel photo');
  });

  it('home page is not an article and has no date', () => {
    const a = load('daily-ledger/index.html');
    expect(a.isArticle).toBe(false);
    expect(a.publishedAt).toBeNull();
  });
});
