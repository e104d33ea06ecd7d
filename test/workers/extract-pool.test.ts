/**
 * The extraction thread pool: same results as the extractors called directly, the CPU work on the threads and
 * not on the event loop, and a thread that overruns its time is replaced without failing others.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewsflowError } from '../../src/domain/errors.js';
import { extractEntities, extractPage, MAX_ENTITY_TEXT } from '../../src/extractors/index.js';
import { createExtractPool, type ExtractPool } from '../../src/workers/extract-pool.js';
import { threadCpuIsCpu, threadCpuMs, type ExtractInput } from '../../src/workers/extract-task.js';

const PAGES = resolve(import.meta.dirname, '..', '..', 'fixtures', 'pages');
const BASE = 'http://127.0.0.1:8080';

function pages(): Array<{ name: string; input: ExtractInput }> {
  return readdirSync(PAGES).flatMap((site) =>
    readdirSync(join(PAGES, site))
      .filter((f) => f.endsWith('.html'))
      .map((f) => {
        const body = Buffer.from(readFileSync(join(PAGES, site, f), 'latin1').replaceAll('{{BASE}}', BASE), 'latin1');
        const input: ExtractInput = {
          body,
          url: `${BASE}/pages/${site}/${f}`,
          contentType: 'text/html',
          feedTitle: 'Feed title',
          feedPublishedAt: '2020-01-02T03:04:05Z',
        };
        return { name: `${site}/${f}`, input };
      }),
  );
}

describe('extract pool', () => {
  let pool: ExtractPool;
  const all = pages();

  beforeAll(() => {
    pool = createExtractPool({ threads: 2 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('gives the same article and entities as the library pipeline (extractPage)', async () => {
    const outs = await Promise.all(all.map((p) => pool.extract(p.input)));
    for (const [i, p] of all.entries()) {
      const out = outs[i]!;
      const lib = extractPage({
        html: Buffer.from(p.input.body),
        url: p.input.url,
        contentType: p.input.contentType,
        feedTitle: p.input.feedTitle,
        feedPublishedAt: p.input.feedPublishedAt,
      });
      expect(out.article, p.name).toEqual(lib.article);
      expect(out.entities, p.name).toEqual(lib.entities);
      if (lib.entities)
        expect(lib.entities, p.name).toEqual(extractEntities(lib.article.text, { publishedAt: lib.article.publishedAt, title: lib.article.title }));
      expect(out.times.article, p.name).toBeGreaterThanOrEqual(0);
      expect(out.times.nlp, p.name).toBeGreaterThanOrEqual(0);
    }
    // why summed: a thread's CPU clock can read 0 for one small page (clock granularity), never for all of them
    expect(outs.reduce((sum, o) => sum + o.times.article, 0)).toBeGreaterThan(0);
    expect(outs.reduce((sum, o) => sum + o.times.nlp, 0)).toBeGreaterThan(0);
    expect(pool.stats()).toMatchObject({ done: all.length, failed: 0, restarts: 0, busy: 0, queued: 0 });
  }, 60_000);

  it('keeps extraction off the event loop', async () => {
    const lag = monitorEventLoopDelay({ resolution: 5 });
    const pages = [...all, ...all, ...all];
    const main0 = threadCpuMs();
    const pool0 = pool.stats().threadCpuMs;
    lag.enable();
    await Promise.all(pages.map((p) => pool.extract(p.input)));
    lag.disable();
    const mainMs = threadCpuMs() - main0;
    const poolMs = pool.stats().threadCpuMs - pool0;
    // why CPU and not only lag: on a loaded machine the event loop can wait for a core whatever it runs; CPU time
    // says where the work happened (the main thread only posts messages and reads answers)
    expect(poolMs).toBeGreaterThan(0);
    if (threadCpuIsCpu()) expect(mainMs).toBeLessThan(poolMs * 0.2);
    expect(lag.max / 1e6).toBeLessThan(2000);
  }, 60_000);

  it('moves a body that owns its buffer to the thread when asked, and copies it otherwise', async () => {
    const moving = createExtractPool({ threads: 1, moveBody: true });
    try {
      const src = all.find((p) => p.name.endsWith('tiktok-oracle.html')) ?? all[0]!;
      const copied = { ...src.input, body: Buffer.from(src.input.body) };
      const moved = { ...src.input, body: new Uint8Array(src.input.body) };
      const [a, b] = [await pool.extract(copied), await moving.extract(moved)];
      expect(copied.body.byteLength).toBe(src.input.body.byteLength);
      expect(moved.body.byteLength).toBe(0);
      expect(b.article).toEqual(a.article);
      expect(b.entities).toEqual(a.entities);
    } finally {
      await moving.close();
    }
  }, 60_000);

  it('replaces a thread that overruns its time and fails only that task', async () => {
    const slow = createExtractPool({ threads: 1, taskTimeoutMs: 1 });
    try {
      const err = await slow.extract(all[0]!.input).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(NewsflowError);
      expect((err as NewsflowError).code).toBe('PAGE_PARSE');
      expect((err as NewsflowError).retryable).toBe(false);
      expect(slow.stats().restarts).toBe(1);
    } finally {
      await slow.close();
    }
    await expect(slow.extract(all[0]!.input)).rejects.toThrow(/closed/u);
  }, 60_000);
});

describe('a body longer than the entity cap', () => {
  it('gets the same, capped, entities from a worker thread as from the library', async () => {
    // a long feature: paragraphs naming people, and one more person named only past the cap
    const para = (i: number) => `<p>Maria Okafor, the chief executive of Halvern Industries, said on Tuesday that the plan ${i} would go ahead.</p>`;
    let body = '';
    for (let i = 0; body.length < MAX_ENTITY_TEXT + 20_000; i++) body += para(i);
    body += '<p>Late in the piece, Tobias Lindqvist said the vote was close.</p>';
    const html = Buffer.from(`<html><head><title>A long feature</title></head><body><article><h1>A long feature</h1>${body}</article></body></html>`);
    const input: ExtractInput = { body: html, url: `${BASE}/long.html`, contentType: 'text/html', feedTitle: null, feedPublishedAt: '2020-01-02T03:04:05Z' };
    const lib = extractPage({ html, url: input.url, contentType: input.contentType, feedPublishedAt: input.feedPublishedAt });
    expect(lib.article.text.length).toBeGreaterThan(MAX_ENTITY_TEXT);
    const pool = createExtractPool({ threads: 1 });
    try {
      const out = await pool.extract(input);
      expect(out.article).toEqual(lib.article);
      expect(out.entities).toEqual(lib.entities);
    } finally {
      await pool.close();
    }
    const names = lib.entities!.people.map((p) => p.name);
    expect(names).toContain('Maria Okafor');
    expect(names).not.toContain('Tobias Lindqvist'); // named only past the cap
    for (const p of lib.entities!.people) for (const m of p.mentions) expect(m.end).toBeLessThanOrEqual(MAX_ENTITY_TEXT);
  }, 120_000);
});
