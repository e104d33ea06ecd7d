/**
 * `newsflow archive`, `export --include-archive` and `results --include-archive` in-process on a real Redis: the
 * archived records come back through the same filters, each record once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/domain/types.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { cli } from '../cli/harness.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { record } from './_records.js';

const redis = testRedis();
const prefix = `${uniquePrefix('archive-cli')}:`;
const dir = mkdtempSync(join(tmpdir(), 'nf-archive-cli-'));
const env = { NEWSFLOW_PREFIX: prefix, NEWSFLOW_ARCHIVE_DIR: dir, LOG_LEVEL: 'silent' };
const url = testRedisUrl();

const old = [
  record('a2000000000000000001', {
    storedAt: '2026-01-05T10:00:00.000Z',
    published: '2026-01-04T10:00:00.000Z',
    companies: ['Oracle'],
    people: ['Ann Lee'],
    feed: 'f1',
  }),
  record('a2000000000000000002', {
    storedAt: '2026-01-06T10:00:00.000Z',
    published: '2026-01-06T09:00:00.000Z',
    companies: ['Walmart'],
    feed: 'f2',
    text: 'TikTok deal talks.',
  }),
];
const fresh = [
  record('a2000000000000000003', { storedAt: '2026-03-05T10:00:00.000Z', published: '2026-03-05T09:00:00.000Z', companies: ['Oracle'], feed: 'f1' }),
];

beforeAll(async () => {
  Object.assign(process.env, env);
  const store = new ArticleStore(redis, prefix);
  for (const r of [...old, ...fresh]) await store.save(r);
});
const outDir = mkdtempSync(join(tmpdir(), 'nf-export-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  for (const k of Object.keys(env)) delete process.env[k];
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const ids = (out: string) =>
  out
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as ArticleRecord).id);

describe('archive and the archive-aware read commands', () => {
  it('archive --dry-run, then archive', async () => {
    const dry = await cli(url, 'archive', '--before', '2026-02-01', '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('would archive 2 record(s) first stored before 2026-02-01T00:00:00.000Z');
    expect(dry.out).toMatch(/2026-01-05\.ndjson\.gz\s+1/u);
    const run = await cli(url, 'archive', '--before', '2026-02-01', '--json');
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({
      moved: 2,
      candidates: 2,
      dir,
      files: [
        { day: '2026-01-05', records: 1 },
        { day: '2026-01-06', records: 1 },
      ],
    });
    const again = await cli(url, 'archive', '--before', '2026-02-01');
    expect(again.out).toContain('archived 0 record(s)');
  });

  it('export --include-archive streams the archived records after the stored ones', async () => {
    expect(ids((await cli(url, 'export')).out)).toEqual(['a2000000000000000003']);
    const all = await cli(url, 'export', '--include-archive');
    expect(all.code, all.err).toBe(0);
    expect(ids(all.out)).toEqual(['a2000000000000000003', 'a2000000000000000002', 'a2000000000000000001']);
    expect(JSON.parse(all.out.split('\n')[2]!)).toEqual(old[0]);
    expect(ids((await cli(url, 'export', '--include-archive', '--company', 'oracle')).out)).toEqual(['a2000000000000000003', 'a2000000000000000001']);
    const out = join(outDir, 'export.csv');
    const csv = await cli(url, 'export', '--include-archive', '--out', out, '--json');
    expect(JSON.parse(csv.out)).toMatchObject({ format: 'csv', written: 3 });
    expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(4);
  });

  it('results --include-archive applies the filters to archived records', async () => {
    const page = async (...args: string[]) =>
      JSON.parse((await cli(url, 'results', '--include-archive', '--json', ...args)).out) as {
        total: number;
        matched: number;
        fromArchive: number;
        results: Array<{ id: string }>;
      };
    expect(await page()).toMatchObject({ total: 1, matched: 3, fromArchive: 2 });
    expect((await page('--person', 'ann lee')).results.map((r) => r.id)).toEqual(['a2000000000000000001']);
    expect((await page('--text', 'tiktok')).results.map((r) => r.id)).toEqual(['a2000000000000000002']);
    expect((await page('--feed', 'f1', '--until', '2026-03-01')).results.map((r) => r.id)).toEqual(['a2000000000000000001']);
    expect((await page('--since', '2026-01-05', '--limit', '1', '--offset', '1')).results.map((r) => r.id)).toEqual(['a2000000000000000002']);
    const text = await cli(url, 'results', '--include-archive', '--company', 'Oracle');
    expect(text.out).toContain('1–2 of 2 matching (1 stored, 1 of them archived)');
    expect(JSON.parse((await cli(url, 'results', '--json')).out)).not.toHaveProperty('fromArchive');
  });

  it('a record both archived and in Redis (a run stopped before its delete) is read once', async () => {
    await new ArticleStore(redis, prefix).save(old[0]!);
    expect(ids((await cli(url, 'export', '--include-archive')).out).sort()).toEqual(['a2000000000000000001', 'a2000000000000000002', 'a2000000000000000003']);
    const r = JSON.parse((await cli(url, 'results', '--include-archive', '--json')).out) as { matched: number };
    expect(r.matched).toBe(3);
  });

  it('archive --help shows examples', async () => {
    const h = await cli(url, 'archive', '--help');
    expect(h.out).toContain('Examples:');
    expect(h.out).toContain('newsflow archive --dry-run');
  });
});
